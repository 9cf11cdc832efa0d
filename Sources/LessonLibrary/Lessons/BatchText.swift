import LessonCore

/// The text of backpropagation over a batch (m > 1), read from a `BatchBackwardTrace`, and
/// the note on symmetric units.
enum BatchText {
    static func lines(_ batch: BatchBackwardTrace, network: Network, learningRate: Double, lossAfter: Double) -> [String] {
        let m = batch.count
        let n = { (v: Double) in Notation.number(v) }
        var lines = ["Batch of m = \(m) examples (the trace above is example 1 alone, m = 1), averaged as seed 000 writes it: J = (1/m) Σₖ L(x⁽ᵏ⁾, y⁽ᵏ⁾) + (λ/2m) Σ w²."]
        lines.append(indexMapping)
        for (k, example) in batch.examples.enumerated() {
            let deltas = example.layers.map { "δ⁽\(NetworkNotation.raised($0.layer))⁾ = (\($0.delta.map(n).joined(separator: ", ")))" }
            lines.append("  example \(k + 1): L⁽\(NetworkNotation.raised(k + 1))⁾ = \(n(batch.losses[k])); " + deltas.joined(separator: "; "))
        }
        lines.append("  J = (1/\(m))(\(batch.losses.map(n).joined(separator: " + "))) + (λ/2m)Σw² = \(n(batch.losses.reduce(0, +) / Double(m))) + \(n(batch.penalty)) = \(n(batch.loss))")
        for (index, delta) in batch.averageDeltas.enumerated() {
            let l = index + 1
            let terms = batch.examples.map { "(\($0.layers[index].delta.map(n).joined(separator: ", ")))" }
            lines.append("  average δ⁽\(NetworkNotation.raised(l))⁾ = (1/\(m))[\(terms.joined(separator: " + "))] = (\(delta.map(n).joined(separator: ", ")))")
        }
        let decay = batch.l2 / Double(m)
        lines.append("Gradients: ∂J/∂w⁽ˡ⁾ᵢⱼ = (1/m) Σₖ δ⁽ˡ⁾ᵢ⁽ᵏ⁾ a⁽ˡ⁻¹⁾ⱼ⁽ᵏ⁾ + (λ/m) w⁽ˡ⁾ᵢⱼ (λ/m = \(Notation.number(decay, decimals: 6))), ∂J/∂b⁽ˡ⁾ᵢ = (1/m) Σₖ δ⁽ˡ⁾ᵢ⁽ᵏ⁾:")
        for (index, grad) in batch.gradWeights.enumerated() {
            let layer = network.layers[index]
            for i in 0..<layer.units {
                let parts = (0..<layer.inputs).map { j -> String in
                    let terms = batch.examples.map { Notation.factor($0.layers[index].gradWeights[i, j]) }.joined(separator: " + ")
                    let penalty = decay > 0 ? " + \(Notation.factor(decay, decimals: 6))×\(Notation.factor(layer.weights[i, j]))" : ""
                    return "∂J/∂\(NetworkNotation.weight(layer: index + 1, i, j)) = (1/\(m))(\(terms))\(penalty) = \(n(grad[i, j]))"
                }
                lines.append("  " + parts.joined(separator: "; ") + "; ∂J/∂\(NetworkNotation.unit("b", layer: index + 1, i)) = \(n(batch.gradBias[index][i]))")
            }
        }
        lines.append("One step θ ← θ − α ∂J/∂θ with α = \(n(learningRate)): J goes from \(n(batch.loss)) to \(n(lossAfter)).")
        return lines
    }

    /// How this lesson's indices map to seed 000's.
    static let indexMapping = "Index mapping: this lesson numbers the input layer 0 and writes w⁽ˡ⁾ᵢⱼ for the weight into unit i of layer l from unit j of layer l − 1 (row i of W⁽ˡ⁾). Seed 000 numbers the input layer 1 and writes w⁽ˡ⁾ᵢⱼ for the weight from unit i of layer l to unit j of layer l + 1. So the lesson's layer l is the seed's layer l + 1, its δ⁽ˡ⁾ is the seed's δ⁽ˡ⁺¹⁾, and its w⁽ˡ⁾ᵢⱼ is the seed's w⁽ˡ⁾ⱼᵢ (the same superscript, the indices swapped)."

    /// Every δ and weight gradient of a backward trace written in seed 000's indexing.
    static func seedIndexing(_ backward: BackwardTrace) -> [String] {
        var lines = ["In seed 000's indexing (input = layer 1, w⁽ˡ⁾ᵢⱼ from unit i of layer l to unit j of layer l + 1):", "  " + indexMapping]
        for layer in backward.layers {
            let s = layer.layer + 1
            lines.append("  δ⁽\(NetworkNotation.raised(s))⁾ = (" + layer.delta.map { Notation.number($0) }.joined(separator: ", ") + ")   (this lesson's δ⁽\(NetworkNotation.raised(layer.layer))⁾)")
            let g = layer.gradWeights
            var parts: [String] = []
            for j in 0..<g.columns {
                for i in 0..<g.rows {
                    parts.append("∂L/∂w⁽\(NetworkNotation.raised(layer.layer))⁾\(NetworkNotation.lowered(j + 1))\(NetworkNotation.lowered(i + 1)) = \(Notation.number(g[i, j]))")
                }
            }
            lines.append("  " + parts.joined(separator: "; "))
        }
        return lines
    }

    /// A note when units of a layer have identical incoming weights, before and after the update.
    static func symmetry(before: Network, after: Network) -> [String] {
        let groups = before.identicalUnits()
        guard !groups.isEmpty else { return [] }
        let kept = after.identicalUnits()
        var lines = [""]
        for group in groups {
            let names = group.units.map { NetworkNotation.unit("a", layer: group.layer + 1, $0) }.joined(separator: ", ")
            let stays = kept.contains { $0.layer == group.layer && Set(group.units).isSubset(of: Set($0.units)) }
            lines.append("Symmetry: the units \(names) of layer \(group.layer + 1) start with identical incoming weights, so they compute the same value, receive the same δ and the same gradient" + (stays ? "; after the update their weights are still identical, and so they stay for every update: they never learn different features. A random initialisation breaks the symmetry." : "."))
        }
        return lines
    }
}

/// The JSON of a backprop run with a batch: the first example's trace and the batch's.
struct BatchPayload: Encodable {
    struct Batch: Encodable {
        var count: Int
        var losses: [Double]
        var penalty: Double
        var loss: Double
        var deltas: [[[Double]]]
        var averageDeltas: [[Double]]
        var gradWeights: [[[Double]]]
        var gradBias: [[Double]]

        init(_ trace: BatchBackwardTrace) {
            count = trace.count
            losses = trace.losses
            penalty = trace.penalty
            loss = trace.loss
            deltas = trace.examples.map { $0.layers.map(\.delta) }
            averageDeltas = trace.averageDeltas
            gradWeights = trace.gradWeights.map { g in (0..<g.rows).map { i in (0..<g.columns).map { g[i, $0] } } }
            gradBias = trace.gradBias
        }
    }
    var single: NetworkPayload
    var batch: Batch


    func encode(to encoder: Encoder) throws {
        try single.encode(to: encoder)
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(batch, forKey: DynamicKey("batch"))
    }
}

import Foundation
import LessonCore

/// The text of the cnn lesson: reads the forward and backward traces, computes nothing.
enum CNNText {
    static func map(_ symbol: String, _ k: Int) -> String { symbol + NetworkNotation.lowered(k + 1) }

    /// The architecture with every shape, as the notes draw "the whole CNN".
    static func header(_ network: SmallCNN, _ forward: CNNForwardTrace) -> [String] {
        let s = forward.shapes, k = network.filterCount
        let filter = Notation.shape(network.filters[0].shape)
        let maps = "\(k)@\(Notation.shape(s.featureMap))"
        return [
            "Network: image \(Notation.shape(s.image)) → conv \(k) \(Counted.noun(k, "filter")) \(filter) (padding \(network.padding), stride \(network.stride)) → \(maps) → ReLU → \(maps) → max pool \(network.poolSize.rows)×\(network.poolSize.columns), stride \(network.poolStride) → \(k)@\(Notation.shape(s.pooled)) → flatten \(s.flattened) → dense \(s.flattened) → \(s.classes) → softmax → cross-entropy",
            "Parameters: \(k)×(\(network.filters[0].count) + 1) in the filters + \(s.classes)×(\(s.flattened) + 1) in the dense layer = \(network.parameterCount)",
            "The convolution is a cross-correlation (as torch.nn.Conv2d); f lists map 1 row by row, then map 2, … (PyTorch's view(N, −1)).",
            "image x (\(Notation.shape(s.image))):",
            Notation.matrix(forward.image),
            "target y = (\(forward.loss.target.map { Notation.number($0) }.joined(separator: ", ")))",
        ]
    }

    static func forward(_ trace: CNNForwardTrace) -> [String] {
        var lines = ["FORWARD PASS"]
        lines.append("")
        lines.append("Layer 1, convolution: zₖ[i,j] = Σᵤᵥ x[i·s + u, j·s + v]·wₖ[u,v] + bₖ")
        for (k, conv) in trace.convolutions.enumerated() {
            lines.append("filter \(map("w", k)) (\(Notation.shape(conv.kernel.shape))), bias \(map("b", k)) = \(Notation.number(conv.bias)):")
            lines.append(Notation.matrix(conv.kernel))
            for step in conv.steps { lines.append("  " + map("z", k) + Notation.index(step.row, step.column) + " = " + step.sumText) }
            lines += LessonText.matrix("feature map \(map("z", k))", conv.output)
        }
        lines.append("")
        lines.append("Layer 2, ReLU: aₖ = max(0, zₖ), cell by cell")
        for (k, a) in trace.activations.enumerated() {
            let z = trace.convolutions[k].output
            lines.append("\(map("a", k)) = ReLU(\(map("z", k))): \(trace.zeroedCounts[k]) of \(z.count) cells are ≤ 0 and become 0")
            lines.append(Notation.matrix(a))
        }
        lines.append("")
        lines.append("Layer 3, max pooling: \(trace.pools[0].settings); pₖ[i,j] = max of aₖ over window (i,j)")
        for (k, pool) in trace.pools.enumerated() {
            for step in pool.steps {
                var line = "  " + map("p", k) + Notation.index(step.row, step.column) + " = " + step.formula(op: .max)
                if let cell = step.winnerCell { line += ", from " + map("a", k) + Notation.index(cell.row, cell.column) }
                if !step.ties.isEmpty { line += " (tied; the first in row-major order wins, as in PyTorch)" }
                lines.append(line)
            }
            lines += LessonText.matrix("\(map("p", k))", pool.output)
        }
        lines.append("")
        lines.append("Layer 4, flatten: f = (\((0..<min(trace.flattened.count, 3)).map { name(trace, $0) }.joined(separator: ", ")), …, \(name(trace, trace.flattened.count - 1)))")
        lines.append("  f = (\(trace.flattened.map { Notation.number($0) }.joined(separator: ", "))), \(trace.flattened.count) values")
        lines.append("")
        lines.append("Layer 5, dense and softmax: s = W f + c, ŷ = softmax(s). In the network engine's notation this is layer 1: xⱼ = fⱼ, z⁽¹⁾ = s, a⁽¹⁾ = ŷ.")
        let dense = trace.dense.layers[0]
        lines.append("  W (\(Notation.shape(dense.weights.shape)), one row per class) =")
        lines.append(Notation.matrix(dense.weights, indent: "    "))
        lines.append("  c = (\(dense.bias.map { Notation.number($0) }.joined(separator: ", ")))")
        for unit in dense.units {
            lines.append("  " + unit.sumText)
            lines.append("  " + unit.activationText)
        }
        lines.append("logits s = (\(trace.logits.map { Notation.number($0) }.joined(separator: ", ")))")
        lines.append("probabilities ŷ = (\(trace.probabilities.map { Notation.number($0, decimals: 6) }.joined(separator: ", ")))")
        lines.append("")
        lines.append("Loss:")
        lines += trace.loss.lines.map { "  " + $0 }
        return lines
    }

    /// `p₁[2,1]`: the pooled cell that flattened value j is.
    /// Why the gradient check disagrees, when it does by more than rounding: the kinks of L this
    /// run sits on (a max-pooling window whose maximum is tied, a z of exactly 0 at the ReLU),
    /// where L has no derivative. Empty when the check agrees or no kink is found.
    static func kinks(_ trace: CNNForwardTrace, _ check: GradientCheck) -> [String] {
        // The filters whose check disagrees: a kink moves only its own map (the dense layer's
        // central differences leave f as it is).
        let filters = Set(check.entries.filter { $0.layer == 1 && $0.difference > 1e-6 }.map(\.row))
        guard !filters.isEmpty else { return [] }
        var ties: [String] = [], zeros: [String] = []
        for (k, pool) in trace.pools.enumerated() where filters.contains(k) {
            for step in pool.steps where !step.ties.isEmpty {
                ties.append(map("p", k) + Notation.index(step.row, step.column))
            }
        }
        for (k, conv) in trace.convolutions.enumerated() where filters.contains(k) {
            let columns = conv.output.shape[1]
            for (index, z) in conv.output.scalars.enumerated() where z == 0 {
                zeros.append(map("z", k) + Notation.index(index / columns + 1, index % columns + 1))
            }
        }
        guard !ties.isEmpty || !zeros.isEmpty else { return [] }
        let shown = { (names: [String]) in names.count > 6 ? names.prefix(6).joined(separator: ", ") + ", … (\(names.count) in all)" : names.joined(separator: ", ") }
        var places: [String] = []
        if !ties.isEmpty { places.append("a tied maximum in \(shown(ties))") }
        if !zeros.isEmpty { places.append("z exactly 0 at the ReLU in \(shown(zeros))") }
        return ["  The differences above 10⁻⁶ (\(filters.sorted().map { map("w", $0) }.joined(separator: ", "))) are not errors of backprop: this run sits on kinks of L, where it has no derivative "
                + "(\(places.joined(separator: "; "))). There a central difference averages the slopes on the two sides, while "
                + "backprop takes one side, as PyTorch does (the first maximum in row-major order; ReLU′(0) = 0). "
                + "Change a tied value or that z slightly and the two agree."]
    }

    static func name(_ trace: CNNForwardTrace, _ j: Int) -> String {
        let origin = trace.origin(ofFlattened: j)
        return map("p", origin.map) + Notation.index(origin.row, origin.column)
    }

    static func backward(_ forward: CNNForwardTrace, _ trace: CNNBackwardTrace) -> [String] {
        var lines = ["BACKWARD PASS, from the loss back to the filters"]
        let dense = trace.dense.layers[0]
        lines.append("")
        lines.append("Layer 5, dense (δ of the logits):")
        lines += NetworkText.gradients(dense)
        lines.append("  ∂L/∂W =")
        lines.append(Notation.matrix(dense.gradWeights, indent: "    "))
        lines.append("")
        lines.append("Layer 4, flatten backward: ∂L/∂f = Wᵀδ, i.e. ∂L/∂fⱼ = Σᵢ Wᵢⱼ δᵢ over the classes; then put back into the pooled maps' shape")
        for entry in trace.flattenedGradient {
            lines.append("  \(entry.text)   (\(name(forward, entry.index)))")
        }
        for (k, g) in trace.pooledGradients.enumerated() {
            lines += LessonText.matrix("∂L/∂\(map("p", k))", g)
        }
        lines.append("")
        lines.append("Layer 3, max-pool routing: each ∂L/∂pₖ[i,j] goes to the cell that won window (i,j); every other cell gets 0")
        for (k, pool) in trace.pools.enumerated() {
            for step in pool.steps {
                for target in step.targets {
                    lines.append("  ∂L/∂\(map("p", k))\(Notation.index(step.row, step.column)) = \(Notation.number(step.upstream)) → \(map("a", k))\(Notation.index(target.row, target.column))")
                }
            }
            lines += LessonText.matrix("∂L/∂\(map("a", k))", pool.gradient)
        }
        lines.append("")
        lines.append("Layer 2, ReLU mask: δₖ = ∂L/∂zₖ = ∂L/∂aₖ ∘ ReLU′(zₖ), with ReLU′(z) = 1 if z > 0, else 0")
        for k in 0..<trace.reluMasks.count {
            let z = forward.convolutions[k].output, g = trace.pools[k].gradient, mask = trace.reluMasks[k], d = trace.convolutionDeltas[k]
            for r in 0..<g.shape[0] {
                for c in 0..<g.shape[1] where g[r, c] != 0 {
                    let passes = mask[r, c] == 1
                    lines.append("  \(map("δ", k))\(Notation.index(r, c)) = \(Notation.factor(g[r, c]))×\(Notation.number(mask[r, c])) = \(Notation.number(d[r, c])) (\(map("z", k))\(Notation.index(r, c)) = \(Notation.number(z[r, c])) \(passes ? "> 0: passes" : "≤ 0: blocked"))")
                }
            }
            lines.append("ReLU′(\(map("z", k))):")
            lines.append(Notation.matrix(mask))
            lines.append("\(map("δ", k)) (\(Notation.shape(d.shape))), every cell not listed above is 0:")
            lines.append(Notation.matrix(d))
        }
        lines.append("")
        lines.append("Layer 1, convolution backward (Conv2D.backward with upstream δₖ): ∂L/∂bₖ = Σ δₖ, ∂L/∂wₖ[u,v] = Σᵢⱼ δₖ[i,j]·x[i·s + u, j·s + v]")
        for (k, conv) in trace.convolutions.enumerated() {
            let nonzero = conv.upstream.scalars.filter { $0 != 0 }
            lines.append("  ∂L/∂\(map("b", k)) = Σ \(map("δ", k)) = \(nonzero.isEmpty ? "0" : nonzero.map { Notation.factor($0) }.joined(separator: " + ")) = \(Notation.number(conv.gradBias))")
            for step in conv.kernelSteps {
                // Only the products with a non-zero δ: the others add 0.
                let terms = step.terms.filter { $0.upstream != 0 }
                let label = "∂L/∂" + map("w", k) + Notation.index(step.row, step.column)
                let written = terms.isEmpty ? "0" : Notation.sumOfProducts(terms.map { ($0.upstream, $0.factor) }, bias: nil, result: step.value)
                lines.append("  \(label) = \(written)")
            }
            lines.append("∂L/∂\(map("w", k)):")
            lines.append(Notation.matrix(conv.gradKernel))
        }
        lines.append("(products with δ = 0 are left out of the sums above; they add 0)")
        lines.append("∂L/∂x, the sum over the filters of the transposed convolutions of δₖ (for a layer below, if there were one):")
        lines.append(Notation.matrix(trace.gradImage))
        return lines
    }

    static func update(_ update: CNNUpdate) -> [String] {
        var lines = ["Gradient descent, θ ← θ − α ∂L/∂θ with α = \(Notation.number(update.learningRate, decimals: 6)), for every parameter:"]
        lines += update.lines.map { "  " + $0 }
        lines.append("  loss before: \(Notation.number(update.lossBefore, decimals: 6)); after one step: \(Notation.number(update.lossAfter, decimals: 6)) (\(LessonText.lossChange(before: update.lossBefore, after: update.lossAfter)))")
        return lines
    }
}

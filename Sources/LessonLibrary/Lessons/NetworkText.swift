import Foundation
import LessonCore

/// The text of a network's traces, shared by the mlp and backprop lessons: it only reads
/// the traces' numbers and sentences.
enum NetworkText {
    /// The network, its forward pass and the loss, each after a blank line: all mlp prints, and
    /// how backprop begins.
    static func forwardPass(_ example: NetworkExample, _ trace: ForwardTrace, loss: LossTrace) -> [String] {
        [""] + header(example) + [""] + forward(trace) + [""] + self.loss(loss)
    }

    /// `Network 2 → 2 → 1 (9 parameters); loss mse: L = ½Σᵢ(aᵢ − yᵢ)²; no L2 term`.
    static func header(_ example: NetworkExample) -> [String] {
        let network = example.network
        var lines = ["Network \(network.architecture) (\(network.parameterCount) parameters); loss \(network.loss.rawValue): \(network.loss.formula); " +
                     (network.l2 > 0 ? "L2 term (λ/2m)Σw² with λ = \(Notation.number(network.l2, decimals: 6)), m = 1" : "no L2 term")]
        lines.append("W⁽ˡ⁾ has one row per unit and one column per input: w⁽ˡ⁾ᵢⱼ is the weight from unit j of layer l − 1 into unit i of layer l.")
        lines.append("input x = (\(example.input.map { Notation.number($0) }.joined(separator: ", "))), target y = (\(example.target.map { Notation.number($0) }.joined(separator: ", ")))")
        return lines
    }

    /// Every layer and unit: z term by term, then a = f(z).
    static func forward(_ trace: ForwardTrace) -> [String] {
        var lines = ["Forward pass: z⁽ˡ⁾ᵢ = Σⱼ w⁽ˡ⁾ᵢⱼ a⁽ˡ⁻¹⁾ⱼ + b⁽ˡ⁾ᵢ, then a⁽ˡ⁾ = f(z⁽ˡ⁾) (a⁽⁰⁾ = x)"]
        for layer in trace.layers {
            lines.append("")
            lines.append("Layer \(layer.layer) (\(layer.a.count) \(Counted.noun(layer.a.count, "unit")), \(layer.activation.rawValue): \(layer.activation.formula))")
            lines.append("  W⁽\(NetworkNotation.raised(layer.layer))⁾ =")
            lines.append(Notation.matrix(layer.weights, indent: "    "))
            lines.append("  b⁽\(NetworkNotation.raised(layer.layer))⁾ = (\(layer.bias.map { Notation.number($0) }.joined(separator: ", ")))")
            for unit in layer.units {
                lines.append("  " + unit.sumText)
                lines.append("  " + unit.activationText)
            }
        }
        lines.append("")
        lines.append("output a⁽ᴸ⁾ = (\(trace.output.map { Notation.number($0) }.joined(separator: ", ")))")
        return lines
    }

    /// The loss written out.
    static func loss(_ trace: LossTrace) -> [String] {
        ["Loss:"] + trace.lines.map { "  " + $0 }
    }

    /// δ and the gradients of every layer, last layer first.
    /// A layer's δ rule and every δ, then every weight and bias gradient, indented under its heading.
    static func gradients(_ layer: LayerBackward) -> [String] {
        var lines = layer.ruleLines.dropLast().map { "  " + $0 } + layer.units.map { "  " + $0.deltaText }
        lines.append("  " + (layer.ruleLines.last ?? ""))
        for unit in layer.units { lines += (unit.weightTexts + [unit.biasText]).map { "  " + $0 } }
        return lines
    }

    static func backward(_ trace: BackwardTrace) -> [String] {
        var lines = ["Backward pass, from the output layer back to the first:"]
        for layer in trace.layers.reversed() {
            lines.append("")
            let kind = layer.rule == .hidden ? "hidden" : "output"
            lines.append("Layer \(layer.layer) (\(kind)):")
            lines += gradients(layer)
            lines.append("  ∂L/∂W⁽\(NetworkNotation.raised(layer.layer))⁾ (same orientation as W⁽\(NetworkNotation.raised(layer.layer))⁾) =")
            lines.append(Notation.matrix(layer.gradWeights, indent: "    "))
        }
        return lines
    }

    /// One gradient-descent update, before and after, and the new loss.
    static func update(_ step: GradientDescentStep) -> [String] {
        var lines = ["Gradient descent, θ ← θ − α ∂L/∂θ with α = \(Notation.number(step.learningRate, decimals: 6)):"]
        lines += step.lines.map { "  " + $0 }
        lines.append("  loss before: \(Notation.number(step.lossBefore, decimals: 6)); after one step: \(Notation.number(step.lossAfter, decimals: 6)) (\(LessonText.lossChange(before: step.lossBefore, after: step.lossAfter)))")
        return lines
    }

    /// The finite-difference check, one line per parameter and the largest difference.
    static func gradientCheck(_ check: GradientCheck) -> [String] {
        var lines = ["Gradient check: central differences (L(θ + ε) − L(θ − ε))/2ε with ε = \(scientific(check.epsilon)), for every parameter:"]
        let width = check.entries.map(\.name.count).max() ?? 0
        let analytic = check.entries.map { Notation.fixed($0.analytic, decimals: 8) }
        let numeric = check.entries.map { Notation.fixed($0.numeric, decimals: 8) }
        let valueWidth = (analytic + numeric).map(\.count).max() ?? 0
        let pad = { (s: String) in String(repeating: " ", count: valueWidth - s.count) + s }
        for (k, entry) in check.entries.enumerated() {
            let name = entry.name + String(repeating: " ", count: width - entry.name.count)
            lines.append("  \(name)  backprop \(pad(analytic[k]))  numeric \(pad(numeric[k]))  |difference| \(scientific(entry.difference))")
        }
        if let worst = check.worst {
            lines.append("  largest difference: \(scientific(worst.difference)) (\(worst.name)) over \(check.entries.count) parameters")
        }
        return lines
    }

    /// `2.1×10⁻¹⁰`, and `10⁻⁶` for a mantissa of 1.
    static func scientific(_ value: Double) -> String { Notation.scientific(value, decimals: 1, unitMantissa: false) }
}

/// The JSON of a network lesson: `loss` and `layers` (z, a, δ, gradients) first, then the
/// traces with every step written out.
struct NetworkPayload: Encodable {
    /// One layer in forward order.
    struct LayerValues: Encodable {
        var z: [Double]
        var a: [Double]
        var delta: [Double]?
        var gradWeights: [[Double]]?
        var gradBias: [Double]?
    }

    var architecture: String
    var loss: Double
    var output: [Double]
    var layers: [LayerValues]
    var forward: ForwardTrace
    var lossSteps: [String]
    var backward: [LayerBackward]?
    var update: GradientDescentStep?
    var gradientCheck: GradientCheck?
    var largestGradientDifference: Double?

    init(network: Network, forward: ForwardTrace, loss: LossTrace, backward: BackwardTrace?, update: GradientDescentStep?,
         check: GradientCheck?) {
        architecture = network.architecture
        self.loss = loss.total
        output = forward.output
        layers = forward.layers.enumerated().map { index, layer in
            let b = backward?.layers[index]
            return LayerValues(z: layer.z, a: layer.a, delta: b?.delta, gradWeights: b?.gradWeights.rowArrays, gradBias: b?.gradBias)
        }
        self.forward = forward
        lossSteps = loss.lines
        self.backward = backward?.layers
        self.update = update
        gradientCheck = check
        largestGradientDifference = check?.largestDifference
    }
}

/// Everything a 1-D convolution did, as plain values for text, JSON and figures.
public struct Conv1DTrace: Equatable, Sendable, Codable {
    /// Cross-correlation or true convolution.
    public var mode: ConvolutionMode
    /// The signal as given, and with its zero padding.
    public var input: [Double]
    /// The kernel as given, and as laid on the windows (reversed for a true convolution).
    public var kernel: [Double]
    public var appliedKernel: [Double]
    /// Bias, padding per end, stride and dilation.
    public var bias: Double
    public var padding: Int
    /// The zeros at the right end beyond `padding` (TensorFlow's "same" with an odd total); nil when both ends get p.
    public var extraPadding: Int?
    public var stride: Int
    public var dilation: Int
    /// The signal with p zeros at each end (x̃ in the notes).
    public var paddedInput: [Double]
    /// The outputs in order.
    public var output: [Double]
    /// The output-length arithmetic.
    public var outputSize: OutputSize
    /// Whether outputs are named after the input position under the kernel's centre (z₂ … z₇)
    /// rather than numbered 1, 2, ….
    public var namedByCentre: Bool
    /// One step per output.
    public var steps: [Conv1DStep]

    /// The padding as the text writes it: `1`, or with uneven padding each end: `left 0, right 1`.
    public var paddingText: String {
        extraPadding.map { "left \(padding), right \(padding + $0)" } ?? "\(padding)"
    }

    /// x̃ described: `x with 1 zero at each end`, or `x with 0 zeros on the left and 1 on the right`.
    public var paddedDescription: String {
        guard let extra = extraPadding else { return "x with \(padding) \(Counted.noun(padding, "zero")) at each end" }
        return "x with \(padding) \(Counted.noun(padding, "zero")) on the left and \(padding + extra) on the right"
    }

    /// The step whose name is `name` (`2` for z₂), if any.
    public func step(named name: Int) -> Conv1DStep? { steps.first { $0.name == name } }

    /// The names of the kernel's weights: w₋₁ w₀ w₁ for an odd kernel (as the notes write
    /// them), w₁ … w_k for an even one.
    public var weightNames: [String] {
        let k = appliedKernel.count
        if k % 2 == 1 {
            let m = (k - 1) / 2
            return (0..<k).map { "w" + Notation.subscriptDigits($0 - m) }
        }
        return (0..<k).map { "w" + Notation.subscriptDigits($0 + 1) }
    }
}

/// How one output of a 1-D convolution was computed.
public struct Conv1DStep: Equatable, Sendable, Codable {
    /// The output's place in the output vector, 0-based.
    public var position: Int
    /// The number in the output's name: `2` for z₂ (see `Conv1DTrace.namedByCentre`).
    public var name: Int
    /// The products, in kernel order.
    public var terms: [Conv1DTerm]
    /// The bias added.
    public var bias: Double
    /// The output value Σ w·x + b.
    public var value: Double

    /// The output's name: `z₂`.
    public var label: String { "z" + Notation.subscriptDigits(name) }

    /// The sum as the notes write it, weight first: `1×4 + (−2)×1 + 1×1 = 3` (a bias only when non-zero).
    public var sumText: String {
        Notation.sumOfProducts(terms.map { ($0.weight, $0.input) }, bias: bias == 0 ? nil : bias, result: value)
    }

    /// `z₂ = 1×4 + (−2)×1 + 1×1 = 3`.
    public var text: String { label + " = " + sumText }

    /// The window's first and last positions in the padded signal, 0-based.
    public var window: ClosedRange<Int> { (terms.first?.paddedPosition ?? 0)...(terms.last?.paddedPosition ?? 0) }

    /// The stored fields, plus `label` and `text`.
    public func encode(to encoder: Encoder) throws {
        try encoder.encodeFields(["position": position, "name": name, "label": label, "terms": terms, "bias": bias,
                                  "value": value, "text": text])
    }
}

/// One product of a 1-D convolution sum: a weight times a signal value.
public struct Conv1DTerm: Equatable, Sendable, Codable {
    /// Where the value sits in the padded signal, 0-based.
    public var paddedPosition: Int
    /// Which weight of the applied kernel, 0-based.
    public var kernelIndex: Int
    /// The signal value (0 on padding) and the weight.
    public var input: Double
    public var weight: Double
    /// Whether the value is a padding zero.
    public var isPadding: Bool
}

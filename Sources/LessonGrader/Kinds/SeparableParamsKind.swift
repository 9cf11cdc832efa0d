import LessonCore

/// `separable-params`: the parameters of a depthwise separable convolution (Keras's
/// SeparableConv2D, depth multiplier 1): depthwise k·k·C_in (no bias), pointwise C_in·K + K.
///
/// Keys: `channels` (C_in), `kernel` (k, or [rows, columns]), `filters` (K), `ask`
/// (`total`, the default, `depthwise`, `pointwise`, or `standard`, the ordinary Conv2D's
/// (C_in·k·k + 1)·K). The answer comes from `ParameterCount`. Mistakes recognised: the
/// pointwise biases forgotten, one bias per depthwise channel too, the standard convolution's
/// count, channels forgotten in the depthwise part.
public enum SeparableParamsKind: QuestionKind {
    public static let name = "separable-params"
    public static let summary = "parameters of a depthwise separable convolution: depthwise, pointwise, total, or the standard one"
    public static let keys = ["channels", "kernel", "filters", "ask"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let c = try parameters.int("channels"), k = try parameters.pair("kernel", default: Pair2(3)), f = try parameters.int("filters")
        guard c >= 1, f >= 1, k.rows >= 1, k.columns >= 1, c <= 100_000, f <= 100_000, k.rows <= 1000, k.columns <= 1000 else {
            throw InputError("\(parameters.location): channels, filters and the kernel size must be at least 1 (and not huge)")
        }
        let ask = try parameters.choice("ask", ["total", "depthwise", "pointwise", "standard"], default: "total")
        let kernel = [k.rows, k.columns]
        let separable = ParameterCount.separable(channels: c, kernel: kernel, filters: f)
        let standard = ParameterCount.standard(channels: c, kernel: kernel, filters: f)
        let depthwise = k.rows * k.columns * c, pointwise = c * f + f
        let sheet = ["input channels C_in = \(c), kernel \(k.rows)×\(k.columns), filters K = \(f)"]
        switch ask {
        case "depthwise":
            return PreparedQuestion(sheet: sheet, expected: .integer(depthwise),
                                    working: ["depthwise: k·k·C_in = \(k.rows)·\(k.columns)·\(c) = \(depthwise) (one k×k kernel per channel, no bias)"],
                                    mistakes: [KnownMistake(name: "a bias per depthwise channel", answer: .integer(depthwise + c)),
                                               KnownMistake(name: "channels forgotten (one kernel for all channels)", answer: .integer(k.rows * k.columns))]
                                        .filter { $0.answer != .integer(depthwise) })
        case "pointwise":
            return PreparedQuestion(sheet: sheet, expected: .integer(pointwise),
                                    working: ["pointwise: C_in·K + K = \(c)·\(f) + \(f) = \(pointwise) (a 1×1 convolution with biases)"],
                                    mistakes: [KnownMistake(name: "biases forgotten", answer: .integer(c * f))])
        case "standard":
            return PreparedQuestion(sheet: sheet, expected: .integer(standard.total), working: [standard.formula + " = " + standard.filledIn],
                                    mistakes: [KnownMistake(name: "biases forgotten", answer: .integer(standard.total - f)),
                                               KnownMistake(name: "the separable count instead of the standard one", answer: .integer(separable.total))]
                                        .filter { $0.answer != .integer(standard.total) })
        default:
            let mistakes = [KnownMistake(name: "biases forgotten", answer: .integer(separable.total - f)),
                            KnownMistake(name: "a bias per depthwise channel too", answer: .integer(separable.total + c)),
                            KnownMistake(name: "the standard convolution's count ((C_in·k·k + 1)·K)", answer: .integer(standard.total)),
                            KnownMistake(name: "channels forgotten in the depthwise part", answer: .integer(k.rows * k.columns + pointwise))]
            var seen = Set<Answer>([.integer(separable.total)])
            return PreparedQuestion(sheet: sheet, expected: .integer(separable.total),
                                    working: ["standard Conv2D for comparison: " + standard.formula + " = " + standard.filledIn,
                                              "SeparableConv2D: " + separable.formula + " = " + separable.filledIn],
                                    mistakes: mistakes.filter { seen.insert($0.answer).inserted })
        }
    }
}

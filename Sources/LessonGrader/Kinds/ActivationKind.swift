import LessonCore

/// `activation`: the value or the derivative of an activation function at one z.
///
/// Keys: `function` (sigmoid, tanh, relu, softplus, linear, step), `z`, `ask` (`value`, the
/// default, or `derivative`). The answer is `Activation.value` or `Activation.derivative`.
/// Mistakes recognised: the value given for the derivative (and back); for σ′, σ(z) without
/// the factor (1 − σ(z)); for tanh′, 1 − tanh(z) unsquared; for ReLU′ at z = 0, 1.
public enum ActivationKind: QuestionKind {
    public static let name = "activation"
    public static let summary = "the value or the derivative of an activation function (σ, tanh, ReLU, softplus) at z"
    public static let keys = ["function", "z", "ask"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let name = try parameters.string("function", expected: "an activation such as sigmoid, tanh, relu or softplus")
        let f: Activation
        do { f = try Activation.named(name) } catch let error as InputError { throw parameters.error("function", error.message) }
        guard f.isElementwise else { throw parameters.error("function", "softmax acts on a whole layer; use an mlp-forward question") }
        let z = try parameters.double("z")
        let ask = try parameters.choice("ask", ["value", "derivative"], default: "value")
        let value = f.value(z), slope = f.derivative(z)
        let zText = Notation.number(z)
        let sheet = ["function: " + f.formula, "z = " + zText]
        if ask == "value" {
            return PreparedQuestion(sheet: sheet, expected: .number(value),
                                    working: [f.formula, "\(f.symbol)(\(zText)) = \(Notation.number(value, decimals: 6))"],
                                    mistakes: value != slope ? [KnownMistake(name: "the derivative instead of the value", answer: .number(slope))] : [])
        }
        var mistakes: [KnownMistake] = []
        if value != slope { mistakes.append(KnownMistake(name: "the value instead of the derivative", answer: .number(value))) }
        switch f {
        case .tanh: mistakes.append(KnownMistake(name: "1 − tanh(z) instead of 1 − tanh²(z)", answer: .number(1 - value)))
        case .sigmoid: mistakes.append(KnownMistake(name: "1 − σ(z) without the factor σ(z)", answer: .number(1 - value)))
        case .relu where z == 0: mistakes.append(KnownMistake(name: "ReLU′(0) taken as 1 (frameworks use 0)", answer: .number(1)))
        default: break
        }
        return PreparedQuestion(sheet: sheet, expected: .number(slope),
                                working: [f.derivativeFormula, "\(f.symbol)′(\(zText)) = \(Notation.number(slope, decimals: 6))"],
                                mistakes: mistakes)
    }
}

import LessonCore

/// `autodiff`: the value J of an expression, or its derivative ∂J/∂x, at a point, as the
/// computation graph computes them forward and backward (seeds/002).
///
/// Keys: `expression` (such as `cos(sin(x^2) + 3x^2)`), `at` (the point: `{x: 1}`), `ask`
/// (`value`, the default, or `derivative`), `variable` (for the derivative; default the
/// first variable). The answer is `ComputationGraph.forward`/`backward`'s. Mistakes
/// recognised: the value for the derivative and back, the derivative's sign reversed.
public enum AutodiffKind: QuestionKind {
    public static let name = "autodiff"
    public static let summary = "the value J or the derivative ∂J/∂x of an expression at a point, via the computation graph"
    public static let keys = ["expression", "at", "ask", "variable"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let text = try parameters.string("expression", expected: "an expression such as \"cos(sin(x^2) + 3x^2)\"")
        let expression: Expression
        do { expression = try ExpressionParser.parse(text) } catch let error as InputError { throw parameters.error("expression", error.message) }
        guard case .map(let point)? = parameters.values["at"], !point.isEmpty else {
            throw InputError("\(parameters.location): the key 'at' must map each variable to a number, such as {x: 1}")
        }
        let at = QuestionParameters(values: point, location: "\(parameters.location), key 'at'")
        var inputs: [String: Double] = [:]
        for key in point.keys.sorted() { inputs[key] = try at.double(key) }
        let graph = ComputationGraph(expression)
        let forward = try parameters.located { try graph.forward(at: inputs) }
        let backward = graph.backward(forward)
        let ask = try parameters.choice("ask", ["value", "derivative"], default: "value")
        let variable = try parameters.optionalString("variable") ?? graph.variables.first ?? "x"
        guard let slope = backward.gradient[variable] else {
            throw parameters.error("variable", "'\(variable)' is not a variable of the expression; its variables are \(graph.variables.joined(separator: ", "))")
        }
        let pointText = inputs.keys.sorted().map { "\($0) = \(Notation.number(inputs[$0] ?? 0))" }.joined(separator: ", ")
        let sheet = ["J = " + text, "at " + pointText]
        if ask == "value" {
            return PreparedQuestion(sheet: sheet, expected: .number(forward.output), working: forward.lines,
                                    mistakes: slope != forward.output ? [KnownMistake(name: "the derivative instead of the value", answer: .number(slope))] : [])
        }
        var mistakes: [KnownMistake] = []
        if slope != forward.output { mistakes.append(KnownMistake(name: "the value instead of the derivative", answer: .number(forward.output))) }
        if slope != 0 { mistakes.append(KnownMistake(name: "the derivative's sign reversed", answer: .number(-slope))) }
        return PreparedQuestion(sheet: sheet + ["asked: ∂J/∂\(variable)"], expected: .number(slope),
                                working: forward.lines + backward.steps.map(\.text), mistakes: mistakes)
    }
}

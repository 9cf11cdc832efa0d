import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

@Suite struct AutodiffTests {
    /// EXAMPLES.md, "Computation graph (002)": J(1) = −0.764920, dJ/dx(1) = 4.560792,
    /// J(0.5) = 0.542485, dJ/dx(0.5) = −3.334147. Two of these are one unit off in the sixth
    /// decimal (exact: −0.76492056…, −3.33414641…), so they are asserted within 1e-6, and the
    /// correctly rounded values within half a unit.
    @Test(arguments: [(1.0, -0.764920, 4.560792, -0.764921, 4.560792), (0.5, 0.542485, -3.334147, 0.542485, -3.334146)])
    func notesExample(x: Double, j: Double, dJdx: Double, roundedJ: Double, roundedDJdx: Double) throws {
        let graph = ComputationGraph(try ExpressionParser.parse("cos(sin(x^2) + 3x^2)"))
        let forward = try graph.forward(at: ["x": x])
        let backward = graph.backward(forward)
        let gradient = backward.gradient["x"] ?? .nan
        #expect(abs(forward.output - j) <= 1e-6 + 1e-12, "J at x = \(x): \(forward.output)")
        #expect(abs(gradient - dJdx) <= 1e-6 + 1e-12, "dJ/dx at x = \(x): \(gradient)")
        #expect(abs(forward.output - roundedJ) <= 5e-7 && abs(gradient - roundedDJdx) <= 5e-7)
        #expect(Notation.number(forward.output, decimals: 6) == Notation.number(roundedJ, decimals: 6))
        // Closed form: dJ/dx = −sin(sin(x²) + 3x²)·(cos(x²)·2x + 6x).
        let exact = -sin(sin(x * x) + 3 * x * x) * (cos(x * x) * 2 * x + 6 * x)
        #expect(agree(backward.gradient["x"] ?? .nan, exact, absolute: 1e-12))
    }

    @Test func sharedSubexpressionIsOneNodeWithTwoPathsBack() throws {
        let graph = ComputationGraph(try ExpressionParser.parse("cos(sin(x²) + 3·x^2)"))
        #expect(graph.nodes.map(\.name) == ["x", "2", "v₁", "v₂", "3", "v₃", "v₄", "J"])
        #expect(graph.nodes.map(\.formula) == ["x", "2", "x^2", "sin(v₁)", "3", "3·v₁", "v₂ + v₃", "cos(v₄)"])
        let v1 = try #require(graph.nodes.first { $0.formula == "x^2" })
        #expect(graph.nodes.filter { $0.inputs.contains(v1.id) }.count == 2, "t = x² feeds sin(t) and 3t")
        let backward = graph.backward(try graph.forward(at: ["x": 1]))
        #expect(backward.steps.filter { $0.input == v1.id }.count == 2)
        #expect(backward.steps.first?.text.hasPrefix("∂J/∂v₄ += ∂J/∂J · ∂J/∂v₄ = 1×0.64") == true)
    }

    @Test(arguments: [
        ("cos(x", "the expression \"cos(x\" does not parse at the end (column 6): expected ')' to close cos( opened at column 4"),
        ("x + * 2", "the expression \"x + * 2\" does not parse at column 5: unexpected '*'; expected a number, a variable, a function or '('"),
        ("foo(x)", "the expression \"foo(x)\" does not parse at column 1: unknown function 'foo'; the functions are sin, cos, exp, log, tanh and sigmoid"),
        ("(x + 1))", "the expression \"(x + 1))\" does not parse at column 8: there is a ')' with no '(' to close"),
        ("", "the expression is empty; write one such as cos(sin(x^2) + 3x^2)"),
        ("2 $ x", "the expression \"2 $ x\" does not parse at column 3: unexpected '$'; expected an operator such as + or × here"),
        ("sin x", "the expression \"sin x\" does not parse at column 1: the function 'sin' needs its argument in parentheses, such as sin(x)"),
    ])
    func parseErrorsSayWhere(text: String, message: String) {
        #expect(throws: InputError(message)) { try ExpressionParser.parse(text) }
    }

    @Test func precedenceAndAssociativity() throws {
        let cases: [(String, Double)] = [("-x^2", -4), ("2^3^2", 512), ("3x^2", 12), ("1 - 2 - 3", -4), ("8/2/2", 2),
                                         ("2(x + 1)", 6), ("x**2 ÷ 4 × 2", 2), ("−x²", -4), ("sigmoid(0) + ln(1)", 0.5)]
        for (text, value) in cases {
            let graph = ComputationGraph(try ExpressionParser.parse(text))
            #expect(try graph.forward(at: graph.variables.isEmpty ? [:] : ["x": 2]).output == value, "\(text)")
        }
    }

    /// Property: reverse mode equals central differences for expressions of every operation,
    /// at seeded random points (tolerance 1e-6 relative, as for the networks).
    @Test(arguments: 0..<20)
    func reverseModeMatchesFiniteDifferences(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let expressions = ["x*y + sin(x)/y", "exp(tanh(x) - y^2)", "log(x^2 + 1) * cos(y)", "sigmoid(3x - 2y) / (1 + x^2)",
                           "x^y", "-(x - y)^3 + x*x*x", "tanh(x)*sigmoid(y)*exp(-x*y)"]
        let text = expressions[Int(seed) % expressions.count]
        let graph = ComputationGraph(try ExpressionParser.parse(text))
        let at = ["x": rng.uniform(0.2...2), "y": rng.uniform(0.2...2)]
        let backward = graph.backward(try graph.forward(at: at))
        for v in ["x", "y"] {
            var up = at, down = at
            up[v]! += 1e-6
            down[v]! -= 1e-6
            let numeric = (try graph.forward(at: up).output - graph.forward(at: down).output) / 2e-6
            let analytic = backward.gradient[v] ?? .nan
            #expect(abs(analytic - numeric) <= 1e-6 * max(1, abs(numeric)), "seed \(seed), \(text) at \(at): ∂/∂\(v) \(analytic) vs \(numeric)")
        }
    }

    @Test func domainErrorsNameTheNode() throws {
        let graph = ComputationGraph(try ExpressionParser.parse("log(x)"))
        #expect(throws: InputError("J = log(x) = log(0) is not a finite number at x = 0")) { try graph.forward(at: ["x": 0]) }
        #expect(throws: InputError.self) { try graph.forward(at: [:]) }
        #expect(throws: InputError.self) { try graph.forward(at: ["x": 1, "y": 2]) }
    }

    /// Deep nesting is an error naming the limit, never a stack overflow.
    @Test(arguments: [
        String(repeating: "(", count: 400) + "x" + String(repeating: ")", count: 400),
        String(repeating: "-", count: 900) + "x",
        String(repeating: "sin(", count: 150) + "x" + String(repeating: ")", count: 150),
        Array(repeating: "x", count: 150).joined(separator: "^"),
    ])
    func deepNestingIsAnError(text: String) throws {
        let error = #expect(throws: InputError.self) { try ExpressionParser.parse(text) }
        #expect(error?.message.contains("nests more than 100 levels deep") == true, "\(error?.message.prefix(300) ?? "")")
        #expect((error?.message.count ?? 0) < 400)
    }

    @Test func aVeryLongExpressionIsAnError() throws {
        let text = Array(repeating: "x", count: 30_000).joined(separator: "+")
        #expect(throws: InputError("the expression is 59999 characters long; the lesson traces expressions of at most 1000")) {
            try ExpressionParser.parse(text)
        }
    }

    @Test func nestingWithinTheLimitParses() throws {
        let text = String(repeating: "(", count: 50) + "x" + String(repeating: ")", count: 50)
        #expect(try ExpressionParser.parse(text) == .variable("x"))
    }
}

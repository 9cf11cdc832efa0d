import Foundation
import LessonCore
import LessonFigures

/// `lesson run autodiff`: reverse-mode automatic differentiation on a computation graph.
///
/// Lesson file keys: `expression` (text such as `cos(sin(x^2) + 3x^2)`), `at` (a mapping of
/// each variable to its value), and `expected` with `J` and `gradient` (a mapping variable → value).
public enum AutodiffLesson: Lesson {
    public static let id = "autodiff"

    /// The parameters of one run.
    public struct Example: LessonExample {
        /// The expression as written.
        public var expression: String
        /// Each variable's value.
        public var at: [String: Double]
        /// J and ∂J/∂variable as the lesson file states them, if it does.
        public var statedValue: Double?
        public var statedGradient: [String: Double] = [:]

        /// Creates an example from an expression and the variables' values.
        public init(expression: String, at: [String: Double]) {
            self.expression = expression
            self.at = at
        }

        /// Reads a variant of the lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["expression", "at"])
            expression = try variant.require("expression", expected: "the expression, such as cos(sin(x^2) + 3x^2)").string()
            at = [:]
            for (name, value) in try variant.require("at", expected: "each variable's value, such as {x: 1}").entries() {
                at[name] = try value.double()
            }
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["J", "gradient"])
                statedValue = try expected["J"]?.double()
                for (name, value) in try expected["gradient"]?.entries() ?? [] { statedGradient[name] = try value.double() }
            }
        }
    }

    /// Reads a variant and parses its expression, so a mistake in it names the lesson file.
    public static func example(_ variant: LessonVariant) throws -> Example {
        do {
            let example = try Example(variant)
            _ = try ExpressionParser.parse(example.expression)
            return example
        } catch let error as InputError where !error.isLocated {
            throw error.located(in: "lessons/\(id).yaml, variant \(variant.name)")
        }
    }

    /// Parses and runs an example.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let graph = ComputationGraph(try ExpressionParser.parse(example.expression))
        let forward = try graph.forward(at: example.at)
        let backward = graph.backward(forward)
        let n = { (x: Double) in Notation.number(x, decimals: 6) }
        // Stated values are written with 6 decimals: they must agree to half a unit of the sixth.
        var mismatches: [Mismatch] = []
        if let stated = example.statedValue, !StatedPrecision.agreesToSixDecimals(stated, forward.output) {
            mismatches.append(Mismatch(subject: "J", stated: n(stated), recomputed: n(forward.output)))
        }
        for name in example.statedGradient.keys.sorted() {
            let stated = example.statedGradient[name] ?? 0, recomputed = backward.gradient[name] ?? 0
            if !StatedPrecision.agreesToSixDecimals(stated, recomputed) {
                mismatches.append(Mismatch(subject: "∂J/∂\(name)", stated: n(stated), recomputed: n(recomputed)))
            }
        }
        let at = example.at.keys.sorted().map { "\($0) = \(n(example.at[$0] ?? 0))" }.joined(separator: ", ")
        var lines = heading.lines
        lines.append("")
        lines.append("J = \(example.expression) at \(at)")
        lines.append("")
        lines.append("Computation graph, one node per operation in topological order (each after its inputs; equal subexpressions share a node):")
        for node in graph.nodes where !node.isLeaf {
            let users = graph.nodes.filter { $0.inputs.contains(node.id) }.map(\.name)
            lines.append("  \(node.name) = \(node.formula)" + (users.count > 1 ? "   (feeds \(users.joined(separator: " and ")))" : ""))
        }
        lines.append("")
        lines.append("Forward, in topological order: compute each node from its inputs and store it.")
        lines += forward.lines.map { "  " + $0 }
        lines.append("")
        lines.append("Backward, in reverse topological order: ∂J/∂J = 1 and every other ∂J/∂v = 0; for each node u and each input v, ∂J/∂v += ∂J/∂u · ∂u/∂v.")
        lines += backward.steps.map { "  " + $0.text }
        lines.append("")
        let gradient = backward.gradient
        let variableNodes = Dictionary(graph.nodes.compactMap { node in node.variable.map { ($0, node.id) } }, uniquingKeysWith: { a, _ in a })
        lines.append("Result: J = \(n(forward.output)); " + gradient.keys.sorted().map { name in
            if let id = variableNodes[name], let gap = backward.gradientGap(id) { return "∂J/∂\(name) is \(gap)" }
            return "∂J/∂\(name) = \(n(gradient[name] ?? 0))"
        }.joined(separator: ", "))
        let checked = (example.statedValue == nil ? 0 : 1) + example.statedGradient.count
        lines += LessonChecks.lines(mismatches, checked: checked)
        let payload = Payload(expression: example.expression, at: example.at, value: forward.output,
                              gradient: gradient.mapValues { $0.isFinite ? $0 : nil },
                              nodes: graph.nodes.map { node in
                                  let gap = backward.gradientGap(node.id)
                                  return .init(name: node.name, formula: node.formula, operation: node.operation.rawValue,
                                               inputs: node.inputs.map { graph.nodes[$0].name },
                                               value: forward.values[node.id], gradient: gap == nil ? backward.adjoints[node.id] : nil,
                                               gradientNote: gap)
                              },
                              forwardSteps: forward.lines, backwardSteps: backward.steps.map(\.text))
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: payload,
                            figures: [GraphFigures.graph(backward, expression: example.expression)], mismatches: mismatches)
    }

    /// The JSON of a run: the value, the gradient, and every node with its value and gradient.
    struct Payload: Encodable {
        struct Node: Encodable {
            var name: String
            var formula: String
            var operation: String
            var inputs: [String]
            var value: Double
            /// ∂J/∂node, or null when `gradientNote` says why there is none.
            var gradient: Double?
            var gradientNote: String?

            private enum CodingKeys: String, CodingKey { case name, formula, operation, inputs, value, gradient, gradientNote }

            func encode(to encoder: Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(name, forKey: .name); try c.encode(formula, forKey: .formula)
                try c.encode(operation, forKey: .operation); try c.encode(inputs, forKey: .inputs)
                try c.encode(value, forKey: .value)
                try c.encode(gradient, forKey: .gradient)  // null, not left out, when there is none
                try c.encodeIfPresent(gradientNote, forKey: .gradientNote)
            }
        }
        var expression: String
        var at: [String: Double]
        var value: Double
        /// ∂J/∂variable; null where undefined (the node's `gradient_note` says why).
        var gradient: [String: Double?]
        var nodes: [Node]
        var forwardSteps: [String]
        var backwardSteps: [String]
    }
}

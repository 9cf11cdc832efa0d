import ArgumentParser
import LessonCore

extension AutodiffLesson {
    public static let abstract = "Reverse-mode automatic differentiation on a computation graph, node by node."
    public static let discussion = """
        Without options, runs J = cos(sin(x²) + 3x²) at x = 1 (seeds/002). --expr takes any \
        expression of +, −, ×, ÷ (or * /), powers (^, ², ³), sin, cos, exp, log, tanh and sigmoid, \
        e.g. --expr "x*y + sin(x)/y" --at x=1,y=2.
        """
    public static let customTitle: String? = "Automatic differentiation"

    /// An expression and the values of its variables.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The expression to differentiate.", valueName: "expression")) var expr: String?
        @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Values of the variables, such as x=1 or x=1,y=2 (repeatable).", valueName: "name=value")) var at: [String] = []

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            if let expr {
                example.expression = expr
                if at.isEmpty { example.at = [:] }
            }
            if !at.isEmpty { example.at = try Self.values(at) }
            let changed = expr != nil || !at.isEmpty
            if changed {
                example.statedValue = nil
                example.statedGradient = [:]
            }
            return changed
        }

        /// Reads `x=1`, `x=1,y=2` (each option may hold several).
        static func values(_ arguments: [String]) throws -> [String: Double] {
            var result: [String: Double] = [:]
            for argument in arguments {
                for part in argument.split(separator: ",") {
                    let sides = part.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard sides.count == 2, !sides[0].isEmpty, let value = MatrixLiteral.parseNumber(sides[1]) else {
                        throw InputError("--at \(argument): expected name=value, such as x=1 or x=1,y=2")
                    }
                    if let earlier = result[sides[0]], earlier != value {
                        throw InputError("--at gives \(sides[0]) twice (\(Notation.number(earlier)) and \(Notation.number(value))); give each variable one value")
                    }
                    result[sides[0]] = value
                }
            }
            return result
        }
    }
}

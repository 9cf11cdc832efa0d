import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run autodiff`: the computation graph of the notes' example, or any expression.
struct RunAutodiff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autodiff",
        abstract: "Reverse-mode automatic differentiation on a computation graph, node by node.",
        discussion: """
            Without options, runs J = cos(sin(x²) + 3x²) at x = 1 (seeds/002). --expr takes any \
            expression of +, −, ×, ÷ (or * /), powers (^, ², ³), sin, cos, exp, log, tanh and sigmoid, \
            e.g. --expr "x*y + sin(x)/y" --at x=1,y=2.
            """
    )

    @Option(help: ArgumentHelp("The expression to differentiate.", valueName: "expression"))
    var expr: String?

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Values of the variables, such as x=1 or x=1,y=2 (repeatable).", valueName: "name=value"))
    var at: [String] = []

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(AutodiffLesson.id)
            let variant = try file.variant(options.variant)
            var example = try AutodiffLesson.Example(variant)
            let changed = expr != nil || !at.isEmpty
            if let expr {
                example.expression = expr
                if at.isEmpty { example.at = [:] }
            }
            if !at.isEmpty { example.at = try Self.values(at) }
            if changed {
                example.statedValue = nil
                example.statedGradient = [:]
            }
            let output = try AutodiffLesson.run(example, title: changed ? "Automatic differentiation" : file.title,
                                                source: changed ? nil : file.source,
                                                variant: changed ? "custom" : variant.name,
                                                description: changed ? nil : variant.description)
            try options.finish(output)
        }
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
                result[sides[0]] = value
            }
        }
        return result
    }
}

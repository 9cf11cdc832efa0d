import ArgumentParser
import LessonCore

extension ActivationsLesson {
    public static let abstract = "σ, tanh, ReLU and softplus and their derivatives, tabulated and plotted."
    public static let discussion = "--at takes the z values of the table, such as --at \"-2 0 2\"; --from and --to the plotted range."
    /// The options only change which values are shown: the heading stays the lesson file's.
    public static let customTitle: String? = nil

    /// The tabulated values and the plotted range.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The z values of the table.", valueName: "values")) var at: String?
        @Option(parsing: .unconditional, help: "The left end of the plotted range of z.", transform: FiniteNumber.parse) var from: Double?
        @Option(parsing: .unconditional, help: "The right end of the plotted range of z.", transform: FiniteNumber.parse) var to: Double?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            if let at { example.at = try MatrixArgument.vector(at, option: "--at") }
            if let from { example.from = from }
            if let to { example.to = to }
            guard example.from < example.to, example.from.isFinite, example.to.isFinite else {
                throw InputError("--from must be less than --to, got \(Notation.number(example.from)) and \(Notation.number(example.to))")
            }
            return at != nil || from != nil || to != nil
        }
    }
}

import ArgumentParser
import LessonCore

extension PerceptronLesson {
    public static let abstract = "AND, OR and NOT with a threshold unit, the perceptron rule epoch by epoch, and XOR."
    public static let discussion = "Without options, runs the notes' gates (seeds/001) and trains AND, OR and XOR from w = (0, 0, 0) with α = 1."
    /// The options change how the rule runs, not the gates: the heading stays the lesson file's.
    public static let customTitle: String? = nil

    /// The learning rate and the most epochs of the perceptron rule.
    public struct Options: LessonOptions {
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate α of the perceptron rule.", valueName: "α"), transform: FiniteNumber.parse) var learningRate: Double?
        @Option(parsing: .unconditional, help: "The most epochs to run the rule.") var epochs: Int?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            if let learningRate { example.learningRate = learningRate }
            if let epochs { example.epochs = epochs }
            return learningRate != nil || epochs != nil
        }
    }
}

import ArgumentParser
import LessonCore

extension GradientDescentLesson {
    public static let abstract = "GD vs SGD vs mini-batch gradient descent on J = (1/N)Σ(ŷ − y)², term by term, and the learning-rate regimes."
    public static let discussion = """
        Without options, fits ŷ = θx to x = (1, 2, 3, 4), y = (2, 4, 5, 8) from θ = 0 with α = 0.05 (seeds/004). \
        --seed N shuffles every epoch; --no-shuffle keeps the order given.
        """
    public static let customTitle: String? = "Gradient descent, SGD and mini-batch gradient descent"

    /// The command-line options of `lesson run gradient-descent`; nil leaves the example's value.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The inputs, such as \"1 2 3 4\".", valueName: "vector")) public var x: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The targets, such as \"2 4 5 8\".", valueName: "vector")) public var y: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("through-origin (ŷ = θx) or with-intercept (ŷ = θx + b).", valueName: "model")) public var model: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The start θ, or θ,b with an intercept.", valueName: "θ[,b]")) public var start: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The learning rate α.", valueName: "α"), transform: FiniteNumber.parse) public var learningRate: Double?
        @Option(parsing: .unconditional, help: "The number of epochs.") public var epochs: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("N_b, the examples per mini-batch.", valueName: "N_b")) public var batchSize: Int?
        @Option(parsing: .unconditional, help: "Shuffle every epoch with this seed.") public var seed: UInt64?
        @Flag(help: "Visit the examples in the order given.") public var noShuffle = false

        /// No options.
        public init() {}

        /// Applies the options given; the run is "custom" when any was.
        public func apply(to example: inout Example) throws -> Bool {
            example = try applied(to: example)
            return changesExample
        }

        /// Whether any option changes the lesson file's example (so its stated values no longer apply).
        public var changesExample: Bool {
            x != nil || y != nil || model != nil || start != nil || learningRate != nil || epochs != nil || batchSize != nil
                || seed != nil || noShuffle
        }

        /// The example with these options applied; `--seed` turns shuffling on, `--no-shuffle` off.
        public func applied(to example: Example) throws -> Example {
            var result = example
            if let x { result.x = try MatrixArgument.vector(x, option: "--x") }
            if let y { result.y = try MatrixArgument.vector(y, option: "--y") }
            if let model {
                guard let parsed = RegressionModel(rawValue: model) else {
                    throw InputError("--model \(model): expected through-origin or with-intercept")
                }
                if parsed != result.model, start == nil { result.start = parsed.parameterNames.map { _ in 0 } }
                result.model = parsed
                if parsed == .withIntercept, result.learningRates != nil, example.model != parsed { result.learningRates = nil }
            }
            if let start { result.start = try MatrixArgument.vector(start, option: "--start") }
            if let learningRate { result.learningRate = try TrainingOptionValues.learningRate(learningRate) }
            if let epochs {
                guard epochs >= 1, epochs <= 10_000 else { throw InputError("--epochs must be from 1 to 10000, got \(epochs)") }
                result.epochs = epochs
            }
            if let batchSize {
                guard batchSize >= 1 else { throw InputError("--batch-size must be at least 1, got \(batchSize)") }
                result.batchSize = batchSize
            }
            if let seed {
                result.seed = seed
                result.shuffle = true
            }
            if noShuffle { result.shuffle = false }
            if x != nil || y != nil || model != nil { result.learningRates = nil }
            if changesExample {
                result.statedInitialLoss = nil
                result.stated = [:]
            }
            return result
        }
    }
}

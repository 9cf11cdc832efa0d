import LessonCore

extension GradientDescentLesson {
    /// The command-line options of `lesson run gradient-descent`; nil leaves the example's value.
    public struct Options {
        public var x: String?
        public var y: String?
        public var model: String?
        public var start: String?
        public var learningRate: Double?
        public var epochs: Int?
        public var batchSize: Int?
        public var seed: UInt64?
        public var noShuffle = false

        /// No options.
        public init() {}

        /// Whether any option changes the lesson file's example (so its stated values no longer apply).
        public var changesExample: Bool {
            x != nil || y != nil || model != nil || start != nil || learningRate != nil || epochs != nil || batchSize != nil
                || seed != nil || noShuffle
        }

        /// The example with these options applied; `--seed` turns shuffling on, `--no-shuffle` off.
        public func apply(to example: Example) throws -> Example {
            var result = example
            if let x { result.x = try TrainingOptionValues.vector(x, option: "--x") }
            if let y { result.y = try TrainingOptionValues.vector(y, option: "--y") }
            if let model {
                guard let parsed = RegressionModel(rawValue: model) else {
                    throw InputError("--model \(model): expected through-origin or with-intercept")
                }
                if parsed != result.model, start == nil { result.start = parsed.parameterNames.map { _ in 0 } }
                result.model = parsed
                if parsed == .withIntercept, result.learningRates != nil, example.model != parsed { result.learningRates = nil }
            }
            if let start { result.start = try TrainingOptionValues.vector(start, option: "--start") }
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

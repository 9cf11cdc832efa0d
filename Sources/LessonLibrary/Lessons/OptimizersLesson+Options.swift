import LessonCore

extension OptimizersLesson {
    /// The command-line options of `lesson run optimizers`; nil leaves the example's value.
    public struct Options {
        public var surface: String?
        public var optimizer: String?
        public var learningRate: Double?
        public var steps: Int?
        public var start: String?

        /// No options.
        public init() {}

        /// Whether any option changes the lesson file's example.
        public var changesExample: Bool {
            surface != nil || optimizer != nil || learningRate != nil || steps != nil || start != nil
        }

        /// The example with these options applied. A new `--surface` without `--start` or
        /// `--learning-rate` takes that surface's own start and default rate.
        public func apply(to example: Example) throws -> Example {
            var result = example
            if let surface {
                _ = try LossSurface(named: surface)
                result.surface = surface
                if start == nil { result.start = nil }
                if learningRate == nil { result.learningRate = nil }
            }
            if let optimizer { result.optimizers = try OptimizerKind.list(optimizer) }
            if let learningRate { result.learningRate = try TrainingOptionValues.learningRate(learningRate) }
            if let steps {
                guard steps >= 1, steps <= 100_000 else { throw InputError("--steps must be from 1 to 100000, got \(steps)") }
                result.steps = steps
            }
            if let start {
                let values = try TrainingOptionValues.vector(start, option: "--start")
                guard values.count == 2 else { throw InputError("--start \(start): expected two numbers X,Y, such as -4,1.5") }
                result.start = Point2(values[0], values[1])
            }
            return result
        }
    }
}

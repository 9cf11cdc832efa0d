import ArgumentParser
import LessonCore

extension OptimizersLesson {
    public static let abstract = "SGD, momentum, Nesterov, RMSProp and Adam (torch.optim's formulas) on a 2-D loss surface, step by step."
    public static let discussion = """
        --surface takes bowl, valley, rosenbrock, saddle or an expression in x and y, such as \
        --surface "x^2 + 10*y^2"; --optimizer takes one name or a comma list (sgd,momentum,nesterov,rmsprop,adam).
        """
    public static let customTitle: String? = "Optimizers on a loss surface"
    /// `--steps` counts the optimizer's steps, so the frames to draw are picked with `--frames`.
    public static let framesOption = "frames"

    /// The command-line options of `lesson run optimizers`; nil leaves the example's value.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("bowl, valley, rosenbrock, saddle, or an expression in x and y.", valueName: "surface")) public var surface: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("One optimizer or a comma list: sgd, momentum, nesterov, rmsprop, adam.", valueName: "names")) public var optimizer: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The learning rate α of every optimizer.", valueName: "α"), transform: FiniteNumber.parse) public var learningRate: Double?
        @Option(parsing: .unconditional, help: "The number of steps.") public var steps: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("The start point, such as -4,1.5.", valueName: "X,Y")) public var start: String?

        /// No options.
        public init() {}

        /// Applies the options given; the run is "custom" when any was.
        public func apply(to example: inout Example) throws -> Bool {
            example = try applied(to: example)
            return changesExample
        }

        /// Whether any option changes the lesson file's example.
        public var changesExample: Bool {
            surface != nil || optimizer != nil || learningRate != nil || steps != nil || start != nil
        }

        /// The example with these options applied. A new `--surface` without `--start` or
        /// `--learning-rate` takes that surface's own start and default rate.
        public func applied(to example: Example) throws -> Example {
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
                let values = try MatrixArgument.vector(start, option: "--start")
                guard values.count == 2 else { throw InputError("--start \(start): expected two numbers X,Y, such as -4,1.5") }
                result.start = Point2(values[0], values[1])
            }
            return result
        }
    }
}

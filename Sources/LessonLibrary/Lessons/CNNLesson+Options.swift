import ArgumentParser
import LessonCore

extension CNNLesson {
    public static let abstract = "A small CNN end to end: conv, ReLU, max pool, flatten, dense, softmax; every δ backward, one update, a gradient check."
    public static let discussion = """
        Without options, runs the lesson file's 6×6 image through two 3×3 filters; variant image-8x8 \
        uses an 8×8 image. --image, --target, --dense-weights, --dense-bias replace the lesson file's \
        values (the dense weights need one column per flattened value).
        """
    public static let customTitle: String? = "A small CNN"

    /// The image, the target, the dense layer and the learning rate.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The one-channel image matrix, or @file.", valueName: "matrix")) var image: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The target, one probability per class, such as \"0 1 0\".", valueName: "vector")) var target: String?
        @Option(name: .customLong("dense-weights"), parsing: .unconditional, help: ArgumentHelp("The dense weights, one row per class and one column per flattened value, or @file.", valueName: "matrix")) var denseWeights: String?
        @Option(name: .customLong("dense-bias"), parsing: .unconditional, help: ArgumentHelp("The dense biases, one per class, such as \"0.1 0 -0.1\".", valueName: "vector")) var denseBias: String?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate α of the gradient-descent step.", valueName: "α"), transform: FiniteNumber.parse) var learningRate: Double?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            try changes.set(&example.image, from: image) { try MatrixArgument.parse($0, option: "--image") }
            try changes.set(&example.target, from: target) { try MatrixArgument.vector($0, option: "--target") }
            try changes.set(&example.denseWeights, from: denseWeights) { try MatrixArgument.parse($0, option: "--dense-weights") }
            try changes.set(&example.denseBias, from: denseBias) { try MatrixArgument.vector($0, option: "--dense-bias") }
            if let learningRate {
                // A new rate changes only the step: the stated forward and backward values still hold.
                example.learningRate = try MatrixArgument.learningRate(learningRate)
                example.expected.lossAfter = nil
            }
            if changes.any { example.expected = Example.Expected() }
            // The run is custom either way: the lesson file's description states its own α.
            return changes.any || learningRate != nil
        }
    }
}

import ArgumentParser
import LessonCore

extension CNNLesson {
    public static let abstract = "A small CNN end to end: conv, ReLU, max pool, flatten, dense, softmax; every δ backward, one update, a gradient check."
    public static let discussion = """
        Without options, runs the lesson file's 6×6 image through two 3×3 filters; variant image-8x8 \
        uses an 8×8 image. --image, --filter (once per filter), --biases, --padding, --stride, --pool, \
        --target, --dense-weights, --dense-bias replace the lesson file's values (the dense weights \
        need one column per flattened value: filters × pooled rows × pooled columns).
        """
    public static let customTitle: String? = "A small CNN"

    /// The image, the target, the dense layer and the learning rate.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The one-channel image matrix, or @file.", valueName: "matrix")) var image: String?
        @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("A filter matrix. Repeat for more filters.", valueName: "matrix")) var filter: [String] = []
        @Option(parsing: .unconditional, help: ArgumentHelp("One bias per filter, such as \"0.5 -0.5\".", valueName: "list")) var biases: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The convolution's zero padding: n, rows,columns, or same, valid, full.", valueName: "p")) var padding: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The convolution's stride: n, or rows,columns.", valueName: "s")) var stride: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The max-pooling window, also its stride: n, or rows,columns.", valueName: "size")) var pool: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The target, one probability per class, such as \"0 1 0\".", valueName: "vector")) var target: String?
        @Option(name: .customLong("dense-weights"), parsing: .unconditional, help: ArgumentHelp("The dense weights, one row per class and one column per flattened value, or @file.", valueName: "matrix")) var denseWeights: String?
        @Option(name: .customLong("dense-bias"), parsing: .unconditional, help: ArgumentHelp("The dense biases, one per class, such as \"0.1 0 -0.1\".", valueName: "vector")) var denseBias: String?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate α of the gradient-descent step.", valueName: "α"), transform: FiniteNumber.parse) var learningRate: Double?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            try changes.set(&example.image, from: image) { try MatrixArgument.parse($0, option: "--image") }
            if !filter.isEmpty {
                example.filters = try filter.enumerated().map { try MatrixArgument.parse($1, option: "--filter (number \($0 + 1))") }
                example.biases = Array(repeating: 0, count: filter.count)
                changes.note(true)
            }
            try changes.set(&example.biases, from: biases) { try MatrixArgument.vector($0, option: "--biases") }
            try changes.set(&example.stride, from: stride) { try MatrixArgument.pair($0, option: "--stride") }
            try changes.set(&example.pool, from: pool) { try MatrixArgument.pair($0, option: "--pool") }
            try changes.set(&example.padding, from: padding) { text in
                try PaddingArgument(text).resolved(kernelShape: example.filters.first?.shape ?? [1, 1], dilation: Pair2(1))
            }
            try changes.set(&example.target, from: target) { try MatrixArgument.vector($0, option: "--target") }
            try changes.set(&example.denseWeights, from: denseWeights) { try MatrixArgument.parse($0, option: "--dense-weights") }
            try changes.set(&example.denseBias, from: denseBias) { try MatrixArgument.vector($0, option: "--dense-bias") }
            if let learningRate {
                // A new rate changes only the step: the stated forward and backward values still hold.
                example.learningRate = try MatrixArgument.learningRate(learningRate)
                example.expected.lossAfter = nil
            }
            // A new image or convolution changes the flattened size: say which option gives dense
            // weights that fit when the example's no longer do.
            if changes.any, denseWeights == nil {
                let network = try example.network()
                let pooled = try network.mapShapes(for: example.image.shape).pooled
                let flat = network.flattenedCount(pooled: pooled)
                if example.denseWeights.columns != flat {
                    throw InputError("the flattened pooled maps now have \(flat) \(Counted.noun(flat, "value")) "
                                     + "(\(example.filters.count) \(Counted.noun(example.filters.count, "map")) of \(Notation.shape(pooled))) "
                                     + "but the example's dense weights have \(example.denseWeights.columns) columns; "
                                     + "give --dense-weights with \(flat) \(Counted.noun(flat, "column")), one row per class")
                }
            }
            if changes.any { example.expected = Example.Expected() }
            // The run is custom either way: the lesson file's description states its own α.
            return changes.any || learningRate != nil
        }
    }
}

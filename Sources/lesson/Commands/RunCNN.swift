import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run cnn`: a small CNN forward and backward end to end.
struct RunCNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cnn",
        abstract: "A small CNN end to end: conv, ReLU, max pool, flatten, dense, softmax; every δ backward, one update, a gradient check.",
        discussion: """
            Without options, runs the lesson file's 6×6 image through two 3×3 filters; variant image-8x8 \
            uses an 8×8 image. --image, --target, --dense-weights, --dense-bias replace the lesson file's \
            values (the dense weights need one column per flattened value).
            """
    )

    @Option(help: ArgumentHelp("The one-channel image matrix, or @file.", valueName: "matrix"))
    var image: String?

    @Option(help: ArgumentHelp("The target, one probability per class, such as \"0 1 0\".", valueName: "vector"))
    var target: String?

    @Option(name: .customLong("dense-weights"), help: ArgumentHelp("The dense weights, one row per class and one column per flattened value, or @file.", valueName: "matrix"))
    var denseWeights: String?

    @Option(name: .customLong("dense-bias"), help: ArgumentHelp("The dense biases, one per class, such as \"0.1 0 -0.1\".", valueName: "vector"))
    var denseBias: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate α of the gradient-descent step.", valueName: "α"), transform: FiniteNumber.parse)
    var learningRate: Double?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(CNNLesson.id)
            let variant = try file.variant(options.variant)
            var example = try CNNLesson.Example(variant)
            var changed = false
            if let image { example.image = try MatrixArgument.parse(image, option: "--image"); changed = true }
            if let target { example.target = try Self.vector(target, option: "--target"); changed = true }
            if let denseWeights { example.denseWeights = try MatrixArgument.parse(denseWeights, option: "--dense-weights"); changed = true }
            if let denseBias { example.denseBias = try Self.vector(denseBias, option: "--dense-bias"); changed = true }
            if let learningRate {
                guard learningRate > 0, learningRate.isFinite else {
                    throw InputError("--learning-rate must be above 0, got \(Notation.number(learningRate))")
                }
                example.learningRate = learningRate
                example.expected.lossAfter = nil
            }
            if changed { example.expected = CNNLesson.Example.Expected() }
            let output = try CNNLesson.run(example, title: changed ? "A small CNN" : file.title,
                                           source: changed ? nil : file.source,
                                           variant: changed ? "custom" : variant.name,
                                           description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }

    /// One row of numbers, from a literal or @file.
    static func vector(_ argument: String, option: String) throws -> [Double] {
        let matrix = try MatrixArgument.parse(argument, option: option)
        guard matrix.rows == 1 else {
            throw InputError("\(option) \"\(argument)\": expected one row of numbers, found \(matrix.rows) rows")
        }
        return matrix.scalars
    }
}

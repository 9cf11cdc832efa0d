import ArgumentParser
import LessonCore

extension Conv2DLesson {
    public static let abstract = "Slide a kernel over an input: every output cell written out term by term."
    public static let discussion = """
        Without options, runs the 5×5 example of the course notes (seeds/004) and checks the \
        numbers the lesson file states. Matrices are written row by row, rows separated by ';', \
        e.g. --input "1 0 3; 0 3 4; 1 0 2", or @file for a text or CSV file. Sizes take one \
        number or rows,columns (--stride 2,1); --padding also takes same, valid or full.
        """
    public static let customTitle: String? = "2D convolution"

    public static func example(_ variant: LessonVariant) throws -> Example { try Example(variant) }

    /// The options that describe one 2-D convolution, shared by `conv2d` and `conv2d-backward`.
    public struct Options: LessonOptions {
        @OptionGroup var convolution: ConvolutionOptions
        @Option(parsing: .unconditional, help: "The bias added to every output cell.", transform: FiniteNumber.parse) var bias: Double?
        @Flag(help: "Compute the true convolution (kernel rotated by 180°) instead of cross-correlation.") var flip = false

        public init() {}

        /// Applies the given options; the stated values describe the lesson file's own numbers,
        /// so they are dropped when anything changed.
        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            try convolution.apply(to: &example, changes: &changes)
            changes.set(&example.bias, to: bias)
            changes.set(&example.mode, to: .convolution, when: flip)
            if changes.any { (example.statedOutput, example.statedKernel, example.statedCells) = (nil, nil, []) }
            return changes.any
        }
    }
}

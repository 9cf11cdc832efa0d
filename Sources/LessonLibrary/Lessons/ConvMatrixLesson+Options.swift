import ArgumentParser
import LessonCore

extension ConvMatrixLesson {
    public static let abstract = "Write a convolution as a matrix product z = M·x, row by row."
    public static let discussion = """
        Without options, runs the notes' 4×4 example (seeds/002): the 4×16 matrix M built \
        from the 3×3 kernel, the flattened input, the product and its reshape to 2×2. \
        '--variant symbolic' is the notes' 3×3 ⊛ 2×2 case with entries k1…k4, x1…x9. \
        Matrices are written row by row, rows separated by ';', or @file. M has a row per output \
        cell and is written out in full, so a run has at most \(maximumRows) output cells (16×16).
        """
    public static let customTitle: String? = "Convolution as a matrix product"

    /// The input, the kernel and the window.
    public struct Options: LessonOptions {
        @OptionGroup var convolution: ConvolutionOptions

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            try convolution.apply(to: &example, changes: &changes)
            // The stated values describe the lesson's own numbers, not these.
            if changes.any { (example.statedOutput, example.statedRows) = (nil, []) }
            return changes.any
        }
    }
}

import ArgumentParser
import LessonCore

extension ConvTransposeLesson {
    public static let abstract = "Spread each input cell as a scaled kernel copy: transposed convolution as scatter-add and as Cᵀ."
    public static let discussion = """
        Without options, runs a 2×2 input with the notes' 3×3 kernel at stride 1; the variants \
        add stride 2, padding 1 and output_padding 1. Sizes follow PyTorch's ConvTranspose2d. \
        Matrices are written row by row, rows separated by ';', or @file.
        """
    public static let customTitle: String? = "Transposed convolution"

    /// The input, the kernel, the settings of the convolution it transposes and output_padding.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The input matrix, or @file.", valueName: "matrix"))
        var input: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("The kernel matrix, or @file.", valueName: "matrix"))
        var kernel: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Padding of the convolution this transposes (cropped from each side): n, or rows,columns.", valueName: "p"))
        var padding: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Step between kernel copies: n, or rows,columns.", valueName: "s"))
        var stride: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps: n, or rows,columns.", valueName: "d"))
        var dilation: String?

        @Option(name: .customLong("output-padding"), parsing: .unconditional,
                help: ArgumentHelp("Rows and columns added at the end (below the stride): n, or rows,columns.", valueName: "op"))
        var outputPadding: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changed = false
            if let input { example.input = try MatrixArgument.parse(input, option: "--input"); changed = true }
            if let kernel { example.kernel = try MatrixArgument.parse(kernel, option: "--kernel"); changed = true }
            if let padding { example.padding = try MatrixArgument.pair(padding, option: "--padding"); changed = true }
            if let stride { example.stride = try MatrixArgument.pair(stride, option: "--stride"); changed = true }
            if let dilation { example.dilation = try MatrixArgument.pair(dilation, option: "--dilation"); changed = true }
            if let outputPadding {
                example.outputPadding = try MatrixArgument.pair(outputPadding, option: "--output-padding")
                changed = true
            }
            if changed { example.statedOutput = nil }
            return changed
        }
    }
}

import ArgumentParser
import LessonCore

extension ConvTransposeLesson {
    public static let abstract = "Spread each input cell as a scaled kernel copy: transposed convolution as scatter-add and as Cᵀ."
    public static let discussion = """
        Without options, runs a 2×2 input with the notes' 3×3 kernel at stride 1; the variants \
        add stride 2, padding 1 and output_padding 1. Sizes follow PyTorch's ConvTranspose2d: \
        --padding is the padding of the convolution this transposes, cropped from each side; \
        --padding same is Keras's Conv2DTranspose(padding="same"), an output of n·s. \
        Matrices are written row by row, rows separated by ';', or @file.
        """
    public static let customTitle: String? = "Transposed convolution"

    /// The input, the kernel, the settings of the convolution it transposes and output_padding.
    public struct Options: LessonOptions {
        @OptionGroup var convolution: ConvolutionOptions
        @Option(name: .customLong("output-padding"), parsing: .unconditional, help: ArgumentHelp("Rows and columns added at the end (below the stride): n, or rows,columns.", valueName: "op")) var outputPadding: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            if convolution.asksSame, outputPadding != nil { throw Self.sameWithOutputPadding }
            var changes = OptionChanges()
            try convolution.apply(input: &example.input, kernel: &example.kernel, padding: &example.padding, stride: &example.stride,
                                        dilation: &example.dilation, to: &changes, leavingSame: true)
            try changes.set(&example.outputPadding, from: outputPadding) { try MatrixArgument.pair($0, option: "--output-padding") }
            if convolution.asksSame { example.padSame() }
            if changes.any { example.statedOutput = nil }
            return changes.any
        }

        /// Why `--output-padding` cannot go with `--padding same`: "same" sets the output to n·s itself.
        static let sameWithOutputPadding = InputError("--padding same with --output-padding: \"same\" makes the output n·s and picks the output_padding itself (Keras's Conv2DTranspose(padding=\"same\")); give one of them")
    }
}

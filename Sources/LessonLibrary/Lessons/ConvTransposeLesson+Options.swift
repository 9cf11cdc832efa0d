import ArgumentParser
import LessonCore

extension ConvTransposeLesson {
    public static let abstract = "Spread each input cell as a scaled kernel copy: transposed convolution as scatter-add and as Cᵀ."
    public static let discussion = """
        Without options, runs a 2×2 input with the notes' 3×3 kernel at stride 1; the variants \
        add stride 2, padding 1 and output_padding 1. Sizes follow PyTorch's ConvTranspose2d: \
        --padding is the padding of the convolution this transposes, cropped from each side. \
        Matrices are written row by row, rows separated by ';', or @file.
        """
    public static let customTitle: String? = "Transposed convolution"

    /// The input, the kernel, the settings of the convolution it transposes and output_padding.
    public struct Options: LessonOptions {
        @OptionGroup var convolution: ConvolutionOptions
        @Option(name: .customLong("output-padding"), parsing: .unconditional, help: ArgumentHelp("Rows and columns added at the end (below the stride): n, or rows,columns.", valueName: "op")) var outputPadding: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            if convolution.asksSame { throw Self.noSamePadding }
            var changes = OptionChanges()
            try convolution.apply(input: &example.input, kernel: &example.kernel, padding: &example.padding, stride: &example.stride,
                                        dilation: &example.dilation, to: &changes)
            try changes.set(&example.outputPadding, from: outputPadding) { try MatrixArgument.pair($0, option: "--output-padding") }
            if changes.any { example.statedOutput = nil }
            return changes.any
        }

        /// Why `--padding same` is refused: the padding of a transposed convolution crops its
        /// output, and the frameworks' "same" names two different things.
        static let noSamePadding = InputError("--padding same: a transposed convolution has no one \"same\" padding; its p crops the output, o = (n − 1)s − 2p + d(k − 1) + output_padding + 1. Keras's Conv2DTranspose(padding=\"same\") makes o = n·s and PyTorch's ConvTranspose2d has no \"same\"; give p as a number (at stride 1, p = d(k − 1)/2 keeps o = n)")
    }
}

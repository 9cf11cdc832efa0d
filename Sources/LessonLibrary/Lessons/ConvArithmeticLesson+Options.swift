import ArgumentParser
import LessonCore

extension ConvArithmeticLesson {
    public static let abstract = "Work out a convolution's output size with every step of the formula."
    public static let discussion = """
        Without options, runs n = 7, k = 3, p = 1, s = 2, d = 2. Every size takes one number or \
        rows,columns, e.g. lesson run conv-arithmetic --n 7,5 --k 3,2 --s 2,1 (or PyTorch's words: \
        --input-size, --kernel-size, --padding, --stride, --dilation). Figures: one frame per \
        window position and an overview, after the convolution arithmetic guide.
        """
    public static let customTitle: String? = "Convolution arithmetic"

    /// The sizes of the formula, by the notes' letters or PyTorch's words.
    public struct Options: LessonOptions {
        @Option(name: [.customLong("n"), .customLong("input-size")], parsing: .unconditional, help: ArgumentHelp("Input size: n, or rows,columns.", valueName: "n")) var input: String?
        @Option(name: [.customLong("k"), .customLong("kernel-size")], parsing: .unconditional, help: ArgumentHelp("Kernel size.", valueName: "k")) var kernel: String?
        @Option(name: [.customLong("p"), .customLong("padding")], parsing: .unconditional, help: ArgumentHelp("Zero padding on each side, or same, valid, full.", valueName: "p")) var padding: String?
        @Option(name: [.customLong("s"), .customLong("stride")], parsing: .unconditional, help: ArgumentHelp("Stride.", valueName: "s")) var stride: String?
        @Option(name: [.customLong("d"), .customLong("dilation")], parsing: .unconditional, help: ArgumentHelp("Dilation.", valueName: "d")) var dilation: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("output_padding of the transposed convolution.", valueName: "o")) var outputPadding: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            for (target, text, option) in [(\Example.input, input, "--n"), (\.kernel, kernel, "--k"), (\.stride, stride, "--s"),
                                           (\.dilation, dilation, "--d"), (\.outputPadding, outputPadding, "--output-padding")] {
                try changes.set(&example[keyPath: target], from: text) { try MatrixArgument.pair($0, option: option) }
            }
            let (kernel, dilation) = ([example.kernel.rows, example.kernel.columns], example.dilation)
            try changes.set(&example.padding, from: padding) {
                try PaddingArgument($0, option: "--p").resolved(kernelShape: kernel, dilation: dilation, option: "--p")
            }
            if changes.any { example.statedShape = nil }
            return changes.any
        }
    }
}

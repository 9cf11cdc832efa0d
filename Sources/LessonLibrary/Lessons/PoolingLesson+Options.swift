import ArgumentParser
import LessonCore

extension PoolingLesson {
    public static let abstract = "Pool an input window by window (max, average or min), and route a gradient back."
    public static let discussion = """
        Without options, runs max pooling 2×2 with stride 2 on the 6×6 input of the notes \
        (seeds/004) and checks the stated output; the variants hold the other tables of the \
        notes (same-average, same-max, feature-map) and a backward pass. Matrices are written \
        row by row, rows separated by ';', or @file. Sizes take one number or rows,columns. \
        Padding follows PyTorch: it never wins a max or min, an average counts it unless \
        --exclude-padding, and it may be at most half the window. --padding same pads as \
        Keras' MaxPooling2D and AveragePooling2D do: ⌈n/s⌉ windows per axis, an odd total's \
        extra cell at the bottom or right, and an average over the input cells only. --ceil-mode \
        rounds the output size up as PyTorch's ceil_mode=True does.
        """
    public static let customTitle: String? = "Pooling"

    /// The input, the window and the upstream gradient.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The input matrix, or @file.", valueName: "matrix")) var input: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("What each window keeps: max, avg or min.", valueName: "op")) var op: String?
        @Option(name: [.customLong("size"), .customLong("kernel-size")], parsing: .unconditional, help: ArgumentHelp("The window size (PyTorch's kernel_size): n, or rows,columns.", valueName: "k")) var size: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows: n, or rows,columns (default: the window size).", valueName: "s")) var stride: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Padding on each side: n, or rows,columns (at most half the window); valid (none) or same (as Keras pads).", valueName: "p")) var padding: String?
        @Flag(help: "Global pooling: one window over the whole input.") var global = false
        @Flag(help: "Round the output size up, as PyTorch's ceil_mode=True: the last window may run past the input and its padding.") var ceilMode = false
        @Flag(help: "Average only over input cells, leaving padding out of the count (PyTorch count_include_pad=False).") var excludePadding = false
        @Option(parsing: .unconditional, help: ArgumentHelp("The upstream gradient ∂L/∂y (the output's shape), or @file: runs the backward pass.", valueName: "matrix")) var grad: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Decimals of printed and drawn values, rounded (JSON is exact).", valueName: "n")) var decimals: Int?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var forward = OptionChanges()
            try forward.set(&example.input, from: input) { try MatrixArgument.parse($0, option: "--input") }
            try forward.set(&example.op, from: op) { text in
                guard let parsed = PoolingOp(rawValue: text) else {
                    throw InputError("--op \(text): unknown pooling; expected one of \(PoolingOp.names)")
                }
                return parsed
            }
            let window = size != nil || stride != nil || padding != nil || ceilMode
            if global && window {
                throw InputError("--global takes the whole input as one window; leave out --size, --stride, --padding and --ceil-mode")
            }
            if ceilMode, let padding, PaddingArgument.mode(padding) == .same {
                throw InputError("--ceil-mode with --padding same: Keras' same padding already sets the output to ⌈n/s⌉; give one of them")
            }
            if window { example.isGlobal = false }
            forward.set(&example.isGlobal, to: true, when: global)
            // As in PyTorch, a window given without a stride steps by its own size.
            if size != nil && stride == nil { example.stride = nil }
            try forward.set(&example.size, from: size) { try MatrixArgument.pair($0, option: "--size") }
            try forward.set(&example.stride, from: stride) { try MatrixArgument.pair($0, option: "--stride") }
            if let padding {
                let argument: PaddingArgument
                do { argument = try PaddingArgument(padding) } catch {
                    throw InputError("--padding \(padding): expected a whole number, two as rows,columns (such as 1,0), valid or same")
                }
                guard example.setPadding(argument) else {
                    throw InputError("--padding full: pooling takes no full padding (its windows would hold only padding); expected a whole number, two as rows,columns (such as 1,0), valid or same")
                }
                forward.note(true)
            }
            forward.set(&example.countIncludePad, to: false, when: excludePadding)
            // The option given wins over a variant's: --ceil-mode drops its same padding, --padding same its ceil mode.
            forward.set(&example.ceilMode, to: true, when: ceilMode)
            if ceilMode { example.samePadding = false }
            if example.samePadding { example.ceilMode = false }
            if let decimals {
                guard (0...12).contains(decimals) else { throw InputError("--decimals must be 0 to 12, got \(decimals)") }
                example.decimals = decimals
            }
            let forwardChanged = forward.any
            if forwardChanged {
                // The stated values describe the lesson's own numbers, not these.
                example.statedOutput = nil
                example.statedTable = nil
                example.statedGradient = nil
                example.grad = nil
            }
            if let grad {
                example.grad = try MatrixArgument.parse(grad, option: "--grad")
                example.gradSource = "--grad"
                example.statedGradient = nil
            }
            return forwardChanged || grad != nil
        }
    }
}

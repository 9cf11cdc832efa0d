import ArgumentParser
import LessonCore

/// `--input` and `--kernel`, two matrices given as literals or @file.
public struct MatrixOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("The input matrix, or @file.", valueName: "matrix")) var input: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The kernel matrix, or @file.", valueName: "matrix")) var kernel: String?

    public init() {}

    /// Reads what was given into `input` and `kernel`.
    public func apply(input: inout Tensor, kernel: inout Tensor, to changes: inout OptionChanges) throws {
        try changes.set(&input, from: self.input) { try MatrixArgument.parse($0, option: "--input") }
        try changes.set(&kernel, from: self.kernel) { try MatrixArgument.parse($0, option: "--kernel") }
    }
}

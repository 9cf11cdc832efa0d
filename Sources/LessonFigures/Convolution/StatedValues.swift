import LessonCore

/// Values a slide states that the recomputation does not give, drawn on the frames beside
/// the recomputed ones (a note "slide −8" in the cell, and a caption line on its step), so
/// the figure shows the disagreement the terminal reports.
public struct StatedValues: Sendable, Equatable {
    /// Output cells, `[row, column]` 0-based → the value stated, only where it differs.
    public var output: [[Int]: Double]
    /// Kernel weights, `[row, column]` 0-based in the kernel as given (not rotated) → the value
    /// stated, only where it differs.
    public var kernel: [[Int]: Double]

    /// Nothing stated otherwise.
    public static let none = StatedValues(output: [:], kernel: [:])

    /// Creates stated values.
    public init(output: [[Int]: Double], kernel: [[Int]: Double]) {
        self.output = output
        self.kernel = kernel
    }

    /// The cells where `statedOutput`, the worked sums of `statedCells` and `statedKernel`
    /// disagree with `trace` (within `agree`'s tolerance); a worked sum wins over the table.
    public static func differences(_ trace: ConvolutionTrace, statedOutput: Tensor?, statedKernel: Tensor?,
                                   statedCells: [StatedCell]) -> StatedValues {
        var values = StatedValues.none
        let rows = trace.output.shape[0], columns = trace.output.shape[1]
        if let statedOutput, statedOutput.rank == 2 {
            for r in 0..<min(rows, statedOutput.rows) {
                for c in 0..<min(columns, statedOutput.columns) where !agree(statedOutput[r, c], trace.output[r, c]) {
                    values.output[[r, c]] = statedOutput[r, c]
                }
            }
        }
        for cell in statedCells where cell.row < rows && cell.column < columns {
            if !agree(cell.sum.value, trace.output[cell.row, cell.column]) { values.output[[cell.row, cell.column]] = cell.sum.value }
        }
        if let statedKernel, statedKernel.rank == 2, trace.kernel.rank == 2 {
            for r in 0..<min(trace.kernel.rows, statedKernel.rows) {
                for c in 0..<min(trace.kernel.columns, statedKernel.columns) where !agree(statedKernel[r, c], trace.kernel[r, c]) {
                    values.kernel[[r, c]] = statedKernel[r, c]
                }
            }
        }
        return values
    }
}

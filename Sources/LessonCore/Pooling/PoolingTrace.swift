/// Everything a 2-D pooling did: plain values that text, JSON, figures and the grader
/// read without recomputing anything.
public struct PoolingTrace: Equatable, Sendable, Codable {
    /// Max, average or min.
    public var op: PoolingOp
    /// The window size, per axis.
    public var size: Pair2
    /// The step between windows, per axis.
    public var stride: Pair2
    /// The padding on each side, per axis.
    public var padding: Pair2
    /// The padding after the input beyond `padding` (bottom, right), for Keras' "same" with an odd
    /// total, or the cells a ceil_mode window reaches past the padding; nil when both sides get `padding`.
    public var extraPadding: Pair2?
    /// Whether an average divided by the whole window, padding included (PyTorch's default).
    public var countIncludePad: Bool
    /// PyTorch's ceil_mode (true), or nil: the output size rounded up, `extraPadding` the last window's overhang.
    public var ceilMode: Bool?
    /// The input as given (unpadded).
    public var input: Tensor
    /// The pooled output.
    public var output: Tensor
    /// The output-size arithmetic, rows then columns.
    public var outputSizes: [OutputSize]
    /// One step per output cell, row by row.
    public var steps: [PoolingStep]

    /// The operation that made this trace.
    public var operation: Pool2D {
        Pool2D(op: op, size: size, stride: stride, padding: padding,
               extraPadding: ceilMode == true ? Pair2(0) : extraPadding ?? Pair2(0),
               countIncludePad: countIncludePad, ceilMode: ceilMode == true)
    }

    /// The shape of the input with its padding, rows then columns (a ceil_mode window's overhang included).
    public var paddedShape: [Int] { outputSizes.map(\.paddedInput) }

    /// What a cell of the padded input is, by its row and column there (0-based).
    public enum PaddedCell: Equatable, Sendable {
        /// Input cell (row, column), 0-based in the input.
        case input(row: Int, column: Int)
        /// Padding: −∞ for max, +∞ for min, 0 for an average.
        case padding
        /// Past the padding, reached only by a ceil_mode window: it never wins and is never counted.
        case beyond
    }

    /// What padded cell (r, c) is: the one place text and figures tell input, padding and overhang apart.
    public func paddedCell(row r: Int, column c: Int) -> PaddedCell {
        let p = padding, n = input.shape
        if ceilMode == true && (r >= 2 * p.rows + n[0] || c >= 2 * p.columns + n[1]) { return .beyond }
        guard (p.rows..<(p.rows + n[0])).contains(r), (p.columns..<(p.columns + n[1])).contains(c) else { return .padding }
        return .input(row: r - p.rows, column: c - p.columns)
    }

    /// Whether rows and columns share their size arithmetic, so one line of it says both.
    public var axesAlike: Bool {
        let (a, b) = (outputSizes[0], outputSizes[1])
        return a.input == b.input && a.kernel == b.kernel && a.padding == b.padding && a.extraPadding == b.extraPadding
            && a.stride == b.stride
    }

    /// The output-size formula this pooling used (`Pool2D.formula(for:ceilMode:)`).
    public var sizeFormula: String { Pool2D.formula(for: outputSizes, ceilMode: ceilMode == true) }

    /// Axis `axis` (0 rows, 1 columns) of the output-size formula with its numbers (`Pool2D.filledIn`).
    public func sizeFilledIn(_ axis: Int) -> String { Pool2D.filledIn(outputSizes[axis], ceilMode: ceilMode == true) }

    /// Whether this is global pooling: one window covering the whole input.
    public var isGlobal: Bool {
        padding == Pair2(0) && extraPadding == nil && size == Pair2(rows: input.shape[0], columns: input.shape[1])
    }

    /// The step that computed output cell (row, column), 0-based.
    public func step(row: Int, column: Int) -> PoolingStep {
        steps[row * output.shape[1] + column]
    }

    /// Whether some window had more than one cell holding its max (min): then the first in row-major order won.
    public var hasTies: Bool { steps.contains { !$0.ties.isEmpty } }

    /// The settings in words: `max pooling 2×2, stride 2` (plus padding and how an average counts it).
    public var settings: String {
        if isGlobal { return "global \(op.word) pooling over the whole \(Notation.shape(input.shape)) input" }
        var parts = ["\(op.word) pooling \(size.rows)×\(size.columns)", "stride \(stride)"]
        if ceilMode == true {
            if padding != Pair2(0) {
                parts.append(op != .avg ? "padding \(padding)" : countIncludePad ? "padding \(padding) (counted in the average)"
                                                                                 : "padding \(padding) (not counted)")
            }
            parts.append("ceil_mode")
        } else if let extra = extraPadding {
            let after = Pair2(rows: padding.rows + extra.rows, columns: padding.columns + extra.columns)
            parts.append("padding same (Keras): \(padding) before, \(after) after")
            if op == .avg { parts.append("padding left out of the count (as Keras averages)") }
        } else if padding != Pair2(0) {
            parts.append("padding \(padding)")
            if op == .avg {
                parts.append(countIncludePad ? "padding counted in the average (PyTorch's default)"
                                             : "padding left out of the count (count_include_pad=False)")
            }
        }
        return parts.joined(separator: ", ")
    }

    /// How ties were broken, in one sentence (shown when a window had a tie).
    public static let tieRule = "PyTorch's CPU kernel keeps the first maximal (for min: minimal) element in row-major window order: it replaces the running best only on a strictly greater (smaller) value, so the earliest of equal values wins"

    /// The stored fields, plus `isGlobal` and `paddedShape`.
    public func encode(to encoder: Encoder) throws {
        try encoder.encodeFields(["op": op, "size": size, "stride": stride, "padding": padding, "countIncludePad": countIncludePad,
                                  "input": input, "output": output, "outputSizes": outputSizes, "steps": steps,
                                  "isGlobal": isGlobal, "paddedShape": paddedShape])
    }
}

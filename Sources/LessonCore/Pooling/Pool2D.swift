/// 2-D pooling of one channel: max, average or min over windows, as a CNN layer computes it.
///
/// For output cell (i, j) (0-based) with window k_r × k_c, stride s and padding p, the window is
/// the cells x_p[i·s_r + u, j·s_c + v] for 0 ≤ u < k_r, 0 ≤ v < k_c of the input padded with p
/// cells on each side, visited row by row:
///
///     max:  y[i, j] = max over the window's input cells   (padding is −∞: it never wins)
///     min:  y[i, j] = min over the window's input cells   (padding is +∞: it never wins)
///     avg:  y[i, j] = (Σ window's input cells) / count    (padding adds 0)
///
/// with count = k_r·k_c when padding counts (PyTorch's default `count_include_pad=True`)
/// or the number of input cells in the window when it does not. Output size per axis:
/// o = ⌊(n + 2p − k)/s⌋ + 1 (PyTorch with `ceil_mode=False`, Keras "valid").
///
/// Ties: the first maximal (minimal) cell in row-major window order wins, as PyTorch's CPU
/// kernel does: it replaces the running best only on a strictly greater value (or a NaN, so
/// the last NaN of a window wins). Padding must be at most ⌊k/2⌋, as PyTorch requires; then
/// every window holds at least one input cell.
///
/// Keras' `padding="same"` (`MaxPooling2D`, `AveragePooling2D`) is `same(…)`: ⌈n/s⌉ windows per
/// axis, the padding split as `SamePadding` splits it (one more after than before when the total is
/// odd), and an average over the input cells only, as Keras divides.
///
/// PyTorch's `ceil_mode=True` rounds the output size up, o = ⌈(n + 2p − k)/s⌉ + 1, less one when
/// the last window would start in the padding after the input ((o − 1)s ≥ n + p); the last window
/// may then run past the padding. Its cells beyond the padding never win and are never counted:
/// an average counting padding divides by the cells within the padded input only (PyTorch's divisor).
public struct Pool2D: Equatable, Sendable {
    /// Max, average or min.
    public var op: PoolingOp
    /// The window size k, per axis.
    public var size: Pair2
    /// The step between windows s, per axis.
    public var stride: Pair2
    /// The padding p on each side, per axis.
    public var padding: Pair2
    /// The padding after the input beyond p (bottom, right): 0, or 1 for Keras' "same" with an odd total.
    public var extraPadding: Pair2
    /// Whether an average divides by the whole window, padding included (PyTorch's default), or only by its input cells.
    public var countIncludePad: Bool
    /// PyTorch's `ceil_mode`: the output size rounded up, the last window allowed past the padding.
    public var ceilMode: Bool

    /// Creates the operation; the stride defaults to the window size, as in PyTorch. Nothing is checked until `forward`.
    public init(op: PoolingOp, size: Pair2, stride: Pair2? = nil, padding: Pair2 = Pair2(0), extraPadding: Pair2 = Pair2(0),
                countIncludePad: Bool = true, ceilMode: Bool = false) {
        self.op = op
        self.size = size
        self.stride = stride ?? size
        self.padding = padding
        self.extraPadding = extraPadding
        self.countIncludePad = countIncludePad
        self.ceilMode = ceilMode
    }

    /// Keras' `padding="same"` for an input of `inputShape`: ⌈n/s⌉ windows per axis, the padding
    /// that takes split as `SamePadding` splits it, and an average over input cells only.
    public static func same(_ op: PoolingOp, size: Pair2, stride: Pair2? = nil, inputShape: [Int]) -> Pool2D {
        let stride = stride ?? size
        let axes = SamePadding.rowsAndColumns(input: inputShape.count == 2 ? inputShape : [0, 0],
                                              kernel: [size.rows, size.columns], stride: stride, dilation: Pair2(1))
        let (padding, extra) = SamePadding.pads(axes)
        return Pool2D(op: op, size: size, stride: stride, padding: padding, extraPadding: extra, countIncludePad: false)
    }

    /// Global pooling: one window the size of the whole input, giving a 1×1 output
    /// (Keras `GlobalAveragePooling2D`, `GlobalMaxPooling2D`).
    public static func global(_ op: PoolingOp, inputShape: [Int]) -> Pool2D {
        let size = inputShape.count == 2 ? Pair2(rows: inputShape[0], columns: inputShape[1]) : Pair2(0)
        return Pool2D(op: op, size: size, stride: Pair2(1), padding: Pair2(0))
    }

    /// The output-size arithmetic for an input of this shape, rows then columns (dilation 1).
    public func outputSizes(for inputShape: [Int]) -> [OutputSize] {
        let rows = inputShape.count == 2 ? inputShape[0] : 0
        let columns = inputShape.count == 2 ? inputShape[1] : 0
        return [
            OutputSize(axis: "rows", input: rows, kernel: size.rows, padding: padding.rows, stride: stride.rows,
                       extraPadding: extraPadding.rows + overhang(rows, size.rows, padding.rows, stride.rows)),
            OutputSize(axis: "columns", input: columns, kernel: size.columns, padding: padding.columns,
                       stride: stride.columns, extraPadding: extraPadding.columns
                           + overhang(columns, size.columns, padding.columns, stride.columns)),
        ]
    }

    /// With `ceilMode`, the cells the last window reaches past the padding after the input (0 without):
    /// o = ⌈(n + 2p − k)/s⌉ + 1, less one where (o − 1)s ≥ n + p (PyTorch's rule), and the overhang
    /// (o − 1)s + k − (n + 2p) where positive.
    func overhang(_ n: Int, _ k: Int, _ p: Int, _ s: Int) -> Int {
        // PyTorch rounds up before it refuses: a window longer than the padded input still gives
        // one output when n + 2p − k + s − 1 ≥ 0 (a 1×3 input pooled 2×2 with stride 2 gives 1×2).
        guard ceilMode, n >= 1, k >= 1, s >= 1, p >= 0, n + 2 * p + s - 1 >= k,
              n <= OutputSize.largestSize, k <= OutputSize.largestSize, s <= OutputSize.largestSize,
              p <= OutputSize.largestSetting else { return 0 }
        var outputs = (n + 2 * p - k + s - 1) / s + 1
        if (outputs - 1) * s >= n + p { outputs -= 1 }
        return max((outputs - 1) * s + k - (n + 2 * p), 0)
    }

    /// Throws an `InputError` when this pooling cannot be applied to an input of this shape,
    /// with the same limits PyTorch's `max_pool2d` and `avg_pool2d` enforce.
    public func validate(inputShape: [Int]) throws {
        guard inputShape.count == 2 else {
            throw InputError("the input must be a matrix, got shape \(Notation.shape(inputShape))")
        }
        let axes = outputSizes(for: inputShape)
        for axis in axes {
            let name = axis.axis, singular = name == "rows" ? "row" : "column"
            if axis.input < 1 { throw InputError("the input has no \(name); it needs at least one") }
            func outOfRange(_ setting: String, _ value: Int, _ limit: InputError.Limit) -> InputError {
                InputError(.outOfRange(setting: setting, axis: name, value: value, limit: limit))
            }
            for (what, value) in [("the window size", axis.kernel), ("stride", axis.stride)] where value > OutputSize.largestSize {
                throw outOfRange(what, value, .atMost(OutputSize.largestSize))
            }
            if axis.padding > OutputSize.largestSetting {
                throw outOfRange("padding", axis.padding, .atMost(OutputSize.largestSetting, reason: "more only adds padding around the input"))
            }
            if axis.kernel < 1 { throw outOfRange("the window size", axis.kernel, .atLeast(1)) }
            if axis.stride < 1 { throw outOfRange("stride", axis.stride, .atLeast(1)) }
            if axis.padding < 0 { throw outOfRange("padding", axis.padding, .atLeast(0)) }
            // The padding after the input as set (a ceil_mode window's overhang is not padding PyTorch checks).
            let after = axis.padding + (axis.axis == "rows" ? extraPadding.rows : extraPadding.columns)
            if after > axis.kernel / 2 {
                let amount = after == axis.padding ? "\(axis.padding)" : "\(after) after the input"
                throw InputError("padding \(amount) along the \(name) is more than half the \(axis.kernel)-\(singular) window (at most \(axis.kernel / 2)); PyTorch refuses this, since a window could then hold only padding")
            }
            if axis.numerator < 0 {
                throw InputError("the window (\(axis.kernel) \(name)) is larger than the padded input (\(Self.paddedSum(axis)) = \(axis.paddedInput) \(name)), so there is no output")
            }
        }
        // Every window is traced cell by cell: bound the cells read, as a lesson must print them.
        let cells = axes.reduce(1.0) { $0 * Double($1.output) * Double($1.kernel) }
        if cells > Double(Self.largestTracedCells) {
            throw InputError("this pooling reads \(Notation.number(cells)) window cells (\(axes[0].output)×\(axes[1].output) windows of \(axes[0].kernel)×\(axes[1].kernel)), more than the \(Notation.number(Double(Self.largestTracedCells))) a lesson traces; use a smaller input or window")
        }
    }

    /// The most window cells (output cells × window cells) a trace records: a 1000×1000
    /// input pooled 2×2, or a global pool of a 2000×2000 input.
    public static let largestTracedCells = 4_000_000

    /// The output size formula for pooling: `o = ⌊(n + 2p − k)/s⌋ + 1`.
    public static let formula = "o = ⌊(n + 2p − k)/s⌋ + 1"

    /// The formula for `sizes`: `formula`, or with padding p before and p′ after where they differ.
    public static func formula(for sizes: [OutputSize], ceilMode: Bool = false) -> String {
        if ceilMode { return "o = ⌈(n + 2p − k)/s⌉ + 1, less one if the last window would start past n + p (ceil_mode)" }
        return sizes.contains { $0.extraPadding != nil } ? "o = ⌊(n + p + p′ − k)/s⌋ + 1, p before the input and p′ after" : formula
    }

    /// Computes the pooled output and the trace of every output cell.
    public func forward(_ input: Tensor) throws -> PoolingTrace {
        try validate(inputShape: input.shape)
        let sizes = outputSizes(for: input.shape)
        var output = Tensor(shape: [sizes[0].output, sizes[1].output])
        var steps: [PoolingStep] = []
        steps.reserveCapacity(output.count)
        let finiteInput = input.scalars.allSatisfy(\.isFinite)
        for i in 0..<output.shape[0] {
            for j in 0..<output.shape[1] {
                let step = pool(input, row: i, column: j)
                // From finite inputs (all a lesson accepts), only an average can overflow; NaN
                // inputs keep PyTorch's semantics for the core's own callers.
                output[i, j] = finiteInput ? try Overflow.check(step.value, "the pooled cell y[\(i + 1),\(j + 1)]") : step.value
                steps.append(step)
            }
        }
        return PoolingTrace(op: op, size: size, stride: stride, padding: padding,
                            extraPadding: sizes.allSatisfy { $0.extraPadding == nil } ? nil
                                : Pair2(rows: sizes[0].extraPadding ?? 0, columns: sizes[1].extraPadding ?? 0),
                            countIncludePad: countIncludePad, ceilMode: ceilMode ? true : nil,
                            input: input, output: output, outputSizes: sizes, steps: steps)
    }

    /// One output cell: the window's cells in row-major order, then the winner or the mean.
    private func pool(_ input: Tensor, row i: Int, column j: Int) -> PoolingStep {
        var cells: [PoolingCell] = []
        cells.reserveCapacity(size.rows * size.columns)
        for u in 0..<size.rows {
            for v in 0..<size.columns {
                let r = i * stride.rows + u - padding.rows
                let c = j * stride.columns + v - padding.columns
                let inside = (0..<input.shape[0]).contains(r) && (0..<input.shape[1]).contains(c)
                cells.append(PoolingCell(row: r, column: c, value: inside ? input[r, c] : 0, isPadding: !inside))
            }
        }
        let real = cells.indices.filter { !cells[$0].isPadding }
        precondition(!real.isEmpty, "window [\(i), \(j)] holds only padding although padding ≤ k/2")
        switch op {
        case .max, .min:
            // PyTorch's CPU kernel: replace only on strictly better (or NaN), so the first best wins.
            var winner = real[0]
            for index in real.dropFirst() {
                let value = cells[index].value, best = cells[winner].value
                if (op == .max ? value > best : value < best) || value.isNaN { winner = index }
            }
            let best = cells[winner].value
            let ties = real.filter { $0 != winner && cells[$0].value == best }
            return PoolingStep(row: i, column: j, cells: cells, winner: winner, ties: ties, sum: nil, count: nil,
                               value: best)
        case .avg:
            var sum = 0.0
            for index in real { sum += cells[index].value }
            // Counting padding counts the cells within the padded input: not a ceil_mode window's overhang.
            let bottom = input.shape[0] + padding.rows + extraPadding.rows
            let right = input.shape[1] + padding.columns + extraPadding.columns
            let count = countIncludePad ? cells.filter { $0.row < bottom && $0.column < right }.count : real.count
            return PoolingStep(row: i, column: j, cells: cells, winner: nil, ties: [], sum: sum, count: count,
                               value: sum / Double(count))
        }
    }
}

extension Pool2D {
    /// One axis of the pooling size formula with its numbers: `o = ⌊(6 + 2×0 − 2)/2⌋ + 1 = ⌊4/2⌋ + 1 = 3`,
    /// or with uneven padding (Keras' "same") `o = ⌊(5 + 0 + 1 − 2)/2⌋ + 1 = ⌊4/2⌋ + 1 = 3`.
    public static func filledIn(_ size: OutputSize, ceilMode: Bool = false) -> String {
        if ceilMode {
            let numerator = size.input + 2 * size.padding - size.kernel
            let rounded = numerator / size.stride + (numerator % size.stride == 0 ? 0 : 1) + 1
            var text = "o = ⌈(\(size.input) + 2×\(size.padding) − \(size.kernel))/\(size.stride)⌉ + 1 = ⌈\(numerator)/\(size.stride)⌉ + 1 = \(rounded)"
            if rounded != size.output {
                text += "; the last window would start at (\(rounded) − 1)×\(size.stride) = \((rounded - 1) * size.stride) ≥ n + p = \(size.input + size.padding), so o = \(size.output)"
            }
            if let overhang = size.extraPadding, overhang > 0 {
                text += " (the last window reaches \(overhang) past the padding)"
            }
            return text
        }
        let n = Notation.number(Double(size.numerator))
        return "o = ⌊(\(paddedSum(size)) − \(size.kernel))/\(size.stride)⌋ + 1 = ⌊\(n)/\(size.stride)⌋ + 1 = \(size.output)"
    }

    /// The padded input as a sum: `6 + 2×1`, or `5 + 0 + 1` (padding before, then after).
    static func paddedSum(_ size: OutputSize) -> String {
        guard let extra = size.extraPadding else { return "\(size.input) + 2×\(size.padding)" }
        return "\(size.input) + \(size.padding) + \(size.padding + extra)"
    }
}

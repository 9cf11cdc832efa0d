/// The shape arithmetic of a convolution along one axis, every step kept so it can be
/// written out: the effective kernel, the floor, the "same" padding, the cells no window
/// reads, and the transposed convolution's output size.
///
/// Conventions are PyTorch's `Conv2d`/`ConvTranspose2d` and Keras's `Conv2D`:
/// o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1, windows start at padded index i·s (i = 0 … o − 1),
/// and tap u of window i reads padded index i·s + u·d. Padded indices run 0 … n + 2p − 1;
/// the input occupies p … p + n − 1.
public struct ConvolutionAxisArithmetic: Equatable, Sendable, Codable {
    /// The formula's numbers (`validate()` has passed for them).
    public var size: OutputSize
    /// The first padded index of each window, in order.
    public var windowStarts: [Int]
    /// How many windows read each padded index (0 = never read).
    public var readCounts: [Int]
    /// Padded indices no window reads, with whether each is padding.
    public var unreadCells: [AxisCell]
    /// How many cells at the far end the floor drops: (n + 2p − d(k − 1) − 1) mod s.
    public var droppedByFloor: Int
    /// The "same" padding at stride 1: total d(k − 1), split before/after (extra at the end, as PyTorch and Keras do).
    public var samePaddingBefore: Int
    public var samePaddingAfter: Int
    /// Keras's "same" at this stride: o = ⌈n/s⌉ and total padding max((o − 1)s + d(k − 1) + 1 − n, 0).
    public var keras: KerasSame
    /// A transposed convolution with the same k, s, p, d (and the given output_padding) on an input of n.
    public var transposed: TransposedOutputSize
    /// The transposed convolution that maps this output back to n: output_padding = `droppedByFloor`.
    public var roundTrip: TransposedOutputSize

    /// A padded index and what it holds.
    public struct AxisCell: Equatable, Sendable, Codable {
        /// The padded index, 0-based.
        public var paddedIndex: Int
        /// The input index, 0-based, or nil for padding.
        public var inputIndex: Int?
    }

    /// Keras's `padding="same"` at any stride.
    public struct KerasSame: Equatable, Sendable, Codable {
        /// ⌈n/s⌉.
        public var output: Int
        /// The zeros added in all, and before and after (the extra one at the end).
        public var totalPadding: Int
        public var before: Int
        public var after: Int
    }

    /// Works out every number for one axis, or throws an `InputError` naming the impossible term.
    public init(_ size: OutputSize, outputPadding: Int = 0) throws {
        try size.validate()
        self.size = size
        let o = size.output
        windowStarts = (0..<o).map { $0 * size.stride }
        var counts = Array(repeating: 0, count: size.paddedInput)
        for start in windowStarts {
            for u in 0..<size.kernel { counts[start + u * size.dilation] += 1 }
        }
        readCounts = counts
        unreadCells = counts.indices.filter { counts[$0] == 0 }.map { index in
            let inputIndex = index - size.padding
            return AxisCell(paddedIndex: index, inputIndex: (0..<size.input).contains(inputIndex) ? inputIndex : nil)
        }
        droppedByFloor = size.unread
        let total = size.dilation * (size.kernel - 1)
        samePaddingBefore = total / 2
        samePaddingAfter = total - total / 2
        keras = KerasSame(SamePadding(axis: size.axis, input: size.input, kernel: size.kernel, stride: size.stride,
                                      dilation: size.dilation))
        transposed = TransposedOutputSize(axis: size.axis, input: size.input, kernel: size.kernel, padding: size.padding,
                                          stride: size.stride, dilation: size.dilation, outputPadding: outputPadding)
        if outputPadding < 0 || (outputPadding >= size.stride && outputPadding >= size.dilation) {
            try transposed.validate()
        }
        roundTrip = TransposedOutputSize(axis: size.axis, input: o, kernel: size.kernel, padding: size.padding,
                                         stride: size.stride, dilation: size.dilation, outputPadding: droppedByFloor)
    }

    /// `k + (k − 1)(d − 1) = 3 + 2×1 = 5`.
    public var effectiveKernelText: String {
        let k = size.kernel, d = size.dilation
        return "k + (k − 1)(d − 1) = \(k) + \(k - 1)×\(d - 1) = \(size.effectiveKernel)"
    }

    /// The floor written out: `(7 + 2×1 − 5)/2 = 4/2 = 2, ⌊2⌋ = 2` with the remainder.
    public var floorText: String {
        let s = size.stride
        let q = size.numerator / s, r = size.numerator % s
        let exact = r == 0 ? "\(size.numerator)/\(s) = \(q) exactly" : "\(size.numerator)/\(s) = \(q) remainder \(r), so ⌊\(size.numerator)/\(s)⌋ = \(q)"
        return "n + 2p − k' = \(size.input) + 2×\(size.padding) − \(size.effectiveKernel) = \(size.numerator); \(exact)"
    }
}

/// The shape arithmetic of a 2-D convolution: one `ConvolutionAxisArithmetic` per axis.
public struct ConvolutionArithmetic: Equatable, Sendable, Codable {
    /// Rows, then columns.
    public var axes: [ConvolutionAxisArithmetic]

    /// Works out both axes of a convolution of an n_r × n_c input with a k_r × k_c kernel.
    public init(input: Pair2, kernel: Pair2, padding: Pair2 = Pair2(0), stride: Pair2 = Pair2(1),
                dilation: Pair2 = Pair2(1), outputPadding: Pair2 = Pair2(0)) throws {
        axes = [
            try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: input.rows, kernel: kernel.rows,
                                                     padding: padding.rows, stride: stride.rows, dilation: dilation.rows),
                                          outputPadding: outputPadding.rows),
            try ConvolutionAxisArithmetic(OutputSize(axis: "columns", input: input.columns, kernel: kernel.columns,
                                                     padding: padding.columns, stride: stride.columns,
                                                     dilation: dilation.columns),
                                          outputPadding: outputPadding.columns),
        ]
    }

    /// How many windows read padded cell (row, column): windows and taps form a product over the axes.
    public func readCount(row: Int, column: Int) -> Int { axes[0].readCounts[row] * axes[1].readCounts[column] }

    /// Rows and columns have the same numbers.
    public var isSquare: Bool {
        let a = axes[0].size, b = axes[1].size
        return a.input == b.input && a.kernel == b.kernel && a.padding == b.padding && a.stride == b.stride
            && a.dilation == b.dilation
    }

    /// The output shape, rows × columns.
    public var outputShape: [Int] { axes.map(\.size.output) }

    /// Each window position, row-major: the first padded row and column of the window.
    public var positions: [(row: Int, column: Int)] {
        axes[0].windowStarts.flatMap { r in axes[1].windowStarts.map { c in (row: r, column: c) } }
    }
}

extension ConvolutionAxisArithmetic.KerasSame {
    /// The numbers of `rule`.
    init(_ rule: SamePadding) {
        self.init(output: rule.output, totalPadding: rule.total, before: rule.before, after: rule.after)
    }
}

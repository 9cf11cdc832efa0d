extension TransposedOutputSize {
    /// The input sizes m of the forward convolution (same k, s, p, d) that all give an output of
    /// size n: m = (n − 1)s − 2p + d(k − 1) + 1 + r for r = 0 … s − 1. `output_padding` is r, the
    /// choice among them; with stride 1 there is only one.
    public var forwardInputSizes: ClosedRange<Int> {
        let base = (input - 1) * stride - cropped + dilation * (kernel - 1) + 1
        return max(1, base)...max(1, base + stride - 1)
    }
}

extension Conv2D {
    /// The step of one output cell alone, without computing the others (for large inputs).
    public func window(of input: Tensor, row i: Int, column j: Int) throws -> ConvolutionStep {
        try validate(inputShape: input.shape)
        let applied = appliedKernel
        var terms: [ConvolutionTerm] = []
        var sum = 0.0
        for u in 0..<applied.shape[0] {
            for v in 0..<applied.shape[1] {
                let r = i * stride.rows + u * dilation.rows, c = j * stride.columns + v * dilation.columns
                let ir = r - padding.rows, ic = c - padding.columns
                let inside = (0..<input.shape[0]).contains(ir) && (0..<input.shape[1]).contains(ic)
                let x = inside ? input[ir, ic] : 0
                sum += x * applied[u, v]
                terms.append(ConvolutionTerm(paddedRow: r, paddedColumn: c, kernelRow: u, kernelColumn: v,
                                             input: x, weight: applied[u, v], isPadding: !inside))
            }
        }
        return ConvolutionStep(row: i, column: j, terms: terms, bias: bias, value: sum + bias)
    }
}

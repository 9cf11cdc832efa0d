extension Pool2D {
    /// Routes an upstream gradient ∂L/∂y back to the input, as PyTorch's `max_pool2d` and
    /// `avg_pool2d` backward do:
    ///
    ///     max, min: ∂L/∂x[r, c] = Σ over windows whose winner is x[r, c] of ∂L/∂y[i, j]
    ///     avg:      ∂L/∂x[r, c] = Σ over windows holding x[r, c] of ∂L/∂y[i, j] / count[i, j]
    ///
    /// Output cells are visited row by row and contributions accumulate where windows
    /// overlap. For max and min each upstream value lands on exactly one input cell, the
    /// winner the forward pass recorded (ties already broken the PyTorch way). For an
    /// average that counts padding, the shares that fall on padded cells are dropped.
    ///
    /// - Parameters:
    ///   - trace: the forward trace of this operation (it holds the winners and the counts).
    ///   - upstream: ∂L/∂y, with the shape of the pooled output.
    public func backward(_ trace: PoolingTrace, upstream: Tensor) throws -> PoolingBackwardTrace {
        precondition(trace.operation == self, "backward of \(self) given the trace of \(trace.operation)")
        guard upstream.shape == trace.output.shape else {
            throw InputError(.upstreamShape(given: upstream.shape, output: trace.output.shape, outputName: "pooled output"))
        }
        var gradient = Tensor(shape: trace.input.shape)
        var dropped = 0.0
        var steps: [PoolingBackwardStep] = []
        steps.reserveCapacity(trace.steps.count)
        for step in trace.steps {
            let g = upstream[step.row, step.column]
            var targets: [PoolingGradientTarget] = []
            var share: Double? = nil
            if let cell = step.winnerCell {
                precondition(!cell.isPadding, "a padded cell won \(step.label)")
                gradient[cell.row, cell.column] += g
                targets.append(PoolingGradientTarget(row: cell.row, column: cell.column, amount: g, isPadding: false,
                                                     totalAfter: gradient[cell.row, cell.column]))
            } else {
                let count = step.count ?? step.cells.count
                let part = g / Double(count)
                share = part
                for cell in step.cells {
                    if cell.isPadding {
                        // Counted in the divisor (count_include_pad) but not an input cell: the share is lost.
                        guard count == step.cells.count else { continue }
                        dropped += part
                        targets.append(PoolingGradientTarget(row: cell.row, column: cell.column, amount: part,
                                                             isPadding: true, totalAfter: 0))
                    } else {
                        gradient[cell.row, cell.column] += part
                        targets.append(PoolingGradientTarget(row: cell.row, column: cell.column, amount: part,
                                                             isPadding: false, totalAfter: gradient[cell.row, cell.column]))
                    }
                }
            }
            steps.append(PoolingBackwardStep(row: step.row, column: step.column, upstream: g, share: share,
                                             count: step.count, targets: targets))
        }
        return PoolingBackwardTrace(op: op, upstream: upstream, gradient: gradient, steps: steps,
                                    droppedOnPadding: dropped)
    }
}

extension Conv2D {
    /// The backward pass: gradients of the loss with respect to bias, kernel and input, given
    /// the upstream gradient ∂L/∂z of the forward trace's output. See `ConvolutionBackwardTrace`
    /// for the formulas.
    public func backward(_ forward: ConvolutionTrace, upstream: Tensor) throws -> ConvolutionBackwardTrace {
        guard upstream.shape == forward.output.shape else {
            throw InputError("the upstream gradient is \(Notation.shape(upstream.shape)) but the output is \(Notation.shape(forward.output.shape)); ∂L/∂z must have the output's shape")
        }
        let w = forward.appliedKernel
        let xp = forward.paddedInput
        let (kr, kc) = (w.shape[0], w.shape[1])
        let (oh, ow) = (upstream.shape[0], upstream.shape[1])
        let s = forward.stride, d = forward.dilation, p = forward.padding

        // Kernel: ∂L/∂w[u, v] = Σ G[i, j] · x_p[i·s + u·d, j·s + v·d].
        var kernelSteps: [GradientStep] = []
        var gradApplied = Tensor(shape: w.shape)
        for u in 0..<kr {
            for v in 0..<kc {
                var terms: [GradientTerm] = []
                var sum = 0.0
                for i in 0..<oh {
                    for j in 0..<ow {
                        let r = i * s.rows + u * d.rows, c = j * s.columns + v * d.columns
                        let g = upstream[i, j], x = xp[r, c]
                        sum += g * x
                        let padding = r < p.rows || r >= p.rows + forward.input.shape[0]
                            || c < p.columns || c >= p.columns + forward.input.shape[1]
                        terms.append(GradientTerm(outputRow: i, outputColumn: j, upstream: g, factor: x,
                                                  factorRow: r, factorColumn: c, isPadding: padding))
                    }
                }
                gradApplied[u, v] = sum
                let label = "∂L/∂w" + Notation.index(u, v)
                kernelSteps.append(GradientStep(row: u, column: v, terms: terms, value: sum, label: label,
                                                text: label + " = " + Notation.sumOfProducts(terms.map { ($0.upstream, $0.factor) },
                                                                                            bias: nil, result: sum)))
            }
        }

        // Input: ∂L/∂x_p[r, c] = Σ over taps that read (r, c) of G[i, j] · w[u, v].
        var contributions = Array(repeating: [GradientTerm](), count: xp.count)
        for i in 0..<oh {
            for j in 0..<ow {
                for u in 0..<kr {
                    for v in 0..<kc {
                        let r = i * s.rows + u * d.rows, c = j * s.columns + v * d.columns
                        contributions[r * xp.shape[1] + c].append(
                            GradientTerm(outputRow: i, outputColumn: j, upstream: upstream[i, j], factor: w[u, v],
                                         factorRow: u, factorColumn: v, isPadding: false))
                    }
                }
            }
        }
        var gradPadded = Tensor(shape: xp.shape)
        var inputSteps: [GradientStep] = []
        for r in 0..<xp.shape[0] {
            for c in 0..<xp.shape[1] {
                let terms = contributions[r * xp.shape[1] + c]
                let sum = terms.reduce(0) { $0 + $1.upstream * $1.factor }
                gradPadded[r, c] = sum
                let label = "∂L/∂x" + "[\(r - p.rows + 1),\(c - p.columns + 1)]"
                let text = label + " = " + (terms.isEmpty ? "0 (no window reads this cell)"
                    : Notation.sumOfProducts(terms.map { ($0.upstream, $0.factor) }, bias: nil, result: sum))
                inputSteps.append(GradientStep(row: r, column: c, terms: terms, value: sum, label: label, text: text))
            }
        }
        var gradInput = Tensor(shape: forward.input.shape)
        for r in 0..<gradInput.shape[0] {
            for c in 0..<gradInput.shape[1] { gradInput[r, c] = gradPadded[r + p.rows, c + p.columns] }
        }

        var dilated = Tensor(shape: [(oh - 1) * s.rows + 1, (ow - 1) * s.columns + 1])
        for i in 0..<oh { for j in 0..<ow { dilated[i * s.rows, j * s.columns] = upstream[i, j] } }

        return ConvolutionBackwardTrace(
            forward: forward, upstream: upstream, gradBias: upstream.sum,
            gradKernel: forward.mode == .convolution ? gradApplied.rotated180 : gradApplied,
            gradInput: gradInput, gradPaddedInput: gradPadded, dilatedUpstream: dilated,
            kernelSteps: kernelSteps, inputSteps: inputSteps)
    }
}

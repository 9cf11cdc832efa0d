import LessonCore
import Testing

/// Transposed convolution: scatter-add, sizes, and the adjoint of `Conv2D`.
@Suite struct ConvTranspose2DTests {
    @Test func strideTwoScatterOfTwoByTwo() throws {
        let kernel = Tensor(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
        let trace = try ConvTranspose2D(kernel: kernel, stride: Pair2(2)).forward(Tensor(rows: [[1, 10], [100, 1000]]))
        #expect(trace.output.shape == [5, 5])
        // The centre column 2 (0-based) is hit by y[1,1] (weight 3) and y[1,2] (weight 1): 3 + 10.
        #expect(trace.output[0, 2] == 13)
        let centre: Double = 9 + 70 + 300 + 1000
        #expect(trace.output[2, 2] == centre)
        #expect(trace.output[4, 4] == 9000)
    }

    @Test func paddingCropsAndOutputPaddingAddsAtTheEnd() throws {
        let kernel = Tensor(rows: [[1, 1, 1], [1, 1, 1], [1, 1, 1]])
        let input = Tensor(rows: [[1, 1], [1, 1]])
        let cropped = try ConvTranspose2D(kernel: kernel, padding: Pair2(1), stride: Pair2(2)).forward(input)
        #expect(cropped.output.shape == [3, 3])
        #expect(cropped.output == Tensor(rows: [[1, 2, 1], [2, 4, 2], [1, 2, 1]]))
        let extended = try ConvTranspose2D(kernel: kernel, padding: Pair2(1), stride: Pair2(2), outputPadding: Pair2(1)).forward(input)
        #expect(extended.output.shape == [4, 4])
        #expect(extended.output == Tensor(rows: [[1, 2, 1, 1], [2, 4, 2, 2], [1, 2, 1, 1], [1, 2, 1, 1]]))
    }

    /// Property: ⟨Cx, y⟩ = ⟨x, Cᵀy⟩ with C = `Conv2D` and Cᵀ = `ConvTranspose2D`, the computed
    /// shape matches the formula, and the recorded matrix is the transpose of `ConvolutionMatrix`.
    @Test func transposedConvolutionIsTheAdjoint() throws {
        var checked = 0
        for seed in UInt64(0)..<300 {
            var g = SeededShapes(seed: seed)
            let kernel = g.matrix(g.int(1...4), g.int(1...4))
            let stride = Pair2(rows: g.int(1...3), columns: g.int(1...3))
            let dilation = Pair2(rows: g.int(1...2), columns: g.int(1...2))
            let padding = Pair2(rows: g.int(0...2), columns: g.int(0...2))
            let outputPadding = Pair2(rows: g.int(0...(stride.rows - 1)), columns: g.int(0...(stride.columns - 1)))
            let y = g.matrix(g.int(1...4), g.int(1...4))
            let transposed = ConvTranspose2D(kernel: kernel, padding: padding, stride: stride, dilation: dilation,
                                             outputPadding: outputPadding)
            guard let trace = try? transposed.forward(y) else { continue }
            let sizes = transposed.outputSizes(for: y.shape)
            #expect(trace.output.shape == [sizes[0].output, sizes[1].output], "seed \(seed)")
            let x = g.matrix(trace.output.shape[0], trace.output.shape[1])
            let conv = try Conv2D(kernel: kernel, padding: padding, stride: stride, dilation: dilation).forward(x)
            #expect(conv.output.shape == y.shape, "seed \(seed): conv of the output shape must give the input shape")
            #expect(SeededShapes.inner(conv.output, y) == SeededShapes.inner(x, trace.output), "seed \(seed): k \(kernel.shape) s \(stride) d \(dilation) p \(padding) op \(outputPadding)")
            let m = try ConvolutionMatrix(kernel: kernel, inputShape: x.shape, padding: padding, stride: stride, dilation: dilation)
            #expect(m.matrix.transposed == trace.transposedMatrix, "seed \(seed)")
            checked += 1
        }
        #expect(checked > 150, "only \(checked) random cases were possible")
    }

    @Test func impossibleOutputPaddingAndCropsAreRefused() {
        let kernel = Tensor(rows: [[1, 1], [1, 1]])
        #expect(throws: InputError("output_padding must be smaller than the stride or the dilation along the rows (stride 1, dilation 1), got 1")) {
            try ConvTranspose2D(kernel: kernel, outputPadding: Pair2(1)).forward(Tensor(rows: [[1]]))
        }
        #expect(throws: InputError.self) {
            try ConvTranspose2D(kernel: kernel, padding: Pair2(1)).forward(Tensor(rows: [[1]]))
        }
    }
}

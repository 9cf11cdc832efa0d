import LessonCore
import Testing

/// The convolution as a matrix product (seeds/002, "Convolution as a matrix multiplication").
@Suite struct ConvolutionMatrixTests {
    let notesInput = Tensor(rows: [[4, 5, 8, 7], [1, 8, 8, 8], [3, 6, 6, 4], [6, 5, 7, 8]])
    let notesKernel = Tensor(rows: [[1, 4, 1], [1, 4, 3], [3, 3, 1]])

    @Test func notesFourByFourMatrixAndOutput() throws {
        let m = try ConvolutionMatrix(kernel: notesKernel, inputShape: [4, 4])
        #expect(m.matrix.shape == [4, 16])
        #expect(m.matrix.rowArrays[0] == [1, 4, 1, 0, 1, 4, 3, 0, 3, 3, 1, 0, 0, 0, 0, 0])
        #expect(m.matrix.rowArrays[1] == [0, 1, 4, 1, 0, 1, 4, 3, 0, 3, 3, 1, 0, 0, 0, 0])
        #expect(m.matrix.rowArrays[2] == [0, 0, 0, 0, 1, 4, 1, 0, 1, 4, 3, 0, 3, 3, 1, 0])
        #expect(m.matrix.rowArrays[3] == [0, 0, 0, 0, 0, 1, 4, 1, 0, 1, 4, 3, 0, 3, 3, 1])
        let trace = try m.multiply(notesInput)
        #expect(trace.output == Tensor(rows: [[122, 148], [126, 134]]))
        #expect(trace.products[0].sumText == "4×1 + 5×4 + 8×1 + 1×1 + 8×4 + 8×3 + 3×3 + 6×3 + 6×1 = 122")
    }

    @Test func symbolicThreeByThreeWithTwoByTwoPlacesTheNotesColumns() throws {
        // Row i of M holds k1 k2 in columns a, a+1 and k3 k4 in a+3, a+4 (1-based x1…x9).
        let kernel = Tensor(rows: [[1, 2], [3, 4]])
        let m = try ConvolutionMatrix(kernel: kernel, inputShape: [3, 3])
        let columns = m.rows.map { $0.entries.map { $0.column + 1 } }
        #expect(columns == [[1, 2, 4, 5], [2, 3, 5, 6], [4, 5, 7, 8], [5, 6, 8, 9]])
        let weights = m.rows.map { $0.entries.map { $0.kernelRow * 2 + $0.kernelColumn + 1 } }
        #expect(weights == Array(repeating: [1, 2, 3, 4], count: 4))
    }

    @Test func paddingTapsHaveNoColumn() throws {
        let m = try ConvolutionMatrix(kernel: notesKernel, inputShape: [4, 4], padding: Pair2(1))
        #expect(m.matrix.shape == [16, 16])
        #expect(m.rows[0].paddingTaps == 5)
        #expect(m.rows[0].entries.count == 4)
        #expect(m.rows[5].paddingTaps == 0)
    }

    /// Property: M·x reshaped equals `Conv2D.forward` for random shapes, padding, stride, dilation.
    @Test func matrixFormEqualsDirectConvolution() throws {
        var checked = 0
        for seed in UInt64(0)..<300 {
            var g = SeededShapes(seed: seed)
            let n = [g.int(1...7), g.int(1...7)]
            let kernel = g.matrix(g.int(1...4), g.int(1...4))
            let padding = Pair2(rows: g.int(0...2), columns: g.int(0...2))
            let stride = Pair2(rows: g.int(1...3), columns: g.int(1...3))
            let dilation = Pair2(rows: g.int(1...2), columns: g.int(1...2))
            let input = g.matrix(n[0], n[1])
            let direct = Conv2D(kernel: kernel, padding: padding, stride: stride, dilation: dilation)
            guard let expected = try? direct.forward(input) else {
                #expect(throws: InputError.self, "seed \(seed)") {
                    try ConvolutionMatrix(kernel: kernel, inputShape: n, padding: padding, stride: stride, dilation: dilation)
                }
                continue
            }
            let m = try ConvolutionMatrix(kernel: kernel, inputShape: n, padding: padding, stride: stride, dilation: dilation)
            let trace = try m.multiply(input)
            #expect(trace.output == expected.output, "seed \(seed): n \(n) k \(kernel.shape) p \(padding) s \(stride) d \(dilation)")
            #expect(m.matrix.shape == [expected.output.count, input.count], "seed \(seed)")
            // The shape from the formula, computed here independently: o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1.
            func size(_ n: Int, _ k: Int, _ p: Int, _ s: Int, _ d: Int) -> Int {
                let numerator: Int = n + 2 * p - d * (k - 1) - 1
                return numerator / s + 1
            }
            let formula = [size(n[0], kernel.shape[0], padding.rows, stride.rows, dilation.rows),
                           size(n[1], kernel.shape[1], padding.columns, stride.columns, dilation.columns)]
            #expect(trace.output.shape == formula, "seed \(seed): shape \(trace.output.shape), formula \(formula)")
            checked += 1
        }
        #expect(checked > 150, "only \(checked) random cases had an output")
    }

    @Test func tooLargeAMatrixIsRefusedWithASentence() {
        #expect(throws: InputError.self) {
            try ConvolutionMatrix(kernel: Tensor(rows: [[1]]), inputShape: [100, 100])
        }
    }
}

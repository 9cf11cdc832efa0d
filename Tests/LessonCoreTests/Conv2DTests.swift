import LessonTestSupport
import Testing
@testable import LessonCore

/// The 5×5 example of seeds/004 and the output-size formula.
@Suite struct Conv2DTests {
    let input = Tensor(rows: [[1, 0, 3, 0, 2], [0, 3, 4, 0, 2], [1, 0, 2, 0, 1], [8, 12, 0, 1, 0], [0, 6, 3, 2, 0]])
    let kernel = Tensor(rows: [[1, -1, 0], [0, 2, -2], [-1, 0, 2]])

    @Test(arguments: [
        (0, 1, [[2.0, 5, -1], [-15, -7, 2], [31, -6, 1]]),
        (1, 1, [[8, 2, 3, -4, 4], [-7, 2, 5, -1, 2], [26, -15, -7, 2, -1], [3, 31, -6, 1, -3], [-20, 2, 14, 3, 1]]),
        (0, 2, [[2, -1], [31, 1]]),
        (1, 2, [[8, 3, 4], [26, -7, -1], [-20, 14, 1]]),
    ])
    func theNotesExampleNumberByNumber(padding: Int, stride: Int, expected: [[Double]]) throws {
        let trace = try Conv2D(kernel: kernel, padding: Pair2(padding), stride: Pair2(stride)).forward(input)
        #expect(trace.output == Tensor(rows: expected))
        #expect(trace.steps.count == expected.count * expected[0].count)
    }

    @Test func firstCellIsWrittenAsTheSlideWritesIt() throws {
        let trace = try Conv2D(kernel: kernel).forward(input)
        #expect(trace.steps[0].text == "z[1,1] = 1×1 + 0×(−1) + 3×0 + 0×0 + 3×2 + 4×(−2) + 1×(−1) + 0×0 + 2×2 + 0 = 2")
        #expect(trace.outputSizes[0].filledIn == "o = ⌊(5 + 2×0 − 1×(3 − 1) − 1)/1⌋ + 1 = ⌊2/1⌋ + 1 = 3")
    }

    @Test func paddingTermsAreMarked() throws {
        let trace = try Conv2D(kernel: kernel, padding: Pair2(1)).forward(input)
        let first = trace.steps[0]
        // The top-left window reads padding in its first row and first column: 5 of 9 cells.
        #expect(first.terms.filter(\.isPadding).count == 5)
        #expect(first.value == 8)
    }

    @Test func trueConvolutionIsCrossCorrelationWithTheRotatedKernel() throws {
        var generator = SplitMix64(seed: 7)
        for seed in 0..<50 {
            let n = Int.random(in: 3...7, using: &generator), k = Int.random(in: 1...3, using: &generator)
            let x = Tensor(shape: [n, n], scalars: (0..<(n * n)).map { _ in Double(Int.random(in: -5...5, using: &generator)) })
            let w = Tensor(shape: [k, k], scalars: (0..<(k * k)).map { _ in Double(Int.random(in: -3...3, using: &generator)) })
            let flipped = try Conv2D(kernel: w, mode: .convolution).forward(x)
            let correlated = try Conv2D(kernel: w.rotated180).forward(x)
            #expect(flipped.output == correlated.output, "seed \(seed)")
        }
    }

    /// The property: the formula's size equals the number of window positions that fit,
    /// counted one by one, for every small n, k, p, s, d.
    @Test func outputSizeMatchesABruteForceCount() {
        var checked = 0
        for n in 1...12 { for k in 1...5 { for p in 0...3 { for s in 1...4 { for d in 1...3 {
            let size = OutputSize(axis: "rows", input: n, kernel: k, padding: p, stride: s, dilation: d)
            var count = 0
            var start = 0
            while start + d * (k - 1) <= n + 2 * p - 1 { count += 1; start += s }
            #expect(size.output == count, "n=\(n) k=\(k) p=\(p) s=\(s) d=\(d)")
            #expect((try? size.validate()) != nil || count == 0, "n=\(n) k=\(k) p=\(p) s=\(s) d=\(d)")
            checked += 1
        } } } } }
        #expect(checked == 12 * 5 * 4 * 4 * 3)
    }

    @Test func dilatedWindowsSkipCells() throws {
        let trace = try Conv2D(kernel: Tensor(rows: [[1, 1], [1, 1]]), dilation: Pair2(2)).forward(input)
        // Output 3×3; z[1,1] reads (1,1), (1,3), (3,1), (3,3) of the input: 1 + 3 + 1 + 2.
        #expect(trace.output.shape == [3, 3])
        #expect(trace.output[0, 0] == 7)
        #expect(trace.steps[0].terms.map(\.paddedColumn) == [0, 2, 0, 2])
    }

    @Test(arguments: [
        (Pair2(0), Pair2(0), Pair2(1), "stride must be 1 or more along the rows, got 0"),
        (Pair2(1), Pair2(-1), Pair2(1), "padding must be 0 or more along the rows, got −1"),
        (Pair2(1), Pair2(0), Pair2(0), "dilation must be 1 or more along the rows, got 0"),
    ])
    func impossibleSettingsAreNamed(stride: Pair2, padding: Pair2, dilation: Pair2, message: String) {
        let error = #expect(throws: InputError.self) {
            try Conv2D(kernel: kernel, padding: padding, stride: stride, dilation: dilation).forward(input)
        }
        #expect(error?.message == message)
    }

    @Test func kernelLargerThanThePaddedInputSaysWhichTermWentNegative() {
        let error = #expect(throws: InputError.self) {
            try Conv2D(kernel: Tensor(shape: [3, 3]), dilation: Pair2(3)).forward(input)
        }
        #expect(error?.message == "the kernel (7 (k = 3 dilated by 3) rows) is larger than the padded input (5 + 2×0 = 5 rows), so n + 2p − d(k − 1) − 1 = −2 is below 0 and there is no output")
    }
}

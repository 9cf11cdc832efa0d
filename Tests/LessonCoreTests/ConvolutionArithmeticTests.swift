import LessonTestSupport
import Testing
@testable import LessonCore

/// The shape arithmetic: every step, "same", unread cells, transposed sizes.
@Suite struct ConvolutionArithmeticTests {
    @Test func theLessonExampleStepByStep() throws {
        let axis = try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: 7, kernel: 3, padding: 1, stride: 2, dilation: 2))
        #expect(axis.size.effectiveKernel == 5)
        #expect(axis.effectiveKernelText == "k + (k − 1)(d − 1) = 3 + 2×1 = 5")
        #expect(axis.size.output == 3)
        #expect(axis.windowStarts == [0, 2, 4])
        #expect(axis.droppedByFloor == 0)
        // Stride 2 and dilation 2 read only the odd padded rows: the even ones are never read.
        #expect(axis.unreadCells.map(\.paddedIndex) == [1, 3, 5, 7])
        #expect(axis.unreadCells.map(\.inputIndex) == [0, 2, 4, 6])
        #expect(axis.transposed.output == 15)
        #expect(axis.roundTrip.output == 7)
    }

    @Test func aStrideThatDoesNotDivideLeavesTheLastRowUnread() throws {
        let axis = try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: 6, kernel: 3, padding: 1, stride: 2))
        #expect(axis.size.output == 3)
        #expect(axis.droppedByFloor == 1)
        #expect(axis.unreadCells == [ConvolutionAxisArithmetic.AxisCell(paddedIndex: 7, inputIndex: nil)])
        let valid = try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: 8, kernel: 3, stride: 2))
        #expect(valid.unreadCells == [ConvolutionAxisArithmetic.AxisCell(paddedIndex: 7, inputIndex: 7)])
        #expect(valid.roundTrip.outputPadding == 1)
        #expect(valid.roundTrip.output == 8)
    }

    @Test func samePaddingSplitsAnOddTotalWithTheExtraAtTheEnd() throws {
        let even = try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: 5, kernel: 2))
        #expect(even.samePaddingBefore == 0 && even.samePaddingAfter == 1)
        let odd = try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: 5, kernel: 3))
        #expect(odd.samePaddingBefore == 1 && odd.samePaddingAfter == 1)
        // Keras "same", stride 2, k = 3 on 7: o = 4, total (4 − 1)·2 + 3 − 7 = 2.
        let keras = try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: 7, kernel: 3, stride: 2)).keras
        #expect(keras == ConvolutionAxisArithmetic.KerasSame(output: 4, totalPadding: 2, before: 1, after: 1))
        // Keras "same", stride 2, k = 4 on 6: o = 3, total (3 − 1)·2 + 4 − 6 = 2; k = 3 on 6: total 1, extra after.
        let k3 = try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: 6, kernel: 3, stride: 2)).keras
        #expect(k3 == ConvolutionAxisArithmetic.KerasSame(output: 3, totalPadding: 1, before: 0, after: 1))
    }

    @Test(arguments: [
        (OutputSize(axis: "rows", input: 3, kernel: 5), "the kernel (5 rows) is larger than the padded input (3 + 2×0 = 3 rows), so n + 2p − d(k − 1) − 1 = −2 is below 0"),
        (OutputSize(axis: "rows", input: 7, kernel: 3, stride: 0), "stride must be 1 or more along the rows, got 0"),
        (OutputSize(axis: "columns", input: 0, kernel: 3), "the input has no columns (size 0)"),
        (OutputSize(axis: "rows", input: 5, kernel: 3, dilation: 3), "the kernel (7 (k = 3 dilated by 3) rows) is larger than the padded input"),
    ])
    func impossibleArithmeticNamesTheTerm(size: OutputSize, message: String) {
        do {
            _ = try ConvolutionAxisArithmetic(size)
            Issue.record("\(size) must fail")
        } catch let error as InputError {
            #expect(error.message.contains(message), "\(error.message)")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func outputPaddingMustBeSmallerThanStrideOrDilation() {
        #expect(throws: InputError.self) {
            try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: 7, kernel: 3, stride: 2), outputPadding: 2)
        }
        #expect(throws: Never.self) {
            try ConvolutionAxisArithmetic(OutputSize(axis: "rows", input: 7, kernel: 3, stride: 2), outputPadding: 1)
        }
    }

    /// Properties over seeded cases: the formula's shape is the shape a convolution computes;
    /// the cells no window reads are exactly those no term of the trace touches; read counts
    /// match the trace; the transposed convolution with output_padding = remainder gives n back.
    @Test func randomCasesMatchAComputedConvolution() throws {
        for seed in UInt64(1)...150 {
            var rng = SplitMix64(seed: seed)
            let n = Pair2(rows: rng.int(1...9), columns: rng.int(1...9)), k = Pair2(rows: rng.int(1...4), columns: rng.int(1...4))
            let p = Pair2(rows: rng.int(0...2), columns: rng.int(0...2)), s = Pair2(rows: rng.int(1...3), columns: rng.int(1...3))
            let d = Pair2(rows: rng.int(1...3), columns: rng.int(1...3))
            let kernel = Tensor(shape: [k.rows, k.columns], repeating: 1)
            let input = Tensor(shape: [n.rows, n.columns], repeating: 1)
            let conv = Conv2D(kernel: kernel, padding: p, stride: s, dilation: d)
            guard let trace = try? conv.forward(input) else {
                #expect(throws: InputError.self, "seed \(seed)") { try ConvolutionArithmetic(input: n, kernel: k, padding: p, stride: s, dilation: d) }
                continue
            }
            let arithmetic = try ConvolutionArithmetic(input: n, kernel: k, padding: p, stride: s, dilation: d)
            #expect(arithmetic.outputShape == trace.output.shape, "seed \(seed)")
            var counts = Tensor(shape: trace.paddedInput.shape)
            for step in trace.steps { for term in step.terms { counts[term.paddedRow, term.paddedColumn] += 1 } }
            for r in 0..<counts.shape[0] {
                for c in 0..<counts.shape[1] {
                    #expect(Double(arithmetic.readCount(row: r, column: c)) == counts[r, c], "seed \(seed) cell [\(r),\(c)]")
                }
            }
            let unreadRows = Set(arithmetic.axes[0].unreadCells.map(\.paddedIndex))
            let readRows = Set(trace.steps.flatMap { $0.terms.map(\.paddedRow) })
            #expect(unreadRows == Set(0..<trace.paddedInput.shape[0]).subtracting(readRows), "seed \(seed)")
            for axis in arithmetic.axes {
                #expect(axis.roundTrip.output == axis.size.input, "seed \(seed) \(axis.size.axis)")
                #expect(axis.droppedByFloor == (axis.size.paddedInput - axis.size.effectiveKernel) % axis.size.stride, "seed \(seed)")
            }
        }
    }
}

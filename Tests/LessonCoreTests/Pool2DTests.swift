import Foundation
import LessonCore
import Testing

/// The pooling tables of the notes (EXAMPLES.md, "Pooling tables"), number by number.
@Suite struct Pool2DNotesTests {
    static let sameOutput = Tensor(rows: [[-2, -23, 6, 9, -18], [-9, 32, -15, 16, 18], [31, 8, -15, 35, 3], [-11, -3, 44, 1, 24]])

    @Test func notes004MaxTwoByTwoStrideTwo() throws {
        let input = Tensor(rows: [[3, 0, 1, 0, 2, 4], [0, 1, 8, 12, 0, 0], [4, 0, 0, 3, 2, 2],
                                  [2, 0, 1, 0, 1, 1], [3, 2, 0, 6, 0, 5], [1, 0, 6, 0, 0, 9]])
        let trace = try Pool2D(op: .max, size: Pair2(2), stride: Pair2(2)).forward(input)
        #expect(trace.output.rowArrays == [[3, 12, 4], [4, 3, 2], [3, 6, 9]])
        // Winners (1-based in the notes' terms): y[1,2] = 12 comes from x[2,4].
        #expect(trace.step(row: 0, column: 1).winnerCell.map { [$0.row, $0.column] } == [1, 3])
        #expect(trace.step(row: 0, column: 0).text(op: .max) == "y[1,1] = max(3, 0, 0, 1) = 3, from x[1,1]")
    }

    @Test func notes003AverageThreeByThreeStrideOneIsNinths() throws {
        let trace = try Pool2D(op: .avg, size: Pair2(3), stride: Pair2(1)).forward(Self.sameOutput)
        let ninths: [[Double]] = [[13, 53, 39], [62, 103, 111]]
        #expect(trace.output.shape == [2, 3])
        for r in 0..<2 {
            for c in 0..<3 {
                let step = trace.step(row: r, column: c)
                #expect(step.sum == ninths[r][c], "sum of y[\(r + 1),\(c + 1)]")
                #expect(step.count == 9)
                #expect(agree(trace.output[r, c], ninths[r][c] / 9, absolute: 1e-15), "y[\(r + 1),\(c + 1)]")
            }
        }
        #expect(Notation.inlineMatrix(trace.output, decimals: 3) == "1.444 5.889 4.333; 6.889 11.444 12.333")
        #expect(trace.step(row: 0, column: 0).text(op: .avg, decimals: 3)
                == "y[1,1] = (−2 + (−23) + 6 + (−9) + 32 + (−15) + 31 + 8 + (−15))/9 = 13/9 ≈ 1.444")
    }

    @Test func notes003StatedAverageTableWasTruncatedNotRounded() throws {
        let trace = try Pool2D(op: .avg, size: Pair2(3), stride: Pair2(1)).forward(Self.sameOutput)
        let table = try PrintedTable.parse("1.4 5.8 4.3; 6.8 11.4 12.3")
        #expect(table.decimals == 1)
        let check = table.check(against: trace.output)
        #expect(check.verdict == .truncated)
        #expect(check.sentence.contains("truncated to 1 decimal, not rounded"))
        #expect(check.sentence.contains("y[1,2] = 5.8889 is printed 5.8; rounded it is 5.9"))
        #expect(check.sentence.contains("y[2,1] = 6.8889 is printed 6.8; rounded it is 6.9"))
        #expect(try PrintedTable.parse("1.4 5.9 4.3; 6.9 11.4 12.3").check(against: trace.output).verdict == .rounded)
        #expect(try PrintedTable.parse("1.4 5.9 4.3; 6.9 11.5 12.3").check(against: trace.output).verdict == .neither)
        #expect(try PrintedTable.parse("1.4 5.9").check(against: trace.output).verdict == .wrongShape)
    }

    @Test func notes003MaxTwoByTwoStrideOne() throws {
        let trace = try Pool2D(op: .max, size: Pair2(2), stride: Pair2(1)).forward(Self.sameOutput)
        #expect(trace.output.rowArrays == [[32, 32, 16, 18], [32, 32, 35, 35], [31, 44, 44, 35]])
    }

    @Test func notes001FeatureMapMaxPooledToThreeByThree() throws {
        let map = Tensor(rows: [[6, 8, 6, 3, 1, 0], [9, 13, 10, 5, 2, 0], [9, 14, 11, 6, 3, 0],
                                [9, 13, 11, 6, 2, 0], [8, 13, 10, 5, 3, 0], [6, 7, 5, 3, 1, 0]])
        let trace = try Pool2D(op: .max, size: Pair2(2)).forward(map)
        #expect(trace.stride == Pair2(2), "the stride defaults to the window size, as in PyTorch")
        #expect(trace.output.rowArrays == [[13, 10, 2], [14, 11, 3], [13, 10, 3]])
        let global = try Pool2D.global(.avg, inputShape: map.shape).forward(map)
        #expect(global.isGlobal)
        #expect(global.output.rowArrays == [[208.0 / 36]])
    }
}

/// PyTorch's conventions for ties, padding and bad arguments.
@Suite struct Pool2DConventionTests {
    @Test func maxTieGoesToTheFirstInRowMajorOrder() throws {
        let trace = try Pool2D(op: .max, size: Pair2(2)).forward(Tensor(rows: [[1, 7], [7, 7]]))
        let step = trace.steps[0]
        #expect(step.winner == 1)
        #expect(step.ties == [2, 3])
        #expect(step.text(op: .max).contains("tied with x[2,1], x[2,2]; the first in row-major window order wins, as in PyTorch"))
        let min = try Pool2D(op: .min, size: Pair2(2)).forward(Tensor(rows: [[5, 0], [0, 0]]))
        #expect(min.steps[0].winner == 1)
        #expect(min.steps[0].ties == [2, 3])
    }

    @Test func nanWinsAMaxAsInPyTorch() throws {
        // PyTorch's CPU kernel replaces the best on `val > best || isnan(val)`: the last NaN wins.
        let trace = try Pool2D(op: .max, size: Pair2(rows: 1, columns: 4)).forward(Tensor(rows: [[1, .nan, 3, .nan]]))
        #expect(trace.steps[0].winner == 3)
        #expect(trace.output[0, 0].isNaN)
    }

    @Test func paddedCellsNeverWinEvenWhenEveryInputIsNegative() throws {
        let input = Tensor(rows: [[-5, -4], [-3, -9]])
        let max = try Pool2D(op: .max, size: Pair2(2), stride: Pair2(1), padding: Pair2(1)).forward(input)
        #expect(max.output.rowArrays == [[-5, -4, -4], [-3, -3, -4], [-3, -3, -9]])
        #expect(max.steps.allSatisfy { $0.winnerCell?.isPadding == false })
        let min = try Pool2D(op: .min, size: Pair2(2), stride: Pair2(1), padding: Pair2(1)).forward(input.map { -$0 })
        #expect(min.output.rowArrays == [[5, 4, 4], [3, 3, 4], [3, 3, 9]])
    }

    @Test func averageCountsPaddingByDefaultAndCanLeaveItOut() throws {
        let input = Tensor(rows: [[4, 8], [2, 6]])
        // avg_pool2d(x, 2, stride=1, padding=1): corners see one input cell out of four.
        let included = try Pool2D(op: .avg, size: Pair2(2), stride: Pair2(1), padding: Pair2(1)).forward(input)
        #expect(included.output.rowArrays == [[1, 3, 2], [1.5, 5, 3.5], [0.5, 2, 1.5]])
        let excluded = try Pool2D(op: .avg, size: Pair2(2), stride: Pair2(1), padding: Pair2(1),
                                  countIncludePad: false).forward(input)
        #expect(excluded.output.rowArrays == [[4, 6, 8], [3, 5, 7], [2, 4, 6]])
        #expect(excluded.steps[0].count == 1)
        #expect(included.steps[0].text(op: .avg) == "y[1,1] = (0 + 0 + 0 + 4)/4 = 4/4 = 1 (the 3 padded cells count as 0)")
        #expect(excluded.steps[0].text(op: .avg) == "y[1,1] = (4)/1 = 4")
    }

    @Test(arguments: [
        (Pool2D(op: .max, size: Pair2(2), stride: Pair2(0)), "stride must be 1 or more along the rows, got 0"),
        (Pool2D(op: .max, size: Pair2(rows: 2, columns: 0)), "the window size must be 1 or more along the columns, got 0"),
        (Pool2D(op: .avg, size: Pair2(3), padding: Pair2(2)), "padding 2 along the rows is more than half the 3-row window (at most 1); PyTorch refuses this"),
        (Pool2D(op: .max, size: Pair2(2), padding: Pair2(rows: 0, columns: 2)), "padding 2 along the columns is more than half the 2-column window (at most 1)"),
        (Pool2D(op: .max, size: Pair2(rows: 2, columns: 7)), "the window (7 columns) is larger than the padded input (6 + 2×0 = 6 columns), so there is no output"),
        (Pool2D(op: .max, size: Pair2(2), padding: Pair2(-1)), "padding must be 0 or more along the rows, got −1"),
    ])
    func badSettingsAreOneSentence(pool: Pool2D, message: String) {
        let input = Tensor(shape: [6, 6], repeating: 1)
        #expect {
            try pool.forward(input)
        } throws: { error in
            (error as? InputError)?.message.contains(message) == true
        }
    }

    @Test func gradientOfTheWrongShapeIsRefused() throws {
        let pool = Pool2D(op: .max, size: Pair2(2))
        let trace = try pool.forward(Tensor(shape: [4, 4], repeating: 1))
        let error = InputError(.upstreamShape(given: [3, 2], output: [2, 2], outputName: "pooled output"))
        #expect(throws: error) { try pool.backward(trace, upstream: Tensor(shape: [3, 2], repeating: 1)) }
        #expect(error.message == "the upstream gradient is 3×2 but the pooled output is 2×2; it needs one value per output cell")
    }

    @Test func outputSizeFormulaIsWrittenOut() {
        let size = OutputSize(axis: "rows", input: 6, kernel: 2, padding: 0, stride: 2)
        #expect(Pool2D.filledIn(size) == "o = ⌊(6 + 2×0 − 2)/2⌋ + 1 = ⌊4/2⌋ + 1 = 3")
    }
}

/// Backward of the notes' examples.
@Suite struct Pool2DBackwardTests {
    @Test func maxBackwardOnTheNotes004InputRoutesToWinnersWithTiesBrokenFirst() throws {
        let input = Tensor(rows: [[3, 0, 1, 0, 2, 4], [0, 1, 8, 12, 0, 0], [4, 0, 0, 3, 2, 2],
                                  [2, 0, 1, 0, 1, 1], [3, 2, 0, 6, 0, 5], [1, 0, 6, 0, 0, 9]])
        let pool = Pool2D(op: .max, size: Pair2(2))
        let trace = try pool.forward(input)
        let backward = try pool.backward(trace, upstream: Tensor(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
        #expect(backward.gradient.rowArrays == [[1, 0, 0, 0, 0, 3], [0, 0, 0, 2, 0, 0], [4, 0, 0, 5, 6, 0],
                                                [0, 0, 0, 0, 0, 0], [7, 0, 0, 8, 0, 0], [0, 0, 0, 0, 0, 9]])
        #expect(backward.steps[5].text(decimals: 3) == "∂L/∂y[2,3] = 6 goes to the winner x[3,5]: ∂L/∂x[3,5] += 6, now 6")
    }

    @Test func overlappingMaxWindowsAccumulate() throws {
        let pool = Pool2D(op: .max, size: Pair2(2), stride: Pair2(1))
        let trace = try pool.forward(Pool2DNotesTests.sameOutput)
        let backward = try pool.backward(trace, upstream: Tensor(shape: [3, 4], repeating: 1))
        #expect(backward.gradient.rowArrays == [[0, 0, 0, 0, 0], [0, 4, 0, 1, 1], [1, 0, 0, 3, 0], [0, 0, 2, 0, 0]])
        let shared = backward.accumulations.filter { $0.contributions.count > 1 }
        #expect(shared.map { $0.text() } == [
            "∂L/∂x[2,2] = 1 + 1 + 1 + 1 = 4 (from y[1,1], y[1,2], y[2,1], y[2,2])",
            "∂L/∂x[3,4] = 1 + 1 + 1 = 3 (from y[2,3], y[2,4], y[3,4])",
            "∂L/∂x[4,3] = 1 + 1 = 2 (from y[3,2], y[3,3])",
        ])
    }

    @Test func averageBackwardSpreadsEvenlyAndDropsThePaddedShare() throws {
        let pool = Pool2D(op: .avg, size: Pair2(2), stride: Pair2(1), padding: Pair2(1))
        let trace = try pool.forward(Tensor(rows: [[4, 8], [2, 6]]))
        let backward = try pool.backward(trace, upstream: Tensor(shape: [3, 3], repeating: 4))
        // Every input cell lies in four windows, each giving it 4/4.
        #expect(backward.gradient.rowArrays == [[4, 4], [4, 4]])
        #expect(backward.droppedOnPadding == 36 - 16)
        let excluded = Pool2D(op: .avg, size: Pair2(2), stride: Pair2(1), padding: Pair2(1), countIncludePad: false)
        let back2 = try excluded.backward(try excluded.forward(Tensor(rows: [[4, 8], [2, 6]])),
                                          upstream: Tensor(shape: [3, 3], repeating: 4))
        #expect(back2.gradient.rowArrays == [[4 + 2 + 2 + 1, 9], [9, 9]])
        #expect(back2.droppedOnPadding == 0)
    }
}

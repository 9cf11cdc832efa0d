import LessonTestSupport
import Testing
@testable import LessonCore

/// Full, valid and same on the notes' 4×5 example (seeds/003), stride 2, and the flip.
@Suite struct ConvolutionModesTests {
    let input = Tensor(rows: [[4, 1, 0, 2, 5], [1, -1, 6, -2, 4], [-3, 4, 1, 3, 2], [0, -3, 0, 5, -1]])
    let kernel = Tensor(rows: [[6, 2, 1], [0, -2, 3], [2, -1, -4]])

    func run(_ mode: PaddingMode, stride: Int = 1, on x: Tensor? = nil) throws -> ConvolutionTrace {
        let padding = try mode.padding(kernelShape: kernel.shape)
        return try Conv2D(kernel: kernel, padding: padding, stride: Pair2(stride)).forward(x ?? input)
    }

    @Test func fullValidAndSameGiveTheNotesTables() throws {
        #expect(try run(.full).output == Tensor(rows: [
            [-16, -8, 7, -6, -22, -1, 10], [8, -2, -23, 6, 9, -18, 8], [19, -9, 32, -15, 16, 18, 34],
            [-8, 31, 8, -15, 35, 3, 22], [-3, -11, -3, 44, 1, 24, 12], [0, -3, -6, -13, 9, 28, -6]]))
        #expect(try run(.valid).output == Tensor(rows: [[32, -15, 16], [8, -15, 35]]))
        #expect(try run(.same).output == Tensor(rows: [[-2, -23, 6, 9, -18], [-9, 32, -15, 16, 18], [31, 8, -15, 35, 3], [-11, -3, 44, 1, 24]]))
    }

    @Test func strideTwoOnTheFiveByFiveInputRecomputesMinusSixNotMinusFourteen() throws {
        let five = Tensor(rows: input.rowArrays + [[5, 2, -2, 1, 0]])
        let trace = try run(.same, stride: 2, on: five)
        #expect(trace.output == Tensor(rows: [[-2, 6, -18], [31, -15, 3], [-7, -6, 28]]))
        let slide = Tensor(rows: [[-2, 6, -18], [31, -15, 3], [-7, -14, 28]])
        let mismatches = trace.check(statedOutput: slide)
        #expect(mismatches.map(\.subject) == ["z[3,2]"])
        #expect(mismatches.first?.stated == "−14")
        #expect(mismatches.first?.recomputed == "−6")
    }

    @Test func samePaddingOfAnEvenKernelSaysWhyItCannotBeSymmetric() throws {
        do {
            _ = try PaddingMode.same.padding(kernel: 2, axis: "rows")
            Issue.record("same padding of a 2-kernel must fail")
        } catch let error as InputError {
            #expect(error.message.contains("d(k − 1) = 1×(2 − 1) = 1 zeros along the rows, which cannot be split evenly"))
        } catch { Issue.record("unexpected \(error)") }
        #expect(try PaddingMode.same.padding(kernel: 2, dilation: 2, axis: "rows") == 1)
        #expect(try PaddingMode.full.padding(kernel: 3, dilation: 2, axis: "rows") == 4)
    }

    /// Property: true convolution equals cross-correlation with the kernel rotated by 180°,
    /// and each padding mode gives its stated size (full n + k' − 1, valid n − k' + 1, same n).
    @Test func randomCasesKeepTheFlipAndTheSizes() throws {
        for seed in UInt64(1)...150 {
            var rng = SplitMix64(seed: seed)
            let rows = rng.int(3...7), columns = rng.int(3...7), k = [1, 3][rng.int(0...1)], d = rng.int(1...2)
            guard d * (k - 1) + 1 <= min(rows, columns) else { continue }
            let x = Tensor(shape: [rows, columns], scalars: rng.values(rows * columns))
            let w = Tensor(shape: [k, k], scalars: rng.values(k * k))
            for mode in PaddingMode.allCases {
                let p = try mode.padding(kernelShape: w.shape, dilation: Pair2(d))
                let conv = try Conv2D(kernel: w, padding: p, dilation: Pair2(d), mode: .convolution).forward(x)
                let xcorr = try Conv2D(kernel: w.rotated180, padding: p, dilation: Pair2(d)).forward(x)
                #expect(conv.output == xcorr.output, "seed \(seed), \(mode)")
                let kEff = d * (k - 1) + 1
                let expected = switch mode {
                case .full: [rows + kEff - 1, columns + kEff - 1]
                case .valid: [rows - kEff + 1, columns - kEff + 1]
                case .same: [rows, columns]
                }
                #expect(conv.output.shape == expected, "seed \(seed), \(mode)")
            }
        }
    }
}

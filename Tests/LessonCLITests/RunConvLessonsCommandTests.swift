import LessonTestSupport
import Foundation
import LessonCore
import Testing

/// `lesson run conv1d | conv2d-modes | conv-arithmetic | conv-channels` as a person runs them.
@Suite struct RunConvLessonsCommandTests {
    @Test func conv1dJsonHasEveryStep() throws {
        let result = try runLesson(["run", "conv1d", "--json", "--no-figures"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["output"] as? [Double] == [3, 1, 0, 1, 1, 2])
        let steps = object?["steps"] as? [[String: Any]]
        #expect(steps?.map { $0["label"] as? String } == ["z₂", "z₃", "z₄", "z₅", "z₆", "z₇"])
        #expect(object?["named_by_centre"] as? Bool == true)
    }

    /// Keras's Conv1D(padding="causal"): d(k − 1) zeros before the signal and none after, so
    /// output t reads x₁…x_t only. Checked by what causality means: changing the signal after
    /// position t leaves z_t as it was (seeded signals, stride 1, every dilation to 3), and
    /// there are n outputs.
    @Test func causalPaddingNeverReadsTheFuture() throws {
        let dilated = try runLesson(["run", "conv1d", "--padding", "causal", "--dilation", "2", "--stride", "2", "--json-compact", "--no-figures"])
        let object = try JSONSerialization.jsonObject(with: Data(dilated.stdout.utf8)) as? [String: Any]
        #expect(object?["output"] as? [Double] == [4, -7, 5, 3])
        #expect(object?["padding"] as? Int == 4 && object?["extra_padding"] as? Int == -4)
        for seed in 1...6 {
            var g = SplitMix64(seed: UInt64(seed))
            let n = Int.random(in: 3...7, using: &g), k = Int.random(in: 1...3, using: &g), d = Int.random(in: 1...3, using: &g)
            let x = (0..<n).map { _ in Int.random(in: -9...9, using: &g) }, w = (0..<k).map { _ in Int.random(in: -3...3, using: &g) }
            let t = Int.random(in: 0..<(n - 1), using: &g)
            var later = x
            for i in (t + 1)..<n { later[i] += Int.random(in: 1...5, using: &g) }
            func outputs(_ signal: [Int]) throws -> [Double] {
                let result = try runLesson(["run", "conv1d", "--input", signal.map(String.init).joined(separator: " "),
                                            "--kernel", w.map(String.init).joined(separator: " "), "--dilation", "\(d)",
                                            "--padding", "causal", "--json-compact", "--no-figures"])
                let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
                return object?["output"] as? [Double] ?? []
            }
            let (before, after) = (try outputs(x), try outputs(later))
            #expect(before.count == n && after.count == n, "seed \(seed)")
            #expect(Array(before.prefix(t + 1)) == Array(after.prefix(t + 1)), "seed \(seed): x \(x), w \(w), d \(d), changed after \(t + 1)")
            // The direct sum: z_t = Σᵤ w_u·x[t − d(k − 1 − u)], zero before the signal.
            let direct = (0..<n).map { i in (0..<k).reduce(0.0) { sum, u in
                let j = i - d * (k - 1 - u)
                return sum + (j >= 0 ? Double(w[u] * x[j]) : 0)
            } }
            #expect(before == direct, "seed \(seed)")
        }
    }

    @Test func conv2dModesWritesAComparisonAndTheFramesOfEachRun() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "conv2d-modes", "--variant", "stride-2", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(names) == Set((1...9).map { "step-same-\($0).png" } + ["comparison.png", "same-overview.png"]))
    }

    @Test func convArithmeticWritesOneFramePerPosition() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "conv-arithmetic", "--n", "6", "--k", "3", "--p", "1", "--s", "2", "--d", "1", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(names) == Set((1...9).map { "step-\($0).png" } + ["overview.png"]))
    }

    @Test(arguments: [
        (["conv1d", "--kernel", "1 2 3 4 5 6 7 8 9"], "error: the kernel (length 9) is larger than the padded input (length 8 + 2×0 = 8), so n + 2p − d(k − 1) − 1 = −1 is below 0 and there is no output"),
        (["conv1d", "--stride", "0"], "error: stride must be 1 or more along the length, got 0"),
        (["conv1d", "--input", "1 2; 3 4"], "error: --input \"1 2; 3 4\": expected one row of numbers, got 2×2"),
        (["conv1d", "--padding", "casual"], "error: --padding casual: expected a whole number (zeros at each end), or same, valid, full or causal"),
        (["conv1d", "--padding", "2,1"], "error: --padding 2,1: a signal has one axis; give one number"),
        (["conv2d-modes", "--kernel", "1 2; 3 4", "--paddings", "same", "--dilation", "9223372036854775807"], "error: same padding (p = 0): dilation must be at most 100 along the rows, got 9223372036854775807"),
        (["conv2d-modes", "--paddings", "valid", "--kernel", "1 2 3 4 5 6"], "error: valid padding (p = 0): the kernel (6 columns) is larger than the padded input (5 + 2×0 = 5 columns), so n + 2p − d(k − 1) − 1 = −1 is below 0 and there is no output"),
        (["conv2d-modes", "--paddings", "wide"], "error: --paddings wide: 'wide' is not a padding; expected full, valid or same"),
        (["conv-arithmetic", "--n", "3", "--k", "5", "--p", "0", "--d", "1"], "error: the kernel (5 rows) is larger than the padded input (3 + 2×0 = 3 rows), so n + 2p − d(k − 1) − 1 = −2 is below 0 and there is no output"),
        (["conv-arithmetic", "--s", "0"], "error: stride must be 1 or more along the rows, got 0"),
        (["conv-arithmetic", "--n", "9223372036854775807"], "error: the input size must be at most 100000 along the rows, got 9223372036854775807"),
        (["conv-arithmetic", "--k", "9223372036854775807"], "error: the kernel size must be at most 100000 along the rows, got 9223372036854775807"),
        (["conv-arithmetic", "--n", "100000", "--k", "1", "--d", "1", "--p", "0"], "error: the padded input is 100000×100000; the lesson draws every cell and position, so at most 1000 along each axis"),
        (["conv2d-modes", "--dilation", "9223372036854775807"], "error: dilation must be at most 100 along the rows, got 9223372036854775807"),
        (["conv-arithmetic", "--n", "7,a"], "error: --n 7,a: expected a whole number, or two as rows,columns (such as 2,1)"),
        (["conv-arithmetic", "--output-padding", "2"], "error: output_padding must be smaller than the stride or the dilation along the rows (stride 2, dilation 2), got 2"),
        (["conv-channels", "--filter", "1 0; 0 1 | 1 1; 1 1"], "error: filter 1 has 2 channels but the input has 3; every filter needs one k × k slice per input channel"),
        (["conv-channels", "--biases", "1 2 3"], "error: the layer has 2 filters but 3 biases; each filter has exactly one bias"),
        (["conv-channels", "--input", "1 2; 3 4 | 5 6 7"], "error: --input: channel 2 is 1×3 but channel 1 is 2×2; channels must have the same size"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run"] + arguments + ["--no-figures"])
        expectRefusal(result, message)
    }
}

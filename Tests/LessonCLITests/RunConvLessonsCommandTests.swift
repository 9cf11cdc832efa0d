import LessonTestSupport
import Foundation
import Testing

/// `lesson run conv1d | conv2d-modes | conv-arithmetic | conv-channels` as a person runs them.
@Suite struct RunConvLessonsCommandTests {
    @Test func conv1dWritesEachZOut() throws {
        let result = try runLesson(["run", "conv1d", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("z₂ = w₋₁·x₁ + w₀·x₂ + w₁·x₃"))
        #expect(result.stdout.contains("= 1×4 + (−2)×1 + 1×1 = 3"))
        #expect(result.stdout.contains("output (length 6), z₂ … z₇: (3, 1, 0, 1, 1, 2)"))
        #expect(result.stdout.contains("in agreement with the recomputation"))
        let padded = try runLesson(["run", "conv1d", "--variant", "padded", "--no-figures"])
        #expect(padded.stdout.contains("z₈ = w₋₁·x̃₈ + w₀·x̃₉ + w₁·x̃₁₀"))
        #expect(padded.stdout.contains("= 1×8 + (−2)×13 + 1×0 = −18"))
    }

    /// Keras's "same" with an even kernel: the extra zero at the right end, and the rule written out.
    @Test func conv1dSameWithAnEvenKernelPadsTheRightEnd() throws {
        let result = try runLesson(["run", "conv1d", "--input", "1 2 3 4", "--kernel", "1 2", "--padding", "same", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // tf.nn.conv1d(x, w, stride=1, padding="SAME"): (1·1 + 2·2, 2·1 + 3·2, 3·1 + 4·2, 4·1 + 0·2).
        for line in ["x̃, x with 0 zeros on the left and 1 on the right (length 5): (1, 2, 3, 4, 0)",
                     "bias 0, padding left 0, right 1, stride 1, dilation 1",
                     "z₄: window x̃₄…x̃₅ (1 padding zero)",
                     "output (length 4), z₁ … z₄: (5, 8, 11, 4)",
                     "Padding \"same\" as Keras and TensorFlow: output ⌈n/s⌉, total = max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0), ⌊total/2⌋ before the input and the rest after",
                     "  length: total = max((⌈4/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 4, 0) = 1: 0 at the left end, 1 at the right end",
                     "  o = ⌊(4 + 0 + 1 − 1×(2 − 1) − 1)/1⌋ + 1 = ⌊3/1⌋ + 1 = 4"] {
            #expect(lines.contains(line), "missing: \(line)\n\(result.stdout)")
        }
    }

    /// conv-channels pads every channel as Keras does: the extra zero at the bottom and right.
    @Test func convChannelsSameWithAnEvenKernelPadsBottomAndRight() throws {
        let result = try runLesson(["run", "conv-channels", "--input", "1 2 3; 4 5 6; 7 8 9 | 1 0 1; 0 1 0; 1 0 1",
                                    "--filter", "1 2; 3 4 | 1 0; 0 1", "--padding", "same", "--stride", "1", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Channel 1 is conv2d's [[37, 47, 21], [67, 77, 33], [23, 26, 9]]; channel 2 adds x2[i,j] + x2[i+1,j+1].
        for line in ["padding top 0, bottom 1, left 0, right 1, stride 1, dilation 1",
                     "  z[1][3,3] = channel sums + b₁ = 9 + 1 + 0 = 10",
                     "  39  47  22", "  67  79  33", "  24  26  10",
                     "  rows: total = max((⌈3/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 3, 0) = 1: 0 on top, 1 at the bottom",
                     "  columns: total = max((⌈3/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 3, 0) = 1: 0 on the left, 1 on the right",
                     "  rows and columns: o = ⌊(3 + 0 + 1 − 1×(2 − 1) − 1)/1⌋ + 1 = ⌊2/1⌋ + 1 = 3"] {
            #expect(lines.contains(line), "missing: \(line)\n\(result.stdout)")
        }
    }

    @Test(arguments: ["average", "sharpen", "derivative", "second-derivative", "dilation-2", "stride-2"])
    func conv1dNamedKernelsAgreeWithTheirStatedOutputs(variant: String) throws {
        let result = try runLesson(["run", "conv1d", "--variant", variant, "--no-figures", "--strict"])
        #expect(result.status == 0, "\(variant): \(result.stdout)\(result.stderr)")
    }

    @Test func conv1dJsonHasEveryStep() throws {
        let result = try runLesson(["run", "conv1d", "--json", "--no-figures"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["output"] as? [Double] == [3, 1, 0, 1, 1, 2])
        let steps = object?["steps"] as? [[String: Any]]
        #expect(steps?.map { $0["label"] as? String } == ["z₂", "z₃", "z₄", "z₅", "z₆", "z₇"])
        #expect(object?["named_by_centre"] as? Bool == true)
    }

    @Test func conv2dModesRunsFullValidAndSame() throws {
        let result = try runLesson(["run", "conv2d-modes", "--no-figures", "--strict"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("Runs: full (6×7), valid (2×3), same (4×5)"))
        #expect(result.stdout.contains("o = ⌊(4 + 2×2 − 1×(3 − 1) − 1)/1⌋ + 1 = ⌊5/1⌋ + 1 = 6"))
        #expect(result.stdout.contains("z[1,1] = 0×6 + 0×2 + 0×1 + 0×0 + 4×(−2) + 1×3 + 0×2 + 1×(−1) + (−1)×(−4) + 0 = −2"))
    }

    @Test func conv2dModesSlideReportsTheMinusFourteen() throws {
        let result = try runLesson(["run", "conv2d-modes", "--variant", "slide", "--no-figures"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("same: z[3,2]: stated −14, recomputed −6"), "\(result.stdout)")
        let strict = try runLesson(["run", "conv2d-modes", "--variant", "slide", "--no-figures", "--strict"])
        #expect(strict.status == 3)
    }

    @Test func conv2dModesShowsTheFlippedKernel() throws {
        let result = try runLesson(["run", "conv2d-modes", "--variant", "convolution", "--no-figures", "--strict"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("Operation: true convolution (the kernel is rotated by 180° before it is laid on each window)."))
        #expect(result.stdout.contains("kernel rotated by 180°, as laid on each window:\n  −4  −1   2\n   3  −2   0\n   1   2   6"))
        #expect(result.stdout.contains("valid: cross-correlation 32 −15 16; 8 −15 35 vs true convolution −1 9 49; −14 31 −13"))
    }

    @Test func conv2dModesWritesAComparisonAndTheFramesOfEachRun() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "conv2d-modes", "--variant", "stride-2", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(names) == Set((1...9).map { "step-same-\($0).png" } + ["comparison.png", "same-overview.png"]))
    }

    /// A variant's heading never names the example's own numbers when the variant changes them.
    @Test(arguments: [("conv1d", "sharpen", "w = (1, −2, 1)"), ("conv-arithmetic", "no-padding", "n = 7"),
                      ("conv-channels", "one-filter", "two")])
    func variantHeadingsDoNotClaimTheExamplesNumbers(lesson: String, variant: String, claim: String) throws {
        let result = try runLesson(["run", lesson, "--variant", variant, "--no-figures"])
        #expect(result.status == 0)
        let heading = result.stdout.components(separatedBy: "\n").first ?? ""
        #expect(heading.hasSuffix("— variant \(variant)"))
        #expect(!heading.contains(claim), "\(heading)")
    }

    @Test func conv1dFlipReversesTheKernel() throws {
        let result = try runLesson(["run", "conv1d", "--input", "1 2 3 4", "--kernel", "1 0 -1", "--flip", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("w reversed, as laid on each window: (−1, 0, 1)"))
        #expect(result.stdout.contains("z₂ = w₁·x₁ + w₀·x₂ + w₋₁·x₃"))
        #expect(result.stdout.contains("= (−1)×1 + 0×2 + 1×3 = 2"))
    }

    @Test func convArithmeticPrintsEveryStep() throws {
        let result = try runLesson(["run", "conv-arithmetic", "--n", "7", "--k", "3", "--p", "1", "--s", "2", "--d", "2", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        for line in ["k' = k + (k − 1)(d − 1) = 3 + 2×1 = 5", "n + 2p = 7 + 2×1 = 9", "4/2 = 2 exactly, ⌊4/2⌋ = 2",
                     "o = ⌊(7 + 2×1 − 2×(3 − 1) − 1)/2⌋ + 1 = ⌊4/2⌋ + 1 = 3",
                     "never read by any window: 2 (input 1), 4 (input 3), 6 (input 5), 8 (input 7)",
                     "o = (7 − 1)×2 − 2×1 + 2×(3 − 1) + 0 + 1 = 15", "Output shape: 3×3"] {
            #expect(result.stdout.contains(line), "missing: \(line)")
        }
    }

    @Test func convArithmeticNonSquareAndOddSame() throws {
        let result = try runLesson(["run", "conv-arithmetic", "--n", "7,5", "--k", "3,2", "--p", "0", "--s", "2,1", "--d", "1", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("rows: n = 7, k = 3, p = 0, s = 2, d = 1"))
        #expect(result.stdout.contains("columns: n = 5, k = 2, p = 0, s = 1, d = 1"))
        #expect(result.stdout.contains("d(k − 1) = 1×(2 − 1) = 1 zeros in all, odd, so it cannot be symmetric: 0 before and 1 after"))
        #expect(result.stdout.contains("Output shape: 3×4"))
    }

    @Test func convArithmeticWritesOneFramePerPosition() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "conv-arithmetic", "--n", "6", "--k", "3", "--p", "1", "--s", "2", "--d", "1", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(Set(names) == Set((1...9).map { "step-\($0).png" } + ["overview.png"]))
        #expect(result.stdout.contains("the remainder 1 cell at the end, 8 (padding), is never reached"))
    }

    @Test func convChannelsSumsOverChannels() throws {
        let result = try runLesson(["run", "conv-channels", "--no-figures", "--strict"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("z[1][1,1] = channel sums + b₁ = 2 + 1 + 2 + 1 = 6"))
        #expect(result.stdout.contains("Parameters: (C_in·k·k + 1)·K = (3·3·3 + 1)·2 = 28·2 = 56"))
        let custom = try runLesson(["run", "conv-channels", "--no-figures", "--input", "1 2; 3 4 | 5 6; 7 8",
                                    "--filter", "1 0; 0 1 | 1 1; 1 1", "--biases", "10", "--padding", "0", "--stride", "1"])
        #expect(custom.status == 0, "\(custom.stderr)")
        #expect(custom.stdout.contains("z[1][1,1] = channel sums + b₁ = 5 + 26 + 10 = 41"))
    }

    @Test(arguments: [
        (["conv1d", "--kernel", "1 2 3 4 5 6 7 8 9"], "the kernel (9 length) is larger than the padded input (8 + 2×0 = 8 length)"),
        (["conv1d", "--stride", "0"], "stride must be 1 or more along the length, got 0"),
        (["conv1d", "--input", "1 2; 3 4"], "--input \"1 2; 3 4\": expected one row of numbers, got 2×2"),
        (["conv2d-modes", "--kernel", "1 2; 3 4", "--paddings", "same", "--dilation", "9223372036854775807"], "same padding (p = 0): dilation must be at most 100 along the rows"),
        (["conv2d-modes", "--paddings", "valid", "--kernel", "1 2 3 4 5 6"], "valid padding (p = 0): the kernel (6 columns) is larger than the padded input"),
        (["conv2d-modes", "--paddings", "wide"], "'wide' is not a padding; expected full, valid or same"),
        (["conv-arithmetic", "--n", "3", "--k", "5", "--p", "0", "--d", "1"], "n + 2p − d(k − 1) − 1 = −2 is below 0 and there is no output"),
        (["conv-arithmetic", "--s", "0"], "stride must be 1 or more along the rows, got 0"),
        (["conv-arithmetic", "--n", "9223372036854775807"], "the input size must be at most 100000 along the rows, got 9223372036854775807"),
        (["conv-arithmetic", "--k", "9223372036854775807"], "the kernel size must be at most 100000 along the rows, got 9223372036854775807"),
        (["conv-arithmetic", "--n", "100000", "--k", "1", "--d", "1", "--p", "0"], "the padded input is 100000×100000; the lesson draws every cell and position, so at most 1000"),
        (["conv2d-modes", "--dilation", "9223372036854775807"], "dilation must be at most 100 along the rows, got 9223372036854775807"),
        (["conv-arithmetic", "--n", "7,a"], "--n 7,a: expected a whole number, or two as rows,columns"),
        (["conv-arithmetic", "--output-padding", "2"], "output_padding must be smaller than the stride or the dilation along the rows (stride 2, dilation 2), got 2"),
        (["conv-channels", "--filter", "1 0; 0 1 | 1 1; 1 1"], "filter 1 has 2 channels but the input has 3; every filter needs one k × k slice per input channel"),
        (["conv-channels", "--biases", "1 2 3"], "the layer has 2 filters but 3 biases; each filter has exactly one bias"),
        (["conv-channels", "--input", "1 2; 3 4 | 5 6 7"], "--input: channel 2 is 1×3 but channel 1 is 2×2"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run"] + arguments + ["--no-figures"])
        #expect(result.status == 1, "\(arguments): \(result.stdout)")
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

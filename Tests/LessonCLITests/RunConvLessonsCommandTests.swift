import LessonTestSupport
import Foundation
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
        (["conv1d", "--kernel", "1 2 3 4 5 6 7 8 9"], "error: the kernel (9 length) is larger than the padded input (8 + 2×0 = 8 length), so n + 2p − d(k − 1) − 1 = −1 is below 0 and there is no output"),
        (["conv1d", "--stride", "0"], "error: stride must be 1 or more along the length, got 0"),
        (["conv1d", "--input", "1 2; 3 4"], "error: --input \"1 2; 3 4\": expected one row of numbers, got 2×2"),
        (["conv2d-modes", "--kernel", "1 2; 3 4", "--paddings", "same"], "error: \"same\" padding needs d(k − 1) = 1×(2 − 1) = 1 zeros along the rows, which cannot be split evenly between the two sides, and this lesson pads both sides alike; use an odd kernel, or 'lesson run conv2d --padding same' (or conv2d-backward, conv1d, conv-channels), which pad as Keras does with the extra zero at the bottom and right"),
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

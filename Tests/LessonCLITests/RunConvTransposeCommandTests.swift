import LessonTestSupport
import Foundation
import Testing

/// `lesson run conv-transpose` as a person runs it.
@Suite struct RunConvTransposeCommandTests {
    @Test(arguments: [
        ("example", [[1.0, 6, 9, 2], [4, 22, 30, 10], [6, 25, 32, 14], [9, 21, 15, 4]]),
        ("stride-2", [[1, 4, 3, 8, 2], [1, 4, 5, 8, 6], [6, 15, 14, 22, 6], [3, 12, 13, 16, 12], [9, 9, 15, 12, 4]]),
        ("stride-2-padding-1", [[4, 5, 8], [15, 14, 22], [12, 13, 16]]),
        ("output-padding-1", [[4, 5, 8, 6], [15, 14, 22, 6], [12, 13, 16, 12], [9, 15, 12, 4]]),
    ])
    func jsonCarriesTheOutputOfEveryVariant(variant: String, expected: [[Double]]) throws {
        let result = try runLesson(["run", "conv-transpose", "--variant", variant, "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["output"] as? [[Double]] == expected)
        #expect((object?["steps"] as? [Any])?.count == 4)
    }


    @Test(arguments: [
        (["--output-padding", "1"], "error: output_padding must be smaller than the stride or the dilation along the rows (stride 1, dilation 1), got 1"),
        (["--padding", "3"], "error: (n − 1)s − 2p + d(k − 1) + output_padding + 1 = −2 along the rows: the padding 3 crops more than the transposed convolution produces"),
        (["--stride", "-1"], "error: stride must be 1 or more along the rows, got −1"),
        (["--stride", "9223372036854775807"], "error: stride must be at most 100 along the rows, got 9223372036854775807"),
        (["--padding", "9223372036854775807"], "error: padding must be at most 100 along the rows, got 9223372036854775807"),
        (["--dilation", "9223372036854775807"], "error: dilation must be at most 100 along the rows, got 9223372036854775807"),
        (["--stride", "100"], "error: the output would be 103×103 cells; the lesson writes out at most 4096, so use a smaller input, kernel or stride"),
        (["--padding", "same", "--output-padding", "1"], "error: --padding same with --output-padding: \"same\" makes the output n·s and picks the output_padding itself (Keras's Conv2DTranspose(padding=\"same\")); give one of them"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "conv-transpose", "--no-figures"] + arguments)
        expectRefusal(result, message)
    }
}

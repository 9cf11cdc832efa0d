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
        (["--output-padding", "1"], "output_padding must be smaller than the stride or the dilation along the rows (stride 1, dilation 1), got 1"),
        (["--padding", "3"], "= −2 along the rows: the padding 3 crops more than the transposed convolution produces"),
        (["--stride", "-1"], "stride must be 1 or more along the rows, got -1"),
        (["--stride", "9223372036854775807"], "stride must be at most 100 along the rows, got 9223372036854775807"),
        (["--padding", "9223372036854775807"], "padding must be at most 100 along the rows, got 9223372036854775807"),
        (["--dilation", "9223372036854775807"], "dilation must be at most 100 along the rows, got 9223372036854775807"),
        (["--stride", "100"], "the output would be 103×103 cells; the lesson writes out at most 4096"),
        (["--padding", "same", "--output-padding", "1"], "--padding same with --output-padding: \"same\" makes the output n·s and picks the output_padding itself"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "conv-transpose", "--no-figures"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

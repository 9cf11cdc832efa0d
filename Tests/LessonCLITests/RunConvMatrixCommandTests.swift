import LessonTestSupport
import Foundation
import Testing

/// `lesson run conv-matrix` as a person runs it.
@Suite struct RunConvMatrixCommandTests {
    @Test(arguments: [
        ("example", [[122.0, 148], [126, 134]]),
        ("symbolic", [[37, 47], [67, 77]]),
        ("padding-1", [[42, 83, 114, 84], [64, 122, 148, 106], [65, 126, 134, 107], [57, 80, 91, 61]]),
        ("padding-1-stride-2", [[42, 114], [65, 134]]),
    ])
    func jsonCarriesTheOutput(variant: String, expected: [[Double]]) throws {
        let result = try runLesson(["run", "conv-matrix", "--variant", variant, "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["output"] as? [[Double]] == expected)
        #expect((object?["mismatches"] as? [Any])?.isEmpty == true)
        let matrix = (object?["matrix"] as? [String: Any])?["matrix"] as? [[Double]]
        #expect(matrix?.count == expected.count * expected[0].count)
    }

    @Test(arguments: [
        (["--kernel", "1 2 3 4 5"], "error: the kernel (5 columns) is larger than the padded input (4 + 2×0 = 4 columns), so n + 2p − d(k − 1) − 1 = −1 is below 0 and there is no output"),
        (["--stride", "0"], "error: stride must be 1 or more along the rows, got 0"),
        (["--input", "1", "--kernel", "1", "--padding", "50"], "error: this convolution has 101×101 = 10201 output cells, so M would have 10201 rows; the lesson writes out at most 256, so use a smaller input or less padding"),
        (["--input", "1 2; 3"], "error: --input \"1 2; 3\": row 2 has 1 number but row 1 has 2; every row needs the same count"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "conv-matrix", "--no-figures"] + arguments)
        expectRefusal(result, message)
    }

    @Test func writesOneFramePerRowTheOverviewAndTheSymbolicMatrix() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "conv-matrix", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(Set(names) == Set((1...4).map { "step-\($0).png" } + ["overview.png", "symbolic.png"]))
    }
}

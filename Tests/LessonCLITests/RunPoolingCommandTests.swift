import LessonTestSupport
import Foundation
import Testing

/// `lesson run pooling` as a person runs it: output, exit code, JSON, figures.
@Suite struct RunPoolingCommandTests {
    /// The `output` matrix of a `--json` run, read exactly.
    static func output(_ json: String) throws -> [[Double]] {
        struct Payload: Decodable { var output: [[Double]] }
        return try JSONDecoder().decode(Payload.self, from: Data(json.utf8)).output
    }

    static let ninths: [[Double]] = [[13.0 / 9, 53.0 / 9, 39.0 / 9], [62.0 / 9, 103.0 / 9, 111.0 / 9]]
    static let tables: [(String, [[Double]])] = [
        ("example", [[3, 12, 4], [4, 3, 2], [3, 6, 9]]),
        ("same-max", [[32, 32, 16, 18], [32, 32, 35, 35], [31, 44, 44, 35]]),
        ("feature-map", [[13, 10, 2], [14, 11, 3], [13, 10, 3]]),
        ("same-average", ninths),
        ("global-average", [[208.0 / 36]]),
    ]

    @Test(arguments: tables)
    func jsonCarriesTheExactOutputOfEveryTable(variant: String, expected: [[Double]]) throws {
        let result = try runLesson(["run", "pooling", "--variant", variant, "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(try Self.output(result.stdout) == expected)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((object?["mismatches"] as? [Any])?.isEmpty == true)
    }

    /// Average pooling's backward pass spreads each ∂L/∂y over its window and drops what falls on
    /// padding (max pooling's routing to the winners is in `References/pooling.same-max.txt`).
    @Test func averageBackwardDropsWhatFallsOnPadding() throws {
        let avg = try runLesson(["run", "pooling", "--input", "4 8; 2 6", "--op", "avg", "--size", "2", "--stride", "1",
                                 "--padding", "1", "--grad", "4 4 4; 4 4 4; 4 4 4", "--json", "--no-figures"])
        #expect(avg.status == 0, "stderr: \(avg.stderr)")
        struct Backward: Decodable { var backward: Gradient; struct Gradient: Decodable { var gradient: [[Double]]; var droppedOnPadding: Double } }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let back = try decoder.decode(Backward.self, from: Data(avg.stdout.utf8)).backward
        #expect(back.gradient == [[4, 4], [4, 4]])
        #expect(back.droppedOnPadding == 20)
    }

    @Test func paddingFollowsPyTorch() throws {
        let max = try runLesson(["run", "pooling", "--input", "-5 -4; -3 -9", "--size", "2", "--stride", "1", "--padding", "1",
                                 "--json", "--no-figures"])
        #expect(try Self.output(max.stdout) == [[-5, -4, -4], [-3, -3, -4], [-3, -3, -9]])
        let include = try runLesson(["run", "pooling", "--input", "4 8; 2 6", "--op", "avg", "--size", "2", "--stride", "1",
                                     "--padding", "1", "--json", "--no-figures"])
        #expect(try Self.output(include.stdout) == [[1, 3, 2], [1.5, 5, 3.5], [0.5, 2, 1.5]])
        let exclude = try runLesson(["run", "pooling", "--input", "4 8; 2 6", "--op", "avg", "--size", "2", "--stride", "1",
                                     "--padding", "1", "--exclude-padding", "--json", "--no-figures"])
        #expect(try Self.output(exclude.stdout) == [[4, 6, 8], [3, 5, 7], [2, 4, 6]])
    }

    /// (Global pooling's text: `References/runs/pooling.global-max.txt`.)
    @Test func minAndNonSquareWindows() throws {
        let min = try runLesson(["run", "pooling", "--input", "5 3 8 1 9 2; 7 6 4 3 5 8", "--op", "min", "--size", "2,3",
                                 "--stride", "2,3", "--json", "--no-figures"])
        #expect(min.status == 0, "stderr: \(min.stderr)")
        #expect(try Self.output(min.stdout) == [[3, 1]])
        let three = try runLesson(["run", "pooling", "--variant", "same-max", "--size", "2,3", "--json", "--no-figures"])
        #expect(try Self.output(three.stdout) == [[32], [44]], "--size without --stride steps by the window, as in PyTorch")
    }

    @Test(arguments: [
        (["--size", "7"], "error: the window (7 rows) is larger than the padded input (6 + 2×0 = 6 rows), so there is no output"),
        (["--stride", "0"], "error: stride must be 1 or more along the rows, got 0"),
        (["--size", "2", "--padding", "2"], "error: padding 2 along the rows is more than half the 2-row window (at most 1); PyTorch refuses this, since a window could then hold only padding"),
        (["--size", "3,2", "--padding", "1,2"], "error: padding 2 along the columns is more than half the 2-column window (at most 1); PyTorch refuses this, since a window could then hold only padding"),
        (["--grad", "1 2; 3 4"], "error: --grad: the upstream gradient is 2×2 but the pooled output is 3×3; it needs one value per output cell"),
        (["--op", "median"], "error: --op median: unknown pooling; expected one of max, avg, min"),
        (["--global", "--size", "3"], "error: --global takes the whole input as one window; leave out --size, --stride, --padding and --ceil-mode"),
        (["--decimals", "20"], "error: --decimals must be 0 to 12, got 20"),
        (["--input", "1 2; 3"], "error: --input \"1 2; 3\": row 2 has 1 number but row 1 has 2; every row needs the same count"),
        (["--variant", "nope"], "error: lesson 'pooling' has no variant 'nope'; its variants are example, backward, same-average, same-max, feature-map, global-average"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "pooling", "--no-figures"] + arguments)
        expectRefusal(result, message)
    }

    @Test func writesForwardAndBackwardFrames() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "pooling", "--variant", "backward", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        let expected = (1...9).map { "step-\($0).png" } + (1...9).map { "step-backward-\($0).png" }
            + ["overview.png", "backward-overview.png"]
        #expect(names == Set(expected))
    }
}

import LessonTestSupport
import Foundation
import Testing

/// `lesson run conv2d` as a person runs it: output, exit code, JSON.
@Suite struct RunConv2DCommandTests {
    /// Keras's "same" with an even kernel: the extra zero goes to the bottom and right, and the text shows the rule.
    @Test func samePaddingWithAnEvenKernelPadsBottomAndRight() throws {
        let result = try runLesson(["run", "conv2d", "--input", "1 2 3; 4 5 6; 7 8 9", "--kernel", "1 2; 3 4",
                                    "--padding", "same", "--no-figures", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        struct Payload: Decodable { var output: [[Double]]; var extraPadding: [Int]; var padding: [Int] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let payload = try decoder.decode(Payload.self, from: Data(result.stdout.utf8))
        // tf.nn.conv2d(x, w, strides=1, padding="SAME") on these numbers.
        #expect(payload.output == [[37, 47, 21], [67, 77, 33], [23, 26, 9]])
        #expect(payload.padding == [0, 0] && payload.extraPadding == [1, 1])
        let text = try runLesson(["run", "conv2d", "--input", "1 2 3; 4 5 6; 7 8 9", "--kernel", "1 2; 3 4",
                                  "--padding", "same", "--no-figures"]).stdout
        #expect(text.contains("  rows: total = max((⌈3/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 3, 0) = 1: 0 on top, 1 at the bottom"))
        #expect(text.contains("bias 0, padding top 0, bottom 1, left 0, right 1, stride 1, dilation 1"))
        let backward = try runLesson(["run", "conv2d-backward", "--input", "1 2 3; 4 5 6; 7 8 9", "--kernel", "1 2; 3 4",
                                      "--padding", "same", "--no-figures"])
        #expect(backward.status == 0, "stderr: \(backward.stderr)")
        // With ∂L/∂z all ones, x[1,1] meets only w[1,1] = 1 and an inner cell all four weights.
        #expect(backward.stdout.contains("∂L/∂x[1,1] = 1×1 = 1"), "\(backward.stdout)")
    }

    @Test(arguments: [
        ("example", [[2.0, 5, -1], [-15, -7, 2], [31, -6, 1]]),
        ("padding-1", [[8, 2, 3, -4, 4], [-7, 2, 5, -1, 2], [26, -15, -7, 2, -1], [3, 31, -6, 1, -3], [-20, 2, 14, 3, 1]]),
        ("stride-2", [[2, -1], [31, 1]]),
        ("padding-1-stride-2", [[8, 3, 4], [26, -7, -1], [-20, 14, 1]]),
    ])
    func jsonCarriesTheOutputOfEveryVariant(variant: String, expected: [[Double]]) throws {
        let result = try runLesson(["run", "conv2d", "--variant", variant, "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let output = object?["output"] as? [[Double]]
        #expect(output == expected)
        let steps = object?["steps"] as? [[String: Any]]
        #expect(steps?.count == expected.count * expected[0].count)
    }

    @Test func slideVariantReportsBothMismatchesOfTheNotes() throws {
        let result = try runLesson(["run", "conv2d", "--variant", "slide", "--no-figures"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("2 mismatches between the lesson file and the recomputation"))
        #expect(result.stdout.contains("kernel[2,3]: stated −3, recomputed −2"))
        #expect(result.stdout.contains("with the stated kernel, z[1,1] would be −2, not 2"))
        #expect(result.stdout.contains("z[3,2] (worked sum): stated −8, recomputed −6"))
        #expect(result.stdout.contains("the stated terms add up to −6, not −8"))
        let strict = try runLesson(["run", "conv2d", "--variant", "slide", "--no-figures", "--strict"])
        #expect(strict.status == 3)
    }

    /// A word after `run` that names no lesson: one sentence listing the lessons, exit 1.
    @Test func anUnknownLessonIsOneSentenceAndExitOne() throws {
        let result = try runLesson(["run", "nope", "--no-figures"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: there is no lesson 'nope'; the lessons are activations, autodiff, "), "stderr: \(result.stderr)")
        #expect(result.stderr.hasSuffix("pooling, rnn, separable\n"))
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["--input", "1 2; 3"], "--input \"1 2; 3\": row 2 has 1 number but row 1 has 2"),
        (["--input", "1 x; 3 4"], "'x' in row 1, column 2 is not a number"),
        (["--input", " ; "], "the matrix is empty"),
        (["--kernel", "1 2 3 4 5 6"], "the kernel (6 columns) is larger than the padded input (5 + 2×0 = 5 columns)"),
        (["--stride", "0"], "stride must be 1 or more along the rows, got 0"),
        (["--dilation", "-1"], "dilation must be 1 or more along the rows, got -1"),
        (["--padding", "-1"], "padding must be 0 or more along the rows, got -1"),
        (["--padding", "1000000"], "padding must be at most 100 along the rows, got 1000000"),
        (["--padding", "9223372036854775807"], "padding must be at most 100 along the rows, got 9223372036854775807"),
        (["--dilation", "9223372036854775807"], "dilation must be at most 100 along the rows, got 9223372036854775807"),
        (["--stride", "9223372036854775807"], "stride must be at most 100000 along the rows, got 9223372036854775807"),
        (["--variant", "nope"], "lesson 'conv2d' has no variant 'nope'; its variants are example, padding-1"),
        (["--input", "@/nonexistent/file.csv"], "--input @/nonexistent/file.csv: the file '/nonexistent/file.csv' does not exist"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "conv2d", "--no-figures"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stdout.isEmpty)
    }

    @Test func unwritableOutputFolderIsNamed() throws {
        let folder = try temporaryFolder()
        let blocker = folder.appendingPathComponent("taken")
        try Data("x".utf8).write(to: blocker)
        let result = try runLesson(["run", "conv2d", "--out", blocker.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write figures to '\(blocker.path)': it is a file, not a folder"))
    }

    @Test func writesOneFramePerCellAndAnOverview() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "conv2d", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(Set(names) == Set((1...9).map { "step-\($0).png" } + ["overview.png"]))
    }
}

/// A broken lesson file is named with its line, and nothing is drawn.
@Suite struct BrokenLessonFileTests {
    func home(with yaml: String) throws -> URL {
        let home = try temporaryFolder()
        try FileManager.default.createDirectory(at: home.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        try Data(yaml.utf8).write(to: home.appendingPathComponent("lessons/conv2d.yaml"))
        return home
    }

    @Test func malformedYAMLIsNamed() throws {
        let home = try home(with: "title: x\nexample: [1, 2\n")
        let result = try runLesson(["run", "conv2d", "--no-figures"], home: home)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: lessons/conv2d.yaml: not valid YAML"), "\(result.stderr)")
    }

    @Test func aBadMatrixInTheFileNamesLineAndKey() throws {
        let home = try home(with: "title: T\nsummary: S\nexample:\n  input: \"1 2; 3\"\n  kernel: \"1\"\n")
        let result = try runLesson(["run", "conv2d", "--no-figures"], home: home)
        #expect(result.status == 1)
        #expect(result.stderr == "error: lessons/conv2d.yaml, line 4 (example.input): row 2 has 1 number but row 1 has 2; every row needs the same count\n")
    }

    @Test func aMissingLessonFileListsTheLessons() throws {
        let home = try home(with: "title: T\nsummary: S\nexample: {input: \"1\", kernel: \"1\"}\n")
        try FileManager.default.removeItem(at: home.appendingPathComponent("lessons/conv2d.yaml"))
        let result = try runLesson(["run", "conv2d"], home: home)
        #expect(result.status == 1)
        #expect(result.stderr.contains("there is no lesson 'conv2d' (no file lessons/conv2d.yaml)"))
    }
}

import LessonTestSupport
import Foundation
import Testing

/// `lesson run conv2d` as a person runs it: output, exit code, JSON.
@Suite struct RunConv2DCommandTests {
    /// Keras's "same" with an even kernel: the extra zero goes to the bottom and right (the text with
    /// the rule, and the backward pass: `runs/conv2d.same-even-kernel.txt`, `runs/conv2d-backward.same-even-kernel.txt`).
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

    /// A word after `run` that names no lesson: one sentence listing the lessons in the course's
    /// order (as `lesson list` and `lesson figures --lesson` list them), exit 1.
    @Test func anUnknownLessonIsOneSentenceAndExitOne() throws {
        let order = "conv2d, conv2d-backward, pooling, conv1d, conv2d-modes, conv-arithmetic, conv-channels, mlp, backprop, perceptron, autodiff, activations, conv-matrix, conv-transpose, separable, image-filters, cnn, param-count, rnn, lstm, gradient-descent, optimizers"
        expectRefusal(try runLesson(["run", "nope", "--no-figures"]), "error: there is no lesson 'nope'; the lessons are \(order)")
        let listed = try runLesson(["list"]).stdout.split(separator: "\n").map { $0.prefix { $0 != " " } }
        #expect(listed.joined(separator: ", ") == order)
        let figures = try runLesson(["figures", "--lesson", "nope", "--out", FileManager.default.temporaryDirectory.path])
        #expect(figures.stderr == "error: there is no lesson 'nope'; the lessons are \(order)\n")
    }

    @Test(arguments: [
        (["--input", "1 2; 3"], "error: --input \"1 2; 3\": row 2 has 1 number but row 1 has 2; every row needs the same count"),
        (["--input", "1 x; 3 4"], "error: --input \"1 x; 3 4\": 'x' in row 1, column 2 is not a number"),
        (["--input", " ; "], "error: --input \" ; \": the matrix is empty; write rows of numbers separated by ';', such as \"1 0 3; 0 3 4\""),
        (["--kernel", "1 2 3 4 5 6"], "error: the kernel (6 columns) is larger than the padded input (5 + 2×0 = 5 columns), so n + 2p − d(k − 1) − 1 = −1 is below 0 and there is no output"),
        (["--stride", "0"], "error: stride must be 1 or more along the rows, got 0"),
        (["--dilation", "-1"], "error: dilation must be 1 or more along the rows, got −1"),
        (["--padding", "-1"], "error: padding must be 0 or more along the rows, got −1"),
        (["--padding", "1000000"], "error: padding must be at most 100 along the rows, got 1000000; more only adds zeros around the input"),
        (["--padding", "9223372036854775807"], "error: padding must be at most 100 along the rows, got 9223372036854775807; more only adds zeros around the input"),
        (["--dilation", "9223372036854775807"], "error: dilation must be at most 100 along the rows, got 9223372036854775807"),
        (["--stride", "9223372036854775807"], "error: stride must be at most 100000 along the rows, got 9223372036854775807"),
        (["--variant", "nope"], "error: lesson 'conv2d' has no variant 'nope'; its variants are example, padding-1, stride-2, padding-1-stride-2, slide"),
        (["--input", "@/nonexistent/file.csv"], "error: --input @/nonexistent/file.csv: the file '/nonexistent/file.csv' does not exist"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "conv2d", "--no-figures"] + arguments)
        expectRefusal(result, message)
    }

    @Test func unwritableOutputFolderIsNamed() throws {
        let folder = try temporaryFolder()
        let blocker = folder.appendingPathComponent("taken")
        try Data("x".utf8).write(to: blocker)
        let result = try runLesson(["run", "conv2d", "--out", blocker.path])
        expectRefusal(result, "error: cannot write figures to '$TMP/taken': it is a file, not a folder", replacing: [folder.path: "$TMP"])
        // A file further up the path is named too (Foundation said only "NSCocoaErrorDomain error 512").
        let below = try runLesson(["run", "conv2d", "--out", blocker.path + "/figures/conv2d"])
        expectRefusal(below, "error: cannot create the output folder '$TMP/taken/figures/conv2d': '$TMP/taken' is a file, not a folder",
                      replacing: [folder.path: "$TMP"])
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
        expectRefusal(result, "error: lessons/conv2d.yaml: not valid YAML: 3:1: error: parser: while parsing a flow sequence in line 2, column 10 did not find expected ',' or ']': example: [1, 2 ^")
    }

    @Test func aBadMatrixInTheFileNamesLineAndKey() throws {
        let home = try home(with: "title: T\nsummary: S\nexample:\n  input: \"1 2; 3\"\n  kernel: \"1\"\n")
        let result = try runLesson(["run", "conv2d", "--no-figures"], home: home)
        expectRefusal(result, "error: lessons/conv2d.yaml, line 4 (example.input): row 2 has 1 number but row 1 has 2; every row needs the same count")
    }

    @Test func aMissingLessonFileListsTheLessons() throws {
        let home = try home(with: "title: T\nsummary: S\nexample: {input: \"1\", kernel: \"1\"}\n")
        try FileManager.default.removeItem(at: home.appendingPathComponent("lessons/conv2d.yaml"))
        let result = try runLesson(["run", "conv2d"], home: home)
        expectRefusal(result, "error: there is no lesson 'conv2d' (no file lessons/conv2d.yaml); the folder lessons/ holds no lesson file (*.yaml) at all")
    }
}

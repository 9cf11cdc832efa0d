import LessonTestSupport
import Foundation
import LessonFigures
import Testing

/// `lesson figures` as a person runs it: files, figures.json, exit codes, messages.
@Suite struct FiguresCommandTests {
    /// Every file under `root` except figures.json, relative to `root`.
    private func files(under root: URL) -> Set<String> {
        var found: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, path != "figures.json" { found.insert(path) }
        }
        return found
    }

    private func listed(in root: URL) throws -> [[String: Any]] {
        let data = try Data(contentsOf: root.appendingPathComponent("figures.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["figures"] as? [[String: Any]] ?? []
    }

    @Test func writesEveryFormatListsExactlyTheFilesAndRepeatsByteForByte() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let arguments = ["figures", "--lesson", "conv2d", "--format", "png,svg,pdf", "--out", root.path]
        let result = try runLesson(arguments)
        let written = files(under: root)
        // Not a terminal: one plain progress line per lesson, no carriage returns.
        #expect(result.transcript(replacing: [root.path: "$OUT"]) == """
            Wrote \(written.count) files for 1 lesson to $OUT/; the list is in $OUT/figures.json.
            --- stderr ---
            conv2d: \(written.count) files
            --- exit 0 ---

            """)
        let entries = try listed(in: root)
        #expect(written == Set(entries.compactMap { $0["file"] as? String }))
        #expect(written.count == entries.count)
        // Every variant's steps, overview and filmstrip, in each format.
        expectReference(text: written.sorted().joined(separator: "\n") + "\n", named: "runs/figures.conv2d-png-svg-pdf.files.txt")
        let first = try #require(entries.first)
        #expect(first["lesson"] as? String == "conv2d" && first["variant"] as? String == "example" && first["step"] as? Int == 1)
        #expect((first["description"] as? String)?.hasPrefix("Step 1 of 9:") == true)
        #expect(entries.contains { $0["name"] as? String == "filmstrip" && $0["step"] is NSNull })

        var before: [String: Data] = [:]
        for file in written.union(["figures.json"]) { before[file] = try Data(contentsOf: root.appendingPathComponent(file)) }
        let again = try runLesson(arguments)
        #expect(again.status == 0)
        for (file, bytes) in before {
            #expect(try Data(contentsOf: root.appendingPathComponent(file)) == bytes, "\(file) differs on the second run")
        }
    }

    @Test func darkThemeAtAGivenWidth() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try runLesson(["figures", "--lesson", "conv2d", "--variant", "stride-2", "--theme", "dark",
                                    "--width", "1920", "--out", root.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(files(under: root) == Set(["step-1", "step-2", "step-3", "step-4", "overview", "filmstrip"]
            .map { "dark/conv2d/stride-2/\($0).png" }), "the dark theme writes into a folder of its own")
        let image = try PNGCodec.read(root.appendingPathComponent("dark/conv2d/stride-2/step-1.png"))
        #expect(image.width == 1920 && image.height == 1080)
        let corner = image.pixel(x: 4, y: 4)
        #expect(corner.r == 0x12 && corner.g == 0x12 && corner.b == 0x12, "dark background, got \(corner)")
        let strip = try PNGCodec.read(root.appendingPathComponent("dark/conv2d/stride-2/filmstrip.png"))
        #expect(strip.width == 1920)
    }

    @Test(arguments: [
        (["--format", "png,jpg"], "error: --format \"png,jpg\": 'jpg' is not a format; use png, svg, pdf, gif, html or tex, separated by commas"),
        (["--lesson", "nope"], "error: there is no lesson 'nope'; the lessons are conv2d, conv2d-backward, pooling, conv1d, conv2d-modes, conv-arithmetic, conv-channels, mlp, backprop, perceptron, autodiff, activations, conv-matrix, conv-transpose, separable, image-filters, cnn, param-count, rnn, lstm, gradient-descent, optimizers"),
        (["--lesson", "conv2d", "--variant", "nope"], "error: lesson 'conv2d' has no variant 'nope'; its variants are example, padding-1, stride-2, padding-1-stride-2, slide"),
        (["--variant", "nope"], "error: no lesson has a variant 'nope'"),
        (["--width", "100", "--scale", "2"], "error: give --width or --scale, not both"),
        (["--scale", "0"], "error: --scale must be above 0 and at most 8, got 0"),
        (["--width", "20000"], "error: --width must be between 64 and 8192, got 20000"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try runLesson(["figures", "--out", root.path] + arguments)
        expectRefusal(result, message, replacing: [root.path: "$OUT"])
        #expect(files(under: root).isEmpty)
    }

    @Test func aFailingVariantIsNamedTheOthersAreWrittenAndTheExitCodeSaysSo() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        let lessons = home.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        // A 3×3 input: the example has 4 steps, stride-2 one, and a 2×2 kernel dilated by 9 spans 10 rows.
        try Data("""
            title: T
            summary: S
            example:
              input: "1 2 3; 4 5 6; 7 8 9"
              kernel: "1 0; 0 1"
            variants:
              stride-2:
                stride: 2
              broken:
                dilation: 9

            """.utf8).write(to: lessons.appendingPathComponent("conv2d.yaml"))
        let out = home.appendingPathComponent("out")
        let result = try runLesson(["figures", "--lesson", "conv2d", "--out", out.path], in: home, home: home)
        expectReference(result, named: "runs/figures.failing-variant.txt", replacing: [home.path: "$HOME"])
        let written = files(under: out)
        #expect(written == ["conv2d/step-1.png", "conv2d/step-2.png", "conv2d/step-3.png", "conv2d/step-4.png", "conv2d/overview.png",
                            "conv2d/filmstrip.png", "conv2d/stride-2/step-1.png", "conv2d/stride-2/overview.png"])
        let data = try Data(contentsOf: out.appendingPathComponent("figures.json"))
        let failures = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["failures"] as? [[String: Any]]
        #expect(failures?.first?["variant"] as? String == "broken")
    }

    /// Decks: one GIF, stepper page and Beamer file per variant, an index page linking the
    /// stepper pages; rendering another lesson (or theme) afterwards keeps them in figures.json.
    @Test func decksAnIndexPageAndAMergedList() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try runLesson(["figures", "--lesson", "conv2d", "--variant", "stride-2",
                                                   "--format", "gif,html,tex", "--out", root.path])
        #expect(result.transcript(replacing: [root.path: "$OUT"]) == """
            Wrote 3 files for 1 lesson to $OUT/; the list is in $OUT/figures.json.
            --- stderr ---
            conv2d: 3 files
            stepper pages: $OUT/index.html
            --- exit 0 ---

            """)
        let decks = ["conv2d/stride-2/animation.gif", "conv2d/stride-2/stepper.html", "conv2d/stride-2/beamer.tex"]
        #expect(try listed(in: root).compactMap { $0["file"] as? String } == decks)
        let written = files(under: root)
        #expect(written.isSuperset(of: decks + ["index.html", "conv2d/stride-2/step-1.pdf", "conv2d/stride-2/overview.pdf"]))
        let gif = try Data(contentsOf: root.appendingPathComponent(decks[0]))
        #expect(gif.prefix(6) == Data("GIF89a".utf8))
        let index = try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8)
        expectReference(text: index, named: "runs/figures.conv2d-stride-2-decks.index.html")

        let again = try runLesson(["figures", "--lesson", "pooling", "--variant", "same-max",
                                                  "--theme", "dark", "--out", root.path])
        #expect(again.status == 0, "stderr: \(again.stderr)")
        let files = try listed(in: root).compactMap { $0["file"] as? String }
        #expect(Array(files.prefix(3)) == decks, "the conv2d decks are still listed, first (catalog order)")
        #expect(files.dropFirst(3).allSatisfy { $0.hasPrefix("dark/pooling/") } && files.count > 3)
    }
}

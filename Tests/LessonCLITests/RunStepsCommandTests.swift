import LessonTestSupport
import Foundation
import Testing

/// `--steps`, the 64-frame cap and decks, as `lesson run conv2d` does them.
@Suite struct RunStepsCommandTests {
    @Test func stepsPicksFramesAndALargeInputIsCappedWithANote() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-steps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let picked = try runLesson(["run", "conv2d", "--steps", "1,5,last", "--out", root.appendingPathComponent("picked").path])
        #expect(picked.status == 0, "stderr: \(picked.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("picked").path).sorted()
        #expect(names == ["overview.png", "step-1.png", "step-5.png", "step-9.png"])

        // A 12×12 input and a 2×2 kernel: 121 steps, drawn as the first 63, the last and the overview.
        let input = (0..<12).map { r in (0..<12).map { c in String((r * 7 + c * 3) % 10) }.joined(separator: " ") }.joined(separator: "; ")
        let big = try runLesson(["run", "conv2d", "--input", input, "--kernel", "1 0; 0 -1", "--format", "svg",
                                 "--out", root.appendingPathComponent("big").path])
        #expect(big.status == 0, "stderr: \(big.stderr)")
        #expect(big.stderr == "note: 121 steps: drew steps 1–63 and 121 and the summary; --steps picks others (e.g. --steps 100-120,last) and --all-steps draws every one\n")
        #expect(big.stdout.hasSuffix("Figures: 65 SVG files in \(root.path)/big/ (step-001.svg … overview.svg)\n"), "\(big.stdout.suffix(200))")
        let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("big").path)
        let drawn = (Array(1...63) + [121]).map { "step-" + String(repeating: "0", count: 3 - String($0).count) + "\($0).svg" }
        #expect(Set(files) == Set(drawn + ["overview.svg"]))

        let wrong = try runLesson(["run", "conv2d", "--steps", "99", "--out", root.appendingPathComponent("wrong").path])
        expectRefusal(wrong, "error: --steps: step 99 is beyond the last step; this run has 9 steps")
    }

    /// The closing line counts in the singular and names one file once, two with a comma.
    @Test func theFiguresLineNamesOneOrTwoFilesAsTheyAre() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-one-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let one = try runLesson(["run", "param-count", "--out", root.appendingPathComponent("one").path])
        #expect(one.stdout.hasSuffix("Figures: 1 PNG file in \(root.path)/one/ (summary.png)\n"), "\(one.stdout.suffix(200))")
        let two = try runLesson(["run", "conv2d", "--steps", "1", "--out", root.appendingPathComponent("two").path])
        #expect(two.stdout.hasSuffix("Figures: 2 PNG files in \(root.path)/two/ (step-1.png, overview.png)\n"), "\(two.stdout.suffix(200))")
    }

    @Test func gifFormatWritesOneAnimation() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-gif-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try runLesson(["run", "conv2d", "--variant", "stride-2", "--format", "gif", "--out", root.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasSuffix("Figures: \(root.path)/animation.gif\n"), "stdout: \(result.stdout.suffix(200))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["animation.gif"])
    }

    /// The step list names padding only where there is some (it said "0 and 6 are padding" without).
    @Test(arguments: [
        ([String](), "input coordinates):"),
        (["--variant", "padding-1"], "input coordinates; 0 and 6 are padding):"),
        (["--padding", "2,0"], "input coordinates; rows −1–0 and 6–7 are padding):"),
    ])
    func paddingIsNamedOnlyWhenThereIsSome(arguments: [String], ending: String) throws {
        let result = try runLesson(["run", "conv2d", "--no-figures"] + arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("Step by step") }
        #expect(line.map { String($0) } == "Step by step (indices 1-based; window rows and columns in " + ending)
    }
}

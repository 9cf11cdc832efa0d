import Foundation
import LessonTestSupport
import Testing

/// What an exploratory tester found on the release build (session 30), end to end: the run's
/// whole error or the line that was wrong, and the exit status.
@Suite struct ExploratoryFindingsCommandTests {
    @Test(arguments: [
        // A variable given twice was silently the last value.
        (["run", "autodiff", "--expr", "x*y", "--at", "x=1,x=2"], "error: --at gives x twice (1 and 2); give each variable one value"),
        // An expression without variables ended its sentence at "at".
        (["run", "autodiff", "--expr", "log(0)"], "error: J = log(0) = log(0) is not a finite number"),
        // "(3 length)" for a signal's kernel.
        (["run", "conv1d", "--input", "1"], "error: the kernel (length 3) is larger than the padded input (length 1 + 2×0 = 1), so n + 2p − d(k − 1) − 1 = −2 is below 0 and there is no output"),
        // An empty '--input=' took the next argument, '--kernel', as the input.
        (["run", "conv2d", "--input=", "--kernel", "1 0; 0 1"], "error: '--input=' gives --input no value: write --input VALUE or --input=VALUE; --help lists the options"),
    ])
    func mistakesReadAsSentences(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + ["--no-figures"])
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == message, "\(result.stderr)")
    }

    /// A step so long that the loss after it overflows names the learning rate, not only the
    /// convolution cell that overflowed.
    @Test func anOverflowingStepNamesTheLearningRate() throws {
        let result = try runLesson(["run", "cnn", "--learning-rate", "1e308", "--no-figures"])
        #expect(result.status == 1, "exit \(result.status)")
        #expect(result.stderr.hasPrefix("error: after the step the loss cannot be computed (the output cell")
                && result.stderr.contains("use a smaller learning rate (α = 1×10³⁰⁸)"), "\(result.stderr)")
    }

    /// A negative number after `lesson figures`' numeric options is their value, refused for
    /// its range, not "Missing value" (the parser took '-1' for an option).
    @Test func aNegativeFigureSizeIsRefusedForItsRange() throws {
        for (option, message) in [("--scale", "--scale must be above 0 and at most 8, got −1"),
                                  ("--width", "--width must be"), ("--text-scale", "--text-scale must be")] {
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let result = try runLesson(["figures", "--lesson", "perceptron", option, "-1", "--out", folder.path])
            #expect(result.status == 1, "\(option): exit \(result.status)")
            #expect(result.stderr.hasPrefix("error: " + message), "\(option): \(result.stderr)")
            #expect((try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? true, "\(option): files were written")
        }
    }

    /// A learning rate too small to move the loss is not "too large".
    @Test func aTinyLearningRateLeavesTheLossUnchanged() throws {
        for lesson in ["cnn", "backprop"] {
            let result = try runLesson(["run", lesson, "--learning-rate", "1e-320", "--no-figures"])
            #expect(result.status == 0, "\(lesson): \(result.stderr)")
            #expect(result.stdout.contains("(unchanged: α is too small to move it)") && !result.stdout.contains("too large"),
                    "\(lesson): \(result.stdout.split(separator: "\n").filter { $0.contains("after one step") })")
        }
    }

    /// A 16-bit gray+alpha PNG is described as such, with its reading rule, and the side-by-side
    /// figure names its size width first as the text does (4×3 pixels: 3 rows, 4 columns).
    @Test func sixteenBitGrayWithAlphaIsDescribedAsRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("ga16.png")
        try Data([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 3, 16, 4, 0, 0, 0, 78, 109, 186, 14, 0, 0, 0, 60, 73, 68, 65, 84, 120, 156, 99, 96, 96, 40, 53, 16, 238, 248, 255, 95, 93, 160, 212, 192, 106, 198, 255, 255, 12, 126, 10, 165, 6, 137, 43, 254, 255, 47, 53, 40, 53, 232, 216, 1, 20, 152, 227, 80, 106, 176, 254, 196, 255, 255, 135, 3, 74, 13, 174, 221, 248, 255, 31, 0, 56, 189, 25, 231, 44, 23, 157, 70, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130] as [UInt8]).write(to: image)
        let result = try runLesson(["run", "image-filters", "--image", image.path, "--kernel", "box-blur", "--out", folder.path, "--format", "svg"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("4×3 pixels (3 rows, 4 columns), gray with transparency (16-bit samples v read as v/257, rounded), laid over white: a gray v of alpha a reads v·a/255 + 255·(1 − a/255), rounded."), "\(result.stdout)")
        let svg = try String(contentsOf: folder.appendingPathComponent("side-by-side.svg"), encoding: .utf8)
        #expect(svg.contains("(4×3 pixels)") && !svg.contains("(3×4)"), "the figure's size labels")
    }
}

import LessonTestSupport
import Testing

/// `--padding same` with an even kernel as a person runs it: conv2d-modes accepts it and
/// conv2d-backward prints the rule, whole lines compared; settings out of range are errors.
@Suite struct SamePaddingCommandTests {
    static let rule = [
        "Padding \"same\" as Keras and TensorFlow: output ⌈n/s⌉, total = max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0), ⌊total/2⌋ before the input and the rest after",
        "  rows: total = max((⌈3/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 3, 0) = 1: 0 on top, 1 at the bottom",
        "  columns: total = max((⌈3/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 3, 0) = 1: 0 on the left, 1 on the right",
    ]

    /// The lines from `first` on, as many as `expected` has.
    static func block(_ output: String, from first: String, count: Int) throws -> [String] {
        let lines = output.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: first), "no line '\(first)' in:\n\(output)")
        return Array(lines[start..<min(start + count, lines.count)])
    }

    @Test func conv2dModesRunsSameWithAnEvenKernel() throws {
        let result = try runLesson(["run", "conv2d-modes", "--input", "1 2 3; 4 5 6; 7 8 9", "--kernel", "1 0; 0 -1",
                                    "--paddings", "valid,same", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(try Self.block(result.stdout, from: "Runs: valid (2×2), same (3×3)", count: 1) == ["Runs: valid (2×2), same (3×3)"])
        #expect(try Self.block(result.stdout, from: "same: as Keras and TensorFlow, ⌈n/s⌉ outputs per axis; not (k − 1)/2 on each side here but ⌊total/2⌋ before the input and the rest after (the rule is below)", count: 2).last
                == "  here p = top 0, bottom 1, left 0, right 1 (kernel 2×2)")
        #expect(try Self.block(result.stdout, from: "input with zero padding top 0, bottom 1, left 0, right 1 (4×4):", count: 5) == [
            "input with zero padding top 0, bottom 1, left 0, right 1 (4×4):",
            "  1  2  3  0",
            "  4  5  6  0",
            "  7  8  9  0",
            "  0  0  0  0",
        ])
        // z[1,1] = 1×1 + 5×(−1) = −4, z[1,3] = 3 − 0, z[3,3] = 9 − 0: the bottom and right zeros.
        #expect(try Self.block(result.stdout, from: "output (3×3):", count: 8) == [
            "output (3×3):",
            "  −4  −4   3",
            "  −4  −4   6",
            "   7   8   9",
            "",
        ] + Self.rule)
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("Padding \"same\"") }.count == 1)
    }

    @Test func conv2dBackwardPrintsTheRuleUnderTheForwardLine() throws {
        let result = try runLesson(["run", "conv2d-backward", "--input", "1 2 3; 4 5 6; 7 8 9", "--kernel", "1 0; 0 -1",
                                    "--padding", "same", "--grad", "1 2 0; 0 1 -1; 2 0 1", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let forward = "Forward: cross-correlation (the kernel is laid on each window as printed, no flip; what CNN layers compute); padding top 0, bottom 1, left 0, right 1, stride 1, dilation 1, bias 0."
        #expect(try Self.block(result.stdout, from: forward, count: 5) == [forward] + Self.rule + [""])
        // ∂L/∂w[u,v] = Σ g[i,j]·xp[i+u, j+v] on the input padded at the bottom and right.
        #expect(try Self.block(result.stdout, from: "∂L/∂w:", count: 3) == ["∂L/∂w:", "  27  30", "  13  26"])
        // ∂L/∂x[r,c] = g[r,c]·1 + g[r−1,c−1]·(−1), 1-based, g taken as 0 outside: x[2,3] = −1 + 2·(−1) = −3.
        #expect(try Self.block(result.stdout, from: "∂L/∂x:", count: 4) == ["∂L/∂x:", "   1   2   0", "   0   0  −3", "   2   0   0"])
        #expect(result.stdout.contains("the full convolution of the upstream gradient with the kernel rotated by 180° (the transposed convolution), padding cropped.\n"))
    }

    @Test(arguments: [
        (["conv2d", "--padding", "same", "--dilation", "9223372036854775807"], "error: dilation must be at most 100 along the rows, got 9223372036854775807\n"),
        (["conv2d", "--padding", "same", "--stride", "9223372036854775807"], "error: stride must be at most 100000 along the rows, got 9223372036854775807\n"),
        (["conv2d-backward", "--padding", "same", "--stride", "1,9223372036854775807"], "error: stride must be at most 100000 along the columns, got 9223372036854775807\n"),
    ])
    func hugeSettingsWithSameAreOneSentence(arguments: [String], message: String) throws {
        let result = try runLesson(["run"] + arguments + ["--no-figures"])
        #expect(result.status == 1, "\(arguments): \(result.stdout)")
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }
}

import Foundation
import LessonTestSupport
import Testing

/// `--padding same` in conv-matrix (Keras's uneven split for an even kernel) and conv-transpose
/// (Keras's Conv2DTranspose(padding="same"), an output of n·s), as a person runs them: whole
/// lines of the text, and the refusals.
@Suite struct ConvSamePaddingCommandTests {
    func lines(_ arguments: [String]) throws -> [String] {
        let result = try runLesson(arguments + ["--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return result.stdout.components(separatedBy: "\n")
    }

    @Test func convMatrixPadsAnEvenKernelAsKeras() throws {
        let out = try lines(["run", "conv-matrix", "--input", "1 2 3; 4 5 6; 7 8 9", "--kernel", "1 2; 3 4", "--padding", "same"])
        let expected = [
            "padding top 0, bottom 1, left 0, right 1, stride 1, dilation 1",
            "",
            "Padding \"same\" as Keras and TensorFlow: output ⌈n/s⌉, total = max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0), ⌊total/2⌋ before the input and the rest after",
            "  rows: total = max((⌈3/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 3, 0) = 1: 0 on top, 1 at the bottom",
            "  columns: total = max((⌈3/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 3, 0) = 1: 0 on the left, 1 on the right",
            "Output size: o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1",
            "  rows:    o = ⌊(3 + 0 + 1 − 1×(2 − 1) − 1)/1⌋ + 1 = ⌊2/1⌋ + 1 = 3",
            "  columns: o = ⌊(3 + 0 + 1 − 1×(2 − 1) − 1)/1⌋ + 1 = ⌊2/1⌋ + 1 = 3",
            "So M has 3×3 = 9 rows (one per output cell) and 3×3 = 9 columns (one per input cell).",
        ]
        let start = try #require(out.firstIndex(of: expected[0]))
        #expect(Array(out[start..<min(out.count, start + expected.count)]) == expected)
        // The last column and row take the kernel's first column and row only: the extra zeros.
        #expect(out.contains("  row 9 (z[3,3], window rows 3–3, columns 3–3; 3 weights on padding, left out):"))
        #expect(out.contains("  z6 = z[2,3] = 6×1 + 9×3 = 33"))
        let result = try #require(out.firstIndex(of: "z = (37, 47, 21, 67, 77, 33, 23, 26, 9), reshaped to 3×3 row by row:"))
        #expect(Array(out[(result + 1)...(result + 3)]) == ["  37  47  21", "  67  77  33", "  23  26   9"])
    }

    /// The same numbers as `lesson run conv2d --padding same`, cell by cell.
    @Test func convMatrixAgreesWithConv2DSame() throws {
        let arguments = ["--input", "3 1 4 1 5; 9 2 6 5 3; 5 8 9 7 9; 3 2 3 8 4", "--kernel", "2 -1; 0 3", "--padding", "same",
                         "--stride", "2", "--json", "--no-figures"]
        func output(_ lesson: String) throws -> [[Double]]? {
            let result = try runLesson(["run", lesson] + arguments)
            #expect(result.status == 0, "\(lesson): \(result.stderr)")
            return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["output"] as? [[Double]]
        }
        let matrix = try output("conv-matrix"), direct = try output("conv2d")
        #expect(matrix != nil && matrix == direct)
        #expect(matrix?.count == 2 && matrix?.first?.count == 3, "⌈4/2⌉ × ⌈5/2⌉")
    }

    @Test func convTransposeSameMakesNTimesS() throws {
        let out = try lines(["run", "conv-transpose", "--input", "1 2; 3 4", "--kernel", "1 4 1; 1 4 3; 3 3 1", "--stride", "2",
                             "--padding", "same"])
        let expected = [
            "stride 2, padding top 0, bottom 1, left 0, right 1, output_padding 0, dilation 1",
            "",
            "Padding \"same\" as Keras's Conv2DTranspose: output n·s, the transpose of the convolution with padding \"same\" on an n·s input:",
            "  Padding \"same\" as Keras and TensorFlow: output ⌈n/s⌉, total = max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0), ⌊total/2⌋ before the input and the rest after",
            "    rows: total = max((⌈4/2⌉ − 1)×2 + 1×(3 − 1) + 1 − 4, 0) = 1: 0 on top, 1 at the bottom",
            "    columns: total = max((⌈4/2⌉ − 1)×2 + 1×(3 − 1) + 1 − 4, 0) = 1: 0 on the left, 1 on the right",
            "  so the canvas is cropped by those zeros, and where the copies stop short of n·s, s − (d(k − 1) + 1) + total zeros are added at the end as output_padding.",
            "Output size: o = (n − 1)s − 2p + d(k − 1) + output_padding + 1",
            "  rows:    o = (2 − 1)×2 − (0 + 1) + 1×(3 − 1) + 0 + 1 = 4",
            "  columns: o = (2 − 1)×2 − (0 + 1) + 1×(3 − 1) + 0 + 1 = 4",
        ]
        let start = try #require(out.firstIndex(of: expected[0]))
        #expect(Array(out[start..<min(out.count, start + expected.count)]) == expected)
        let output = try #require(out.firstIndex(of: "without the cropped rows and columns, the output (4×4):"))
        #expect(Array(out[(output + 1)...(output + 4)]) == ["   1   4   3   8", "   1   4   5   8", "   6  15  14  22", "   3  12  13  16"])
        #expect(out.contains("C is the 4×16 matrix of the convolution with the same kernel, stride 2, padding top 0, bottom 1, left 0, right 1 and dilation 1 on a 4×4 input (lesson conv-matrix): Cᵀ is exactly its transpose, so ⟨C·x, y⟩ = ⟨x, Cᵀ·y⟩ for every x and y."))
    }

    /// A 2×2 kernel at stride 3 stops one short of n·s: the missing column is a zero (output_padding 1).
    @Test func convTransposeSamePadsWhereTheCopiesStopShort() throws {
        let out = try lines(["run", "conv-transpose", "--input", "1 10", "--kernel", "1 2; 3 4", "--stride", "3", "--padding", "same"])
        #expect(out.contains("stride 3, padding 0, output_padding 1, dilation 1"))
        #expect(out.contains("  columns: o = (2 − 1)×3 − 2×0 + 1×(2 − 1) + 1 + 1 = 6"))
        let output = try #require(out.firstIndex(of: "output (3×6), the canvas itself:"))
        #expect(Array(out[(output + 1)...(output + 3)]) == ["   1   2   0  10  20   0", "   3   4   0  30  40   0", "   0   0   0   0   0   0"])
    }

    @Test func sameWithOutputPaddingIsRefused() throws {
        let result = try runLesson(["run", "conv-transpose", "--no-figures", "--padding", "same", "--output-padding", "1"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: --padding same with --output-padding: \"same\" makes the output n·s and picks the output_padding itself (Keras's Conv2DTranspose(padding=\"same\")); give one of them\n")
    }

    /// Pooling's `--padding same` as Keras' AveragePooling2D: the rule filled in, the padded input
    /// with its extra row and column after, and the output.
    @Test func poolingPadsAsKeras() throws {
        let out = try lines(["run", "pooling", "--input", "1 2 3 4 5; 6 7 8 9 10; 11 12 13 14 15; 16 17 18 19 20; 21 22 23 24 25",
                             "--op", "avg", "--size", "2", "--padding", "same"])
        #expect(out.contains("Operation: average pooling 2×2, stride 2, padding same (Keras): 0 before, 1 after, padding left out of the count (as Keras averages)."))
        #expect(out.contains("  rows: total = max((⌈5/2⌉ − 1)×2 + 1×(2 − 1) + 1 − 5, 0) = 1: 0 on top, 1 at the bottom"))
        let padded = try #require(out.firstIndex(of: "input with padding 0 before and 1 after (6×6); a padded cell adds 0 and is not counted:"))
        #expect(out[padded + 6] == "   0   0   0   0   0   0")
        #expect(out.contains("  y[3,3] = (25)/1 = 25"))
        let output = try #require(out.firstIndex(of: "output y (3×3):"))
        #expect(Array(out[(output + 1)...(output + 3)]) == ["     4     6   7.5", "    14    16  17.5", "  21.5  23.5    25"])
        #expect(out.contains("  rows and columns: o = ⌊(5 + 0 + 1 − 2)/2⌋ + 1 = ⌊4/2⌋ + 1 = 3"))
    }

    @Test func poolingRefusesFullPadding() throws {
        let result = try runLesson(["run", "pooling", "--no-figures", "--padding", "full"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: --padding full: pooling takes no full padding (its windows would hold only padding); expected a whole number, two as rows,columns (such as 1,0), valid or same\n")
    }

    /// separable's depthwise step with Keras' same padding at stride 2: one zero row and column after each
    /// channel; the output checked with jax.lax.conv_general_dilated(…, "SAME", feature_group_count=3).
    @Test func separablePadsAsKeras() throws {
        let out = try lines(["run", "separable", "--padding", "same", "--stride", "2"])
        #expect(out.contains("Step 1, depthwise: channel c is cross-correlated with its own kernel D_c; channels are not mixed and there is no bias (padding top 0, bottom 1, left 0, right 1, stride 2)."))
        #expect(out.contains("  rows: total = max((⌈4/2⌉ − 1)×2 + 1×(3 − 1) + 1 − 4, 0) = 1: 0 on top, 1 at the bottom"))
        let output = try #require(out.firstIndex(of: "output z (2 × 2×2):"))
        #expect(Array(out[(output + 1)...(output + 6)]) == ["z filter 1:", "  12  17", "  13  11", "z filter 2:", "  18   6", "   8   6"])
    }
}

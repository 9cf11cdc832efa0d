import Foundation
import LessonTestSupport
import Testing

/// A command run with options of its own, labelled: its whole standard output, standard error and
/// exit status are compared with `References/runs/<label>.txt`. To add one, add a line to
/// `CustomRunReferenceTests.runs` and record it with
/// `LESSON_RECORD=1 swift test --filter CustomRunReferenceTests`; then read the new file.
/// (Runs that need files of their own, such as a folder to grade, call `expectReference` in their
/// test with the temporary folder replaced by a placeholder: `$TMP`, `$OUT`.)
struct CustomRun: CustomTestStringConvertible, Sendable {
    let label: String
    let arguments: [String]

    init(_ label: String, _ arguments: [String]) {
        self.label = label
        self.arguments = arguments
    }

    var testDescription: String { label }
}

/// The lessons' default runs have references of their own (`ReferenceOutputTests`); these are the
/// runs a person makes with options, whose text the command-line tests used to check line by line.
@Suite struct CustomRunReferenceTests {
    static let runs: [CustomRun] = [
        // conv2d and its backward pass. "same" with an even kernel as Keras: the extra zero at the
        // bottom and right (tf.nn.conv2d(x, w, strides=1, padding="SAME") gives these numbers).
        .init("conv2d.same-even-kernel", ["run", "conv2d", "--input", "1 2 3; 4 5 6; 7 8 9", "--kernel", "1 2; 3 4",
                                          "--padding", "same", "--no-figures"]),
        .init("conv2d.negative-kernel-and-bias", ["run", "conv2d", "--kernel", "-1 0 1; -2 0 2; -1 0 1", "--bias", "-2.5",
                                                  "--no-figures"]),
        .init("conv2d.json-compact", ["run", "conv2d", "--json-compact", "--no-figures"]),
        .init("conv2d-backward.same-even-kernel", ["run", "conv2d-backward", "--input", "1 2 3; 4 5 6; 7 8 9",
                                                   "--kernel", "1 2; 3 4", "--padding", "same", "--no-figures"]),
        .init("conv2d-backward.own-input-and-gradient", ["run", "conv2d-backward", "--input", "1 2 3; 4 5 6; 7 8 9",
                                                         "--kernel", "1 2; 3 4", "--grad", "1 1; 1 1", "--no-figures"]),
        // conv1d, conv-channels, conv-arithmetic, conv-matrix.
        .init("conv1d.same-even-kernel", ["run", "conv1d", "--input", "1 2 3 4", "--kernel", "1 2", "--padding", "same",
                                          "--no-figures"]),
        .init("conv1d.flip", ["run", "conv1d", "--input", "1 2 3 4", "--kernel", "1 0 -1", "--flip", "--no-figures"]),
        .init("conv1d.causal-dilated", ["run", "conv1d", "--padding", "causal", "--dilation", "2", "--stride", "2", "--no-figures"]),
        .init("separable.own-input-and-kernels", ["run", "separable", "--input", "1 2 0; 0 1 3; 2 2 1 | 1 0 1; 0 1 0; 1 0 1",
                                                   "--depthwise", "1 0; 0 1 | 0 1; 1 0", "--pointwise", "1 -1; 2 0.5",
                                                   "--bias", "0.5 -1", "--padding", "same", "--no-figures"]),
        .init("conv-channels.same-even-kernel", ["run", "conv-channels", "--input", "1 2 3; 4 5 6; 7 8 9 | 1 0 1; 0 1 0; 1 0 1",
                                                 "--filter", "1 2; 3 4 | 1 0; 0 1", "--padding", "same", "--stride", "1",
                                                 "--no-figures"]),
        .init("conv-channels.two-channels-one-filter", ["run", "conv-channels", "--input", "1 2; 3 4 | 5 6; 7 8",
                                                        "--filter", "1 0; 0 1 | 1 1; 1 1", "--biases", "10", "--padding", "0",
                                                        "--stride", "1", "--no-figures"]),
        .init("conv-arithmetic.dilated-strided", ["run", "conv-arithmetic", "--n", "7", "--k", "3", "--p", "1", "--s", "2",
                                                  "--d", "2", "--no-figures"]),
        .init("conv-arithmetic.non-square", ["run", "conv-arithmetic", "--n", "7,5", "--k", "3,2", "--p", "0", "--s", "2,1",
                                             "--d", "1", "--no-figures"]),
        .init("conv-arithmetic.remainder-never-reached", ["run", "conv-arithmetic", "--n", "6", "--k", "3", "--p", "1",
                                                          "--s", "2", "--d", "1", "--no-figures"]),
        // Keras's Conv2DTranspose(padding="same"): output n·s (4×4), named as Keras's, not PyTorch's.
        .init("conv-transpose.keras-same-stride-2", ["run", "conv-transpose", "--input", "1 2; 3 4", "--kernel", "1 2; 3 4",
                                                    "--stride", "2", "--padding", "same", "--no-figures"]),
        .init("conv-matrix.custom-padding-and-stride", ["run", "conv-matrix", "--input", "1 2 3; 4 5 6; 7 8 9",
                                                        "--kernel", "1 0; 0 -1", "--padding", "1", "--stride", "2",
                                                        "--no-figures"]),
        // Pooling, image filters, CNN.
        .init("pooling.same-average-1-decimal", ["run", "pooling", "--variant", "same-average", "--decimals", "1",
                                                 "--no-figures"]),
        .init("pooling.global-max", ["run", "pooling", "--op", "max", "--global", "--no-figures"]),
        // Values that 3 decimals round to 0 keep their first two significant digits (−0.00012, not 0),
        // in the matrices, the steps and the backward pass; 123456.789 stays whole.
        .init("pooling.small-values", ["run", "pooling", "--input", "123456.789 -0.00012 3 7; 1e-3 -2.5 1.5 8; 1 2 3 4; 5 6 7 -0.00004",
                                       "--op", "min", "--grad", "-0.00012 1; 2 0.00003", "--no-figures"]),
        .init("image-filters.sharpen-at-47-13", ["run", "image-filters", "--at", "47,13", "--no-figures"]),
        .init("image-filters.gaussian-at-1-1", ["run", "image-filters", "--variant", "gaussian", "--at", "1,1",
                                                "--no-figures"]),
        // A step so large the updated logits overflow: the text says NaN (JSON refuses: RunCNNCommandTests).
        .init("cnn.overflowing-update", ["run", "cnn", "--learning-rate", "1e200", "--no-figures"]),
        // Graphs, networks, recurrent networks, training.
        // ∂/∂x = y + cos(x)/y = 2.270151, ∂/∂y = x − sin(x)/y² = 0.789632.
        .init("autodiff.two-variables", ["run", "autodiff", "--expr", "x*y + sin(x)/y", "--at", "x=1,y=2", "--no-figures"]),
        .init("activations.at-zero", ["run", "activations", "--at", "0", "--no-figures"]),
        .init("backprop.by-hand-seed-indexing", ["run", "backprop", "--variant", "by-hand", "--indexing", "seed",
                                                 "--no-figures"]),
        .init("rnn.truncate-1", ["run", "rnn", "--truncate", "1", "--strict", "--no-figures"]),
        // K ≥ T cuts nothing: the gradients are full BPTT's, and the text says 0 contributions were cut.
        .init("lstm.truncate-3", ["run", "lstm", "--truncate", "3", "--strict", "--no-figures"]),
        .init("lstm.many-to-many-truncate-1-json-compact", ["run", "lstm", "--variant", "many-to-many", "--truncate", "1",
                                                            "--json-compact", "--no-figures"]),
        // A new α makes the run "custom": the lesson file's description, which states its own α, is not shown.
        .init("backprop.learning-rate", ["run", "backprop", "--learning-rate", "0.5", "--no-figures"]),
        // Matrices as NumPy prints them.
        .init("conv2d.numpy-matrices", ["run", "conv2d", "--input", "[[1, 2, 3], [4, 5, 6], [7, 8, 9]]",
                                        "--kernel", "[[1, 0], [0, -1]]", "--no-figures"]),
        .init("optimizers.adam-alone", ["run", "optimizers", "--optimizer", "adam", "--no-figures"]),
        // Exercises and grading.
        .init("exercise.show-output-sizes-mia", ["exercise", "show", "output-sizes", "--student", "mia", "--no-figures"]),
        .init("exercise.show-markdown-by-path", ["exercise", "show", "exercises/conv-variants", "--student", "anna",
                                                 "--markdown", "--no-figures"]),
        .init("exercise.check-output-sizes", ["exercise", "check", "exercises/output-sizes.yaml", "--students", "mia"]),
    ]

    @Test("whole output of a run with options", arguments: runs)
    func wholeOutput(_ run: CustomRun) throws {
        expectReference(try runLesson(run.arguments), named: "runs/\(run.label).txt")
    }
}

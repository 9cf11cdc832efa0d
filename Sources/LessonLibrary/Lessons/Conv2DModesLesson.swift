import Foundation
import LessonCore
import LessonFigures

/// `lesson run conv2d-modes`: full, valid and same padding on one input, stride, and the
/// true convolution (kernel flipped) next to cross-correlation.
///
/// Lesson file keys: `input`, `kernel` (matrices), `bias`, `paddings` (a list of `full`,
/// `valid`, `same`), `stride`, `dilation`, `mode` (`cross-correlation`, `convolution` or
/// `both`), and `expected`: one output matrix per run, keyed by the run's name (`valid`, or
/// `valid-convolution` for the true convolution when `mode` is `both`).
public enum Conv2DModesLesson: Lesson {
    public static let id = "conv2d-modes"

    /// Which operations a run computes.
    public enum Operations: String, Sendable {
        case crossCorrelation = "cross-correlation", convolution, both

        var modes: [ConvolutionMode] {
            switch self {
            case .crossCorrelation: return [.crossCorrelation]
            case .convolution: return [.convolution]
            case .both: return [.crossCorrelation, .convolution]
            }
        }
    }

    /// The parameters of one run.
    public struct Example: Equatable, LessonExample {
        public var input: Tensor
        public var kernel: Tensor
        public var bias: Double = 0
        public var paddings: [PaddingMode] = PaddingMode.allCases
        public var stride = Pair2(1)
        public var dilation = Pair2(1)
        public var operations = Operations.crossCorrelation
        /// Stated outputs by run name.
        public var statedOutputs: [String: Tensor] = [:]

        /// Parameters with the defaults: all three paddings, cross-correlation, stride 1.
        public init(input: Tensor, kernel: Tensor) {
            self.input = input
            self.kernel = kernel
        }

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["input", "kernel", "bias", "paddings", "stride", "dilation", "mode"])
            input = try variant.require("input", expected: "the input matrix, such as \"1 0 3; 0 3 4\"").matrix()
            kernel = try variant.require("kernel", expected: "the kernel matrix, such as \"1 -1; 0 2\"").matrix()
            bias = try variant["bias"]?.double() ?? 0
            stride = try variant["stride"]?.pair(in: 1...OutputSize.largestSize) ?? Pair2(1)
            dilation = try variant["dilation"]?.pair(in: 1...OutputSize.largestSetting) ?? Pair2(1)
            if let list = variant["paddings"] {
                paddings = try list.items().map { try $0.choice("padding", expected: "full, valid or same") }
            }
            if let value = variant["mode"] { operations = try value.choice("mode", expected: "cross-correlation, convolution or both") }
            if let expected = variant["expected"] {
                let names = runNames
                try expected.rejectUnknownKeys(allowed: names)
                for name in names { if let value = expected[name] { statedOutputs[name] = try value.matrix() } }
            }
        }

        /// The runs, in order: each padding, each operation.
        public var runs: [(name: String, padding: PaddingMode, mode: ConvolutionMode)] {
            paddings.flatMap { padding in
                operations.modes.map { mode in
                    (name: padding.rawValue + (operations == .both && mode == .convolution ? "-convolution" : ""),
                     padding: padding, mode: mode)
                }
            }
        }

        var runNames: [String] { runs.map(\.name) }

        /// The zeros of one named padding: "same" as Keras and TensorFlow pad (`SamePadding`: the
        /// notes' (k − 1)/2 on each side for an odd kernel at stride 1, the extra zero of an odd total
        /// at the bottom and right), full and valid as `PaddingMode` says. The rule of "same" comes too.
        func zeros(_ mode: PaddingMode) throws -> (padding: Pair2, extra: Pair2, same: [SamePadding]?) {
            guard mode == .same else { return (try mode.padding(kernelShape: kernel.shape, dilation: dilation), Pair2(0), nil) }
            let rule = SamePadding.rowsAndColumns(input: input.shape, kernel: kernel.shape, stride: stride, dilation: dilation)
            let (padding, extra) = SamePadding.pads(rule)
            return (padding, extra, rule)
        }
    }

    /// One run of the lesson: a padding mode, an operation, and its trace.
    public struct Run: Sendable, Codable {
        public var name: String
        public var paddingMode: PaddingMode
        public var trace: ConvolutionTrace
    }

    /// The JSON payload: every run.
    public struct Payload: Sendable, Codable {
        public var runs: [Run]
    }


    /// What a run's padding keeps; for "same" that Keras and TensorFlow cannot split evenly (an
    /// even kernel, or a stride that needs fewer zeros), the uneven split instead of (k − 1)/2.
    static func explanation(_ run: Run) -> String {
        let trace = run.trace
        guard run.paddingMode == .same,
              trace.extraPadding != nil || (try? PaddingMode.same.padding(kernelShape: trace.kernel.shape, dilation: trace.dilation)) != trace.padding
        else { return run.paddingMode.explanation }
        return "same: as Keras and TensorFlow, ⌈n/s⌉ outputs per axis; not (k − 1)/2 on each side here but ⌊total/2⌋ before the input and the rest after (the rule is below)"
    }

    /// Runs `example` and builds the text, JSON payload, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        guard !example.paddings.isEmpty else { throw InputError("the lesson needs at least one padding: full, valid or same") }
        var runs: [Run] = []
        var samePadding: [SamePadding]?
        for run in example.runs {
            let zeros = try example.zeros(run.padding)
            samePadding = zeros.same ?? samePadding
            let conv = Conv2D(kernel: example.kernel, bias: example.bias, padding: zeros.padding, stride: example.stride,
                              dilation: example.dilation, mode: run.mode, extraPadding: zeros.extra)
            do {
                runs.append(Run(name: run.name, paddingMode: run.padding, trace: try conv.forward(example.input)))
            } catch let error as InputError {
                throw InputError("\(run.padding.rawValue) padding (p = \(zeros.padding)): \(error.message)")
            }
        }
        var lines = heading.lines
        lines.append("Runs: " + runs.map { "\($0.name) (\(Notation.shape($0.trace.output.shape)))" }.joined(separator: ", "))
        var mismatches: [Mismatch] = []
        var figures: [Figure] = []
        for run in runs {
            let trace = run.trace
            var stated = Conv2DLesson.Example(input: example.input, kernel: example.kernel)
            stated.statedOutput = example.statedOutputs[run.name]
            if run.paddingMode == .same { stated.samePadding = samePadding }
            let found = trace.check(statedOutput: stated.statedOutput).map { mismatch in
                Mismatch(subject: run.name + ": " + mismatch.subject, stated: mismatch.stated,
                         recomputed: mismatch.recomputed, details: mismatch.details)
            }
            mismatches += found
            lines.append("")
            lines.append(String(repeating: "═", count: 60))
            lines.append((run.name == run.paddingMode.rawValue ? "" : run.name + " — ") + explanation(run))
            lines.append("  here p = \(trace.paddingText) (kernel \(Notation.shape(trace.kernel.shape))\(trace.dilation == Pair2(1) ? "" : ", dilation \(trace.dilation)"))")
            lines.append(String(repeating: "═", count: 60))
            lines.append(Conv2DLesson.describe(trace, heading: LessonHeading(title: "\(run.name) — \(trace.mode.rawValue)"),
                                               stated: stated, mismatches: found))
            let heading = "\(run.name) padding" + (trace.mode == .convolution ? " · true convolution" : "")
            let frames = ConvolutionFigures.frames(trace, title: heading) + [ConvolutionFigures.overview(trace, title: heading)]
            figures += frames.map { figure in
                var renamed = figure
                // `step-<run>-N`, zero-padded like every frame name, so the frames of a run sort together and stale frames are cleaned up.
                renamed.name = figure.step.map { Figure.stepName($0 - 1, of: trace.steps.count, prefix: "step-" + run.name + "-") } ?? run.name + "-" + figure.name
                return renamed
            }
        }
        if example.operations == .both {
            lines.append("")
            lines.append("Cross-correlation lays the kernel as printed; the true convolution rotates it by 180° first, so")
            lines.append("conv(x, w) = xcorr(x, rot180(w)):")
            for (a, b) in zip(runs, runs.dropFirst()) where a.paddingMode == b.paddingMode && a.trace.mode != b.trace.mode {
                lines.append("  \(a.paddingMode.rawValue): cross-correlation \(Notation.inlineMatrix(a.trace.output)) vs true convolution \(Notation.inlineMatrix(b.trace.output))")
            }
        }
        figures.insert(Conv2DModesFigures.comparison(runs.map { ($0.name, $0.trace) }, title: heading.title), at: 0)
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"),
                            payload: Payload(runs: runs), figures: figures, mismatches: mismatches)
    }
}

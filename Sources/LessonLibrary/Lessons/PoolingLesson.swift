import Foundation
import LessonCore
import LessonFigures

/// `lesson run pooling`: max, average or min pooling stepped through window by window, and
/// the backward pass that routes an upstream gradient to the input.
///
/// Lesson file keys: `input` (matrix), `op` (`max`, `avg`, `min`), `size`, `stride`, `padding`
/// (a number, `[rows, columns]`, `valid`, or `same` as Keras pads; the stride defaults to the size), `count-include-pad`
/// (average only; true by default, as in PyTorch), `ceil-mode` (PyTorch's ceil_mode), `global` (one window over the whole input),
/// `grad` (the upstream gradient ∂L/∂y, for the backward pass), `decimals` (printed and drawn
/// values, rounded), and `expected` with `output`, `gradient` (∂L/∂x) and `table` (the output
/// as the notes print it, rounded or truncated to the decimals it shows). A variant may name
/// its own `source` in the notes.
public enum PoolingLesson: Lesson {
    /// The lesson id.
    public static let id = "pooling"

    /// The parameters of one run, from a lesson variant and command-line options.
    public struct Example: Equatable, LessonExample {
        /// The input matrix.
        public var input: Tensor
        /// Max, average or min.
        public var op = PoolingOp.max
        /// The window size.
        public var size = Pair2(2)
        /// The stride; nil means the window size, as in PyTorch.
        public var stride: Pair2?
        /// The padding on each side.
        public var padding = Pair2(0)
        /// Whether the padding is Keras' "same" (⌈n/s⌉ windows, the extra zero after, averages over input cells).
        public var samePadding = false
        /// Whether an average divides by the whole window, padding included (PyTorch's default).
        public var countIncludePad = true
        /// PyTorch's ceil_mode: the output size rounded up.
        public var ceilMode = false
        /// Whether the window is the whole input (global pooling).
        public var isGlobal = false
        /// The upstream gradient ∂L/∂y, if the backward pass is to run.
        public var grad: Tensor?
        /// Where `grad` came from when it was not the lesson file ("--grad"), for errors.
        public var gradSource: String?
        /// The decimals of printed and drawn values (rounded); JSON keeps exact values.
        public var decimals = 3
        /// The output the lesson file states, if any.
        public var statedOutput: Tensor?
        /// The input gradient the lesson file states, if any.
        public var statedGradient: Tensor?
        /// The output as the notes print it, if stated.
        public var statedTable: PrintedTable?

        /// Creates an example for `input` with the defaults (max 2×2, stride 2).
        public init(input: Tensor) {
            self.input = input
        }

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["input", "op", "size", "stride", "padding", "count-include-pad", "ceil-mode",
                                                    "global", "grad", "decimals", "source"])
            input = try variant.require("input", expected: "the input matrix, such as \"3 0 1; 0 1 8\"").matrix()
            if let value = variant["op"] { op = try value.choice("op", expected: "one of \(PoolingOp.names)") }
            size = try variant["size"]?.pair(in: 1...OutputSize.largestSize) ?? Pair2(2)
            stride = try variant["stride"]?.pair(in: 1...OutputSize.largestSize)
            if let value = variant["padding"], !setPadding(try value.padding()) {
                throw value.error("pooling takes no padding 'full' (its windows would hold only padding); expected a number, [rows, columns], valid or same")
            }
            countIncludePad = try variant["count-include-pad"]?.bool() ?? true
            ceilMode = try variant["ceil-mode"]?.bool() ?? false
            if ceilMode, samePadding, let value = variant["ceil-mode"] {
                throw value.error("ceil-mode with padding same: Keras' same padding already sets the output to ⌈n/s⌉; give one of them")
            }
            isGlobal = try variant["global"]?.bool() ?? false
            grad = try variant["grad"]?.matrix()
            if let value = variant["decimals"] {
                decimals = try value.int()
                guard (0...12).contains(decimals) else { throw value.error("decimals must be 0 to 12, got \(decimals)") }
            }
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["output", "gradient", "table"])
                statedOutput = try expected["output"]?.matrix()
                statedGradient = try expected["gradient"]?.matrix()
                if let table = expected["table"] {
                    do { statedTable = try PrintedTable.parse(try table.string()) } catch let error as InputError where !error.isLocated {
                        throw table.error(error.message)
                    }
                }
            }
        }

        /// Sets the padding from `--padding` or a lesson file's `padding`: a size, valid (none) or
        /// same (Keras'); false, changing nothing, for full, which pooling does not take.
        mutating func setPadding(_ argument: PaddingArgument) -> Bool {
            switch argument {
            case .named(.full): return false
            case .named(let mode): (padding, samePadding) = (mode == .valid ? Pair2(0) : padding, mode == .same)
            case .size(let pair): (padding, samePadding) = (pair, false)
            }
            return true
        }

        /// The operation these parameters describe.
        public var operation: Pool2D {
            if isGlobal { return Pool2D.global(op, inputShape: input.shape) }
            if samePadding { return Pool2D.same(op, size: size, stride: stride, inputShape: input.shape) }
            return Pool2D(op: op, size: size, stride: stride, padding: padding, countIncludePad: countIncludePad, ceilMode: ceilMode)
        }
    }

    /// What `--json` prints: the forward trace at the top level (`output` is the pooled
    /// matrix), the backward trace under `backward`, and the check of a stated table.
    public struct Payload: Encodable {
        /// The forward trace, encoded at the top level.
        public var forward: PoolingTrace
        /// The backward trace, when an upstream gradient was given.
        public var backward: PoolingBackwardTrace?
        /// What a stated table turned out to be (rounded or truncated), when one was stated.
        public var tableCheck: PrintedTableCheck?
        /// The decimals text and figures use.
        public var decimals: Int

        private enum CodingKeys: String, CodingKey { case backward, tableCheck, decimals }

        public func encode(to encoder: Encoder) throws {
            try forward.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(backward, forKey: .backward)
            try container.encodeIfPresent(tableCheck, forKey: .tableCheck)
            try container.encode(decimals, forKey: .decimals)
        }
    }


    /// Runs `example` and builds the text, JSON payload, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let pool = example.operation
        let trace = try pool.forward(example.input)
        let backward: PoolingBackwardTrace?
        do { backward = try example.grad.map { try pool.backward(trace, upstream: $0) } } catch let error as InputError {
            guard case .upstreamShape = error.problem, let source = example.gradSource else { throw error }
            throw error.located(in: source)
        }
        let tableCheck = example.statedTable.map { $0.check(against: trace.output) }
        var mismatches: [Mismatch] = []
        if let stated = example.statedOutput {
            mismatches += compareMatrices(stated: stated, recomputed: trace.output, name: "y") { r, c in
                ["recomputed: " + trace.step(row: r, column: c).text(op: trace.op, decimals: example.decimals)]
            }
        }
        if let stated = example.statedGradient {
            if let backward {
                mismatches += compareMatrices(stated: stated, recomputed: backward.gradient, name: "∂L/∂x")
            } else {
                mismatches.append(Mismatch(subject: "∂L/∂x", stated: Notation.inlineMatrix(stated),
                                           recomputed: "nothing: the variant has no upstream gradient 'grad'"))
            }
        }
        if let tableCheck, tableCheck.verdict == .neither || tableCheck.verdict == .wrongShape {
            mismatches.append(Mismatch(subject: "stated table", stated: Notation.inlineMatrix(example.statedTable?.values ?? Tensor(shape: [0])),
                                       recomputed: Notation.inlineMatrix(trace.output, decimals: example.decimals),
                                       details: [tableCheck.sentence]))
        }
        let decimals = example.decimals
        var figures = PoolingFigures.frames(trace, decimals: decimals) + [PoolingFigures.overview(trace, decimals: decimals)]
        if let backward {
            figures += PoolingFigures.backwardFrames(trace, backward, decimals: decimals)
            figures.append(PoolingFigures.backwardOverview(trace, backward, decimals: decimals))
        }
        let text = PoolingText.describe(trace, backward: backward, tableCheck: tableCheck, example: example,
                                        heading: heading,
                                        mismatches: mismatches)
        return LessonOutput(lesson: id, variant: heading.variant, text: text,
                            payload: Payload(forward: trace, backward: backward, tableCheck: tableCheck, decimals: decimals),
                            figures: figures, mismatches: mismatches)
    }
}

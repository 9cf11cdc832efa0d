import Foundation
import LessonCore
import LessonFigures

/// `lesson run separable`: a depthwise separable convolution and the notes' parameter comparison.
///
/// Lesson file keys: `input` (a list of channel matrices), `depthwise` (one kernel per channel),
/// `pointwise` (filters × channels), `bias` (one per filter), `padding` (a number, `[rows, columns]`, valid, full, or same as Keras pads), `stride`, `model`
/// (`input: [h, w, c]`, `layers:` of `{filters, kernel, stride}`, `classes`), and `expected`
/// with `depthwise`, `output` (lists of matrices), `standard` and `separable` (per-layer counts)
/// and `standard_total`, `separable_total`.
public enum SeparableLesson: Lesson {
    public static let id = "separable"

    /// What the lesson file states, to check the recomputation against.
    public struct Stated: Equatable {
        public var depthwise: [Tensor]?
        public var output: [Tensor]?
        public var standard: [Int]?
        public var separable: [Int]?
        public var standardTotal: Int?
        public var separableTotal: Int?
        public init() {}
        var count: Int {
            [depthwise == nil, output == nil, standard == nil, separable == nil, standardTotal == nil, separableTotal == nil]
                .filter { !$0 }.count
        }
    }

    /// The parameters of one run.
    public struct Example: Equatable, LessonExample {
        public var input: [Tensor]
        public var depthwise: [Tensor]
        public var pointwise: Tensor
        public var bias: [Double]
        public var padding = Pair2(0)
        public var stride = Pair2(1)
        /// Whether the depthwise step pads as Keras' `padding="same"` (the extra zero of an odd total after the input).
        public var samePadding = false
        public var modelInput = [28, 28, 1]
        public var layers: [ConvolutionLayerSpec] = []
        public var classes = 10
        public var stated = Stated()

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["input", "depthwise", "pointwise", "bias", "padding", "stride", "model"])
            input = try variant.require("input", expected: "a list of channel matrices").items().map { try $0.matrix() }
            depthwise = try variant.require("depthwise", expected: "a list of kernels, one per channel").items().map { try $0.matrix() }
            pointwise = try variant.require("pointwise", expected: "the pointwise weights, filters × channels, such as \"1 -1 2; 0 1 1\"").matrix()
            bias = try variant["bias"]?.vector() ?? Array(repeating: 0, count: pointwise.rows)
            if let value = variant["padding"] {
                let argument = try value.padding()
                do { try setPadding(argument) } catch let error as InputError { throw value.error(error.message) }
            }
            stride = try variant["stride"]?.pair(in: 1...OutputSize.largestSize) ?? Pair2(1)
            if let model = variant["model"] {
                try model.rejectUnknownKeys(allowed: ["input", "layers", "classes"])
                modelInput = try model.require("input", expected: "[height, width, channels]").items().map { try $0.int() }
                layers = try model.require("layers", expected: "a list of {filters, kernel, stride}").items().map { layer in
                    try layer.rejectUnknownKeys(allowed: ["filters", "kernel", "stride"])
                    return ConvolutionLayerSpec(filters: try layer.require("filters", expected: "a whole number").int(),
                                                kernel: try layer.require("kernel", expected: "a whole number").int(),
                                                stride: try layer["stride"]?.int() ?? 1)
                }
                classes = try model["classes"]?.int() ?? 10
            }
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["depthwise", "output", "standard", "separable", "standard_total", "separable_total"])
                stated.depthwise = try expected["depthwise"]?.items().map { try $0.matrix() }
                stated.output = try expected["output"]?.items().map { try $0.matrix() }
                stated.standard = try expected["standard"]?.items().map { try $0.int() }
                stated.separable = try expected["separable"]?.items().map { try $0.int() }
                stated.standardTotal = try expected["standard_total"]?.int()
                stated.separableTotal = try expected["separable_total"]?.int()
            }
        }

        /// Keras' "same" padding of the depthwise step for an input of `inputShape` (C × H × W).
        func sameAxes(inputShape: [Int]) -> [SamePadding] {
            SamePadding.rowsAndColumns(input: inputShape, kernel: depthwise.first?.shape ?? [1, 1], stride: stride, dilation: Pair2(1))
        }

        /// Sets the depthwise padding from `--padding` or a lesson file's `padding`: same as Keras
        /// pads it (worked out per input in `run`), or the size the argument names.
        mutating func setPadding(_ argument: PaddingArgument) throws {
            samePadding = argument == .named(.same)
            if !samePadding { padding = try argument.resolved(kernelShape: depthwise.first?.shape ?? [1, 1], dilation: Pair2(1)) }
        }

        /// The input channels stacked as C × H × W; an error when the channels differ in size.
        func stackedInput() throws -> Tensor {
            guard let first = input.first else { throw InputError("the input has no channels") }
            for (c, channel) in input.enumerated() where channel.shape != first.shape {
                throw InputError("input channel \(c + 1) is \(Notation.shape(channel.shape)) but channel 1 is \(Notation.shape(first.shape)); all channels must have the same size")
            }
            return Tensor(shape: [input.count] + first.shape, scalars: input.flatMap(\.scalars))
        }
    }

    /// The result of a run: the layer's trace and the model comparison.
    public struct Result: Encodable {
        public var layer: SeparableConvolutionTrace
        public var model: ParameterComparison
    }


    /// Runs `example` and builds the text, JSON payload, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let input = try example.stackedInput()
        var operation = SeparableConv2D(depthwiseKernels: example.depthwise, pointwiseWeights: example.pointwise,
                                        biases: example.bias, padding: example.padding, stride: example.stride)
        let same = example.samePadding ? example.sameAxes(inputShape: input.shape) : nil
        if let same { (operation.padding, operation.extraPadding) = SamePadding.pads(same) }
        let trace = try operation.forward(input)
        let model = try ParameterComparison.compute(inputShape: example.modelInput, layers: example.layers, classes: example.classes)
        let mismatches = check(trace, model, example.stated)
        let text = describe(trace, model, heading: heading, same: same,
                            stated: example.stated, mismatches: mismatches)
        return LessonOutput(lesson: id, variant: heading.variant, text: text, payload: Result(layer: trace, model: model),
                            figures: SeparableFigures.figures(trace, model: model), mismatches: mismatches)
    }

    static func check(_ trace: SeparableConvolutionTrace, _ model: ParameterComparison, _ stated: Stated) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        func stack(_ matrices: [Tensor], _ actual: [Tensor], name: String) {
            guard matrices.count == actual.count else {
                mismatches.append(Mismatch(subject: name + " channels", stated: "\(matrices.count)", recomputed: "\(actual.count)"))
                return
            }
            for (c, (s, a)) in zip(matrices, actual).enumerated() {
                mismatches += compareMatrices(stated: s, recomputed: a, name: name + "[channel \(c + 1)]")
            }
        }
        if let depthwise = stated.depthwise { stack(depthwise, trace.depthwise.map(\.output), name: "h") }
        if let output = stated.output {
            let shape = Array(trace.output.shape.dropFirst()), size = shape.reduce(1, *)
            let actual = (0..<trace.output.shape[0]).map { f in
                Tensor(shape: shape, scalars: Array(trace.output.scalars[(f * size)..<((f + 1) * size)]))
            }
            stack(output, actual, name: "z")
        }
        func counts(_ values: [Int]?, _ actual: [Int], name: String) {
            guard let values else { return }
            for (i, (s, a)) in zip(values, actual).enumerated() where s != a {
                mismatches.append(Mismatch(subject: "\(name) parameters of layer \(i + 1)", stated: "\(s)", recomputed: "\(a)"))
            }
            if values.count != actual.count {
                mismatches.append(Mismatch(subject: "\(name) layers", stated: "\(values.count)", recomputed: "\(actual.count)"))
            }
        }
        counts(stated.standard, model.rows.map(\.standard.total), name: "Conv2D")
        counts(stated.separable, model.rows.map(\.separable.total), name: "SeparableConv2D")
        if let total = stated.standardTotal, total != model.standardTotal {
            mismatches.append(Mismatch(subject: "Conv2D model total", stated: "\(total)", recomputed: "\(model.standardTotal)"))
        }
        if let total = stated.separableTotal, total != model.separableTotal {
            mismatches.append(Mismatch(subject: "SeparableConv2D model total", stated: "\(total)", recomputed: "\(model.separableTotal)"))
        }
        return mismatches
    }

    /// `8,586`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0, i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func describe(_ trace: SeparableConvolutionTrace, _ model: ParameterComparison, heading: LessonHeading, same: [SamePadding]? = nil,
                         stated: Stated, mismatches: [Mismatch]) -> String {
        var lines: [String] = []
        let channels = trace.input.shape[0], filters = trace.pointwiseWeights.shape[0]
        lines += heading.lines
        lines.append("Operation: depthwise separable convolution (Keras SeparableConv2D with depth multiplier 1; PyTorch Conv2d(groups = C_in) then a 1×1 Conv2d), cross-correlation as every slide computes it.")
        lines.append("")
        lines.append("input: \(channels) \(Counted.noun(channels, "channel")) of \(Notation.shape(Array(trace.input.shape.dropFirst()))):")
        let size = trace.input.shape[1] * trace.input.shape[2]
        for c in 0..<channels {
            lines.append("channel \(c + 1):")
            lines.append(Notation.matrix(Tensor(shape: Array(trace.input.shape.dropFirst()), scalars: Array(trace.input.scalars[(c * size)..<((c + 1) * size)]))))
        }
        let first = trace.depthwise[0]
        lines.append("")
        lines.append("Step 1, depthwise: channel c is cross-correlated with its own kernel D_c; channels are not mixed and there is no bias (padding \(first.paddingText), stride \(first.stride)).")
        if let same { lines += SamePadding.lines(same) }
        for (c, depth) in trace.depthwise.enumerated() {
            lines.append("channel \(c + 1) with D\(c + 1):")
            lines.append(Notation.matrix(depth.kernel))
            for step in depth.steps {
                lines.append("  h[\(c + 1),\(step.row + 1),\(step.column + 1)] = " + step.sumTextWithoutZeroBias)
            }
        }
        lines.append("depthwise output h (\(channels) × \(Notation.shape(first.output.shape))):")
        for (c, depth) in trace.depthwise.enumerated() {
            lines.append("h channel \(c + 1):")
            lines.append(Notation.matrix(depth.output))
        }
        lines.append("")
        lines.append("Step 2, pointwise: a 1×1 convolution mixes the channels; filter f has one weight P[f,c] per channel and one bias b_f.")
        lines.append("P (\(filters) filters × \(channels) channels):")
        lines.append(Notation.matrix(trace.pointwiseWeights))
        lines.append("b = (" + trace.biases.map { Notation.number($0) }.joined(separator: ", ") + ")")
        for step in trace.pointwise {
            lines.append("  \(step.label) = " + step.sumText)
        }
        let outputShape = Array(trace.output.shape.dropFirst()), outSize = outputShape.reduce(1, *)
        lines.append("output z (\(filters) × \(Notation.shape(outputShape))):")
        for f in 0..<filters {
            lines.append("z filter \(f + 1):")
            lines.append(Notation.matrix(Tensor(shape: outputShape, scalars: Array(trace.output.scalars[(f * outSize)..<((f + 1) * outSize)]))))
        }
        lines.append("")
        lines.append("Parameters of this layer (C_in = \(channels), k = \(Notation.shape(first.kernel.shape)), K = \(filters)):")
        lines.append("  Conv2D, every filter sees every channel:  \(trace.standardParameters.formula) = \(trace.standardParameters.filledIn)")
        lines.append("  SeparableConv2D, depthwise + pointwise:    \(trace.parameters.formula) = \(trace.parameters.filledIn)")
        lines.append("  The same output comes from a Conv2D whose filter f has kernel P[f,c]·D_c on channel c: a rank-one choice of its \(channels)·\(first.kernel.count) weights per filter.")
        lines.append("")
        lines.append("The notes' Keras models on a \(Notation.shape(model.inputShape)) input (padding \"valid\"):")
        let header = ["layer", "output shape", "Conv2D", "SeparableConv2D"]
        var table: [[String]] = [header]
        for row in model.rows {
            let isConv = !row.outputSizes.isEmpty
            let name = isConv ? "[Separable]Conv2D(\(row.layer))" : row.layer
            table.append([name, "(None, " + row.outputShape.map(String.init).joined(separator: ", ") + ")",
                          grouped(row.standard.total), grouped(row.separable.total)])
        }
        table.append(["total", "", grouped(model.standardTotal), grouped(model.separableTotal)])
        let widths = (0..<4).map { c in table.map { $0[c].count }.max() ?? 0 }
        for row in table {
            lines.append("  " + row.enumerated().map { c, cell in
                c < 2 ? cell + String(repeating: " ", count: widths[c] - cell.count)
                      : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "   "))
        }
        lines.append("Each count written out:")
        for row in model.rows {
            if let size = row.outputSizes.first {
                lines.append("  [Separable]Conv2D(\(row.layer)): output \(size.filledIn) per side, \(row.outputShape[2]) filters")
                lines.append("    Conv2D:          \(row.standard.formula) = \(row.standard.filledIn)")
                lines.append("    SeparableConv2D: \(row.separable.formula) = \(row.separable.filledIn)")
            } else {
                lines.append("  \(row.layer): \(row.standard.formula) = \(row.standard.filledIn)")
            }
        }
        let ratio = Double(model.separableTotal) / Double(model.standardTotal)
        lines.append("The separable model has \(grouped(model.separableTotal)) parameters, \(Notation.number(100 * ratio, decimals: 1))% of \(grouped(model.standardTotal)).")
        lines += LessonChecks.lines(mismatches, stated: stated.count == 0 ? []
                                    : ["\(stated.count) stated \(Counted.noun(stated.count, "group")) of values (outputs and parameter counts)"])
        return lines.joined(separator: "\n")
    }
}

import Foundation
import LessonCore
import LessonFigures

/// `lesson run conv-channels`: a convolutional layer over a multi-channel input.
///
/// Lesson file keys: `input` (a list of channel matrices), `filters` (a list of filters, each
/// a list of one matrix per input channel), `biases` (one per filter), `padding`, `stride`,
/// `dilation`, and `expected` with `output` (one matrix per filter) and `parameters`.
public enum ConvChannelsLesson: Lesson {
    public static let id = "conv-channels"

    /// The parameters of one run.
    public struct Example: Equatable, LessonExample {
        /// C_in × H × W.
        public var input: Tensor
        /// K filters, each C_in × k × k.
        public var filters: [Tensor]
        public var biases: [Double]
        public var padding = Pair2(0)
        public var stride = Pair2(1)
        public var dilation = Pair2(1)
        /// The zeros at the bottom and right beyond `padding` (Keras's "same" with an odd total).
        public var extraPadding = Pair2(0)
        /// How `--padding same` chose the padding, rows then columns; nil for a padding given as numbers.
        public var samePadding: [SamePadding]?
        /// The output (K × H_out × W_out) and parameter count the lesson file states, if any.
        public var statedOutput: Tensor?
        public var statedParameters: Int?

        /// Parameters with the defaults: no padding, stride and dilation 1.
        public init(input: Tensor, filters: [Tensor], biases: [Double]) {
            self.input = input
            self.filters = filters
            self.biases = biases
        }

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["input", "filters", "biases", "padding", "stride", "dilation"])
            input = try Self.stack(try variant.require("input", expected: "a list of channel matrices"), what: "input channel")
            let filterValue = try variant.require("filters", expected: "a list of filters, each a list of one matrix per channel")
            filters = try filterValue.items().map { try Self.stack($0, what: "filter channel") }
            biases = try variant.require("biases", expected: "one bias per filter, such as [1, 0]").vector()
            (padding, stride, dilation) = try variant.windowSettings()
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["output", "parameters"])
                if let output = expected["output"] { statedOutput = try Self.stack(output, what: "output channel") }
                statedParameters = try expected["parameters"]?.int()
            }
        }

        /// Reads a list of equal-sized matrices as a C × H × W tensor.
        static func stack(_ value: YAMLValue, what: String) throws -> Tensor {
            let items = try value.items()
            guard !items.isEmpty else { throw value.error("expected a list of matrices, one per channel; the list is empty") }
            let matrices = try items.map { try $0.matrix() }
            for (c, (matrix, item)) in zip(matrices, items).enumerated() where matrix.shape != matrices[0].shape {
                throw item.error("\(what) \(c + 1) is \(Notation.shape(matrix.shape)) but \(what) 1 is \(Notation.shape(matrices[0].shape)); channels must have the same size")
            }
            return MultiChannelConv2D.stack(matrices)
        }

        /// The layer these parameters describe.
        public var layer: MultiChannelConv2D {
            MultiChannelConv2D(filters: filters, biases: biases, padding: padding, stride: stride, dilation: dilation,
                               extraPadding: extraPadding)
        }

        /// Pads as Keras and TensorFlow do for `padding="same"` (see `SamePadding`).
        mutating func padSame() {
            guard input.rank == 3, let filter = filters.first, filter.rank == 3 else { return }
            let rule = SamePadding.rowsAndColumns(input: input.shape, kernel: filter.shape, stride: stride, dilation: dilation)
            (padding, extraPadding) = SamePadding.pads(rule)
            samePadding = rule
        }
    }


    /// Runs `example` and builds the text, JSON payload, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let trace = try example.layer.forward(example.input)
        var mismatches: [Mismatch] = []
        if let stated = example.statedOutput {
            if stated.shape != trace.output.shape {
                mismatches.append(Mismatch(subject: "output shape", stated: Notation.shape(stated.shape),
                                           recomputed: Notation.shape(trace.output.shape)))
            } else {
                for f in 0..<stated.shape[0] {
                    mismatches += compareMatrices(stated: stated.channel(f), recomputed: trace.outputChannel(f),
                                                  name: "z[\(f + 1)]") { r, c in
                        ["recomputed: " + trace.step(filter: f, row: r, column: c).text]
                    }
                }
            }
        }
        if let stated = example.statedParameters, stated != trace.parameters.total {
            mismatches.append(Mismatch(subject: "parameter count", stated: "\(stated)", recomputed: "\(trace.parameters.total)",
                                       details: [ConvolutionParameterCount.formula + " = " + trace.parameters.filledIn]))
        }
        var lines = heading.lines
        lines.append("Operation: cross-correlation per channel, summed over the channels, plus one bias per filter.")
        lines += describe(trace, samePadding: example.samePadding)
        var checked: [String] = []
        if let output = example.statedOutput { checked.append("the stated output (\(output.count) cells)") }
        if let parameters = example.statedParameters { checked.append("the parameter count \(parameters)") }
        lines += LessonChecks.lines(mismatches, stated: checked)
        let figures = [ConvChannelsFigures.stack(trace)] + ConvChannelsFigures.frames(trace)
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: trace,
                            figures: figures, mismatches: mismatches)
    }

    /// The step-by-step text of a trace.
    static func describe(_ trace: MultiChannelConvolutionTrace, samePadding: [SamePadding]? = nil) -> [String] {
        let channels = trace.input.shape[0], k = trace.filters[0].shape
        var lines: [String] = [""]
        lines.append("input (\(Notation.shape(trace.input.shape)), C_in × H × W):")
        for c in 0..<channels {
            lines.append(" channel \(c + 1):")
            lines.append(Notation.matrix(trace.input.channel(c), indent: "  "))
        }
        for (f, filter) in trace.filters.enumerated() {
            lines.append("filter \(f + 1) (\(Notation.shape(filter.shape))), bias b\(Notation.subscriptDigits(f + 1)) = \(Notation.number(trace.biases[f])):")
            for c in 0..<channels {
                lines.append(" slice \(c + 1), for input channel \(c + 1):")
                lines.append(Notation.matrix(filter.channel(c), indent: "  "))
            }
        }
        lines.append("padding \(trace.channelTraces[0][0].paddingText), stride \(trace.stride), dilation \(trace.dilation)")
        lines.append("")
        lines.append("Step by step (output z[filter][row,column], 1-based; each channel's window in padded coordinates):")
        for step in trace.steps {
            let channelTrace = trace.channelTraces[step.filter][0]
            let window = channelTrace.step(row: step.row, column: step.column)
            lines.append("\(step.label): filter \(step.filter + 1) on padded rows \(Notation.span(window.windowRows)), columns \(Notation.span(window.windowColumns)) of every channel")
            for c in 0..<channels {
                let s = trace.channelTraces[step.filter][c].step(row: step.row, column: step.column)
                let products = Notation.sumOfProducts(s.terms.map { ($0.input, $0.weight) }, bias: nil, result: s.value)
                lines.append("  channel \(c + 1): \(products)")
            }
            lines.append("  \(step.label) = channel sums + b\(Notation.subscriptDigits(step.filter + 1)) = \(step.sumText)")
        }
        lines.append("")
        lines.append("output (\(Notation.shape(trace.output.shape)), K × H_out × W_out; one map per filter):")
        for f in 0..<trace.output.shape[0] {
            lines.append(" map \(f + 1):")
            lines.append(Notation.matrix(trace.outputChannel(f), indent: "  "))
        }
        lines.append("")
        let sizes = trace.outputSizes
        if let samePadding { lines += SamePadding.lines(samePadding) }
        lines.append("Output size: \(OutputSize.formula); C_out = K = \(trace.filters.count)")
        if sizes[0].input == sizes[1].input && sizes[0].kernel == sizes[1].kernel && sizes[0].padding == sizes[1].padding
            && sizes[0].extraPadding == sizes[1].extraPadding && sizes[0].stride == sizes[1].stride && sizes[0].dilation == sizes[1].dilation {
            lines.append("  rows and columns: " + sizes[0].filledIn)
        } else {
            lines.append("  rows:    " + sizes[0].filledIn)
            lines.append("  columns: " + sizes[1].filledIn)
        }
        let p = trace.parameters
        lines.append("")
        lines.append("Parameters: \(ConvolutionParameterCount.formula) = \(p.filledIn)")
        lines.append("  \(p.weightsPerFilter) weights per filter (C_in·k·k = \(p.inputChannels)·\(p.kernelRows)·\(p.kernelColumns)), \(p.weights) weights and \(p.biases) \(Counted.noun(p.biases, "bias", plural: "biases")) in all")
        lines.append("  PyTorch Conv2d(\(p.inputChannels), \(p.filters), kernel_size=\(k[1] == k[2] ? "\(k[1])" : "(\(k[1]), \(k[2]))")): weight \(p.filters)×\(p.inputChannels)×\(k[1])×\(k[2]), bias \(p.filters)")
        return lines
    }
}

import Foundation
import LessonCore
import LessonFigures

/// `lesson run conv1d`: a kernel slid along a signal, each output written out.
///
/// Lesson file keys: `input`, `kernel` (lists of numbers, `"1 -2 1"` or `[1, -2, 1]`),
/// `bias`, `padding`, `stride`, `dilation` (whole numbers), `mode` (`cross-correlation` or
/// `convolution`), and `expected` with an `output` list and `sums`, worked sums as the notes
/// write them, weight first (`z2: "1×4 + (−2)×1 + 1×1 = 3"`).
public enum Conv1DLesson: Lesson {
    public static let id = "conv1d"

    /// The parameters of one run.
    public struct Example: Equatable, LessonExample {
        public var input: [Double]
        public var kernel: [Double]
        public var bias: Double = 0
        public var padding = 0
        public var stride = 1
        public var dilation = 1
        public var mode = ConvolutionMode.crossCorrelation
        /// The zeros at the right end beyond `padding` (Keras's "same" with an odd total).
        public var extraPadding = 0
        /// How `--padding same` chose the padding; nil for a padding given as a number.
        public var samePadding: SamePadding?
        /// Whether `--padding causal` chose the padding: d(k − 1) zeros before the signal, none after.
        public var causalPadding = false
        /// The outputs the lesson file states, if any.
        public var statedOutput: [Double]?
        /// Worked sums the lesson file states, by output name (2 for z₂).
        public var statedSums: [(name: Int, sum: StatedSum)] = []

        /// Parameters with the defaults: no bias, no padding, stride and dilation 1.
        public init(input: [Double], kernel: [Double]) {
            self.input = input
            self.kernel = kernel
        }

        public static func == (a: Example, b: Example) -> Bool {
            a.input == b.input && a.kernel == b.kernel && a.bias == b.bias && a.padding == b.padding
                && a.stride == b.stride && a.dilation == b.dilation && a.mode == b.mode && a.extraPadding == b.extraPadding
                && a.samePadding == b.samePadding && a.causalPadding == b.causalPadding && a.statedOutput == b.statedOutput
                && a.statedSums.map(\.name) == b.statedSums.map(\.name) && a.statedSums.map(\.sum) == b.statedSums.map(\.sum)
        }

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["input", "kernel", "bias", "padding", "stride", "dilation", "mode"])
            input = try variant.require("input", expected: "the signal, such as \"4 1 1 2\"").vector()
            kernel = try variant.require("kernel", expected: "the kernel, such as \"1 -2 1\"").vector()
            bias = try variant["bias"]?.double() ?? 0
            padding = try variant["padding"]?.int(in: 0...OutputSize.largestSetting) ?? 0
            stride = try variant["stride"]?.int(in: 1...OutputSize.largestSize) ?? 1
            dilation = try variant["dilation"]?.int(in: 1...OutputSize.largestSetting) ?? 1
            if let value = variant["mode"] { mode = try value.choice("mode", expected: "cross-correlation or convolution") }
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["output", "sums"])
                statedOutput = try expected["output"]?.vector()
                for (key, value) in try expected["sums"]?.entries() ?? [] {
                    guard let name = Notation.parseSubscriptName(key) else {
                        throw value.error("'\(key)' is not an output name; write it as z2 or z₂")
                    }
                    do {
                        statedSums.append((name: name, sum: try StatedSum.parse(try value.string())))
                    } catch let error as InputError where !error.isLocated {
                        throw value.error(error.message)
                    }
                }
            }
        }

        /// The operation these parameters describe.
        public var operation: Conv1D {
            Conv1D(kernel: kernel, bias: bias, padding: padding, stride: stride, dilation: dilation, mode: mode,
                   extraPadding: extraPadding)
        }

        /// Pads as Keras and TensorFlow do for `padding="same"` (see `SamePadding`): the extra
        /// zero of an odd total goes to the right end.
        mutating func padSame() {
            let rule = SamePadding(axis: "length", input: input.count, kernel: kernel.count, stride: stride, dilation: dilation)
            (padding, extraPadding, samePadding) = (rule.before, rule.after - rule.before, rule)
        }

        /// Pads as Keras's `Conv1D(padding="causal")`: d(k − 1) zeros before the signal and none
        /// after, so output t reads the signal up to x_t and nothing later, and o = ⌊(n − 1)/s⌋ + 1.
        mutating func padCausal() {
            let before = dilation * (kernel.count - 1)
            (padding, extraPadding, samePadding, causalPadding) = (before, -before, nil, true)
        }
    }


    /// Runs `example` and builds the text, JSON payload, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let trace = try example.operation.forward(example.input)
        let mismatches = trace.check(statedOutput: example.statedOutput, statedSums: example.statedSums)
        let figures = Conv1DFigures.frames(trace) + [Conv1DFigures.overview(trace)]
        var lines = heading.lines
        lines.append("Operation: \(trace.mode.explanation).")
        lines.append("")
        lines += describe(trace, samePadding: example.samePadding, causal: example.causalPadding)
        var checked: [String] = []
        if let output = example.statedOutput { checked.append("the stated output (\(output.count) values)") }
        if !example.statedSums.isEmpty { checked.append("\(example.statedSums.count) worked \(Counted.noun(example.statedSums.count, "sum"))") }
        lines += LessonChecks.lines(mismatches, stated: checked)
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: trace,
                            figures: figures, mismatches: mismatches)
    }

    /// The step-by-step text of a trace.
    static func describe(_ trace: Conv1DTrace, samePadding: SamePadding? = nil, causal: Bool = false) -> [String] {
        let isPadded = trace.padding > 0 || trace.extraPadding != nil
        let signal = isPadded ? "x̃" : "x"
        var lines: [String] = []
        lines.append("x (length \(trace.input.count)): " + vector(trace.input))
        if isPadded {
            lines.append("x̃, \(trace.paddedDescription) (length \(trace.paddedInput.count)): " + vector(trace.paddedInput))
        }
        let names = trace.weightNames
        let k = trace.kernel.count
        lines.append("w (length \(k)): " + zip(names, trace.kernel).map { "\($0) = \(Notation.number($1))" }.joined(separator: ", "))
        if trace.mode == .convolution {
            lines.append("w reversed, as laid on each window: " + vector(trace.appliedKernel))
        }
        // Tap u of the applied kernel is weight u as printed, or weight k − 1 − u when reversed.
        let nameOfTap = { (u: Int) in names[trace.mode == .convolution ? k - 1 - u : u] }
        lines.append("bias \(Notation.number(trace.bias)), padding \(trace.paddingText), stride \(trace.stride), dilation \(trace.dilation)")
        if trace.namedByCentre {
            lines.append("Each output is named after the input position under the kernel's centre, as the notes do (z_i sits over x_i).")
        } else {
            lines.append("Outputs are numbered 1, 2, … in order (the kernel's centre is not always on an input position).")
        }
        lines.append("")
        lines.append("Step by step (positions 1-based in \(signal)):")
        for step in trace.steps {
            let symbolic = step.terms.map { nameOfTap($0.kernelIndex) + "·" + signal + Notation.subscriptDigits($0.paddedPosition + 1) }
            let padded = step.terms.filter(\.isPadding).count
            let note = padded == 0 ? "" : " (\(padded) padding \(Counted.noun(padded, "zero")))"
            lines.append("\(step.label): window \(signal)\(Notation.subscriptDigits(step.window.lowerBound + 1))…\(signal)\(Notation.subscriptDigits(step.window.upperBound + 1))\(note)")
            lines.append("  \(step.label) = " + symbolic.joined(separator: " + ") + (step.bias == 0 ? "" : " + b"))
            lines.append("  " + String(repeating: " ", count: step.label.count) + " = " + step.sumText)
        }
        lines.append("")
        let first = trace.steps.first?.label ?? "z", last = trace.steps.last?.label ?? "z"
        lines.append("output (length \(trace.output.count)), \(first) … \(last): " + vector(trace.output))
        lines.append("")
        if let samePadding { lines += SamePadding.lines([samePadding]) }
        if causal {
            let d = trace.dilation == 1 ? "" : "\(trace.dilation)·"
            lines.append("padding causal (Keras's Conv1D): d(k − 1) = \(d)(\(k) − 1) = \(trace.padding) zeros before the signal, none after, "
                         + "so each output reads the signal up to its own position and nothing later.")
        }
        lines.append("Output length: \(OutputSize.formula)")
        lines.append("  " + trace.outputSize.filledIn)
        return lines
    }

    private static func vector(_ values: [Double]) -> String {
        "(" + values.map { Notation.number($0) }.joined(separator: ", ") + ")"
    }
}

import Foundation
import LessonCore
import LessonFigures

/// `lesson run conv2d-backward`: the gradients of a convolution, every sum written out.
///
/// Lesson file keys: those of `conv2d` (input, kernel, bias, padding, stride, dilation, mode)
/// plus `upstream`, the gradient ∂L/∂z of the output; `expected` may state `grad_bias`,
/// `grad_kernel` and `grad_input`.
public enum Conv2DBackwardLesson: Lesson {
    public static let id = "conv2d-backward"

    /// The parameters of one run.
    public struct Example: LessonExample {
        /// The forward convolution's parameters (its own `expected` is not used here).
        public var forward: Conv2DLesson.Example
        /// ∂L/∂z; nil means all ones (the gradient of L = Σ z).
        public var upstream: Tensor?
        public var statedGradBias: Double?
        public var statedGradKernel: Tensor?
        public var statedGradInput: Tensor?

        public init(forward: Conv2DLesson.Example, upstream: Tensor?) {
            self.forward = forward
            self.upstream = upstream
        }

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            forward = try Conv2DLesson.Example(variant, extraKeys: ["upstream"], readsExpected: false)
            upstream = try variant["upstream"]?.matrix()
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["grad_bias", "grad_kernel", "grad_input"])
                statedGradBias = try expected["grad_bias"]?.double()
                statedGradKernel = try expected["grad_kernel"]?.matrix()
                statedGradInput = try expected["grad_input"]?.matrix()
            }
        }
    }


    /// Runs forward then backward and builds text, JSON, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let operation = example.forward.operation
        let forward = try operation.forward(example.forward.input)
        let upstream = example.upstream ?? Tensor(shape: forward.output.shape, repeating: 1)
        let trace = try operation.backward(forward, upstream: upstream)
        var mismatches: [Mismatch] = []
        if let stated = example.statedGradBias, !agree(stated, trace.gradBias) {
            mismatches.append(Mismatch(subject: "∂L/∂b", stated: Notation.number(stated), recomputed: Notation.number(trace.gradBias)))
        }
        if let stated = example.statedGradKernel {
            mismatches += compareMatrices(stated: stated, recomputed: trace.gradKernel, name: "∂L/∂w")
        }
        if let stated = example.statedGradInput {
            mismatches += compareMatrices(stated: stated, recomputed: trace.gradInput, name: "∂L/∂x")
        }
        let text = describe(trace, heading: heading, samePadding: example.forward.samePadding,
                            defaultUpstream: example.upstream == nil, mismatches: mismatches,
                            checked: example.statedGradBias != nil || example.statedGradKernel != nil || example.statedGradInput != nil)
        return LessonOutput(lesson: id, variant: heading.variant, text: text, payload: Payload(trace),
                            figures: ConvolutionBackwardFigures.figures(trace), mismatches: mismatches)
    }

    /// The JSON: the gradients at the top level, next to the steps.
    struct Payload: Encodable {
        let trace: ConvolutionBackwardTrace

        init(_ trace: ConvolutionBackwardTrace) { self.trace = trace }

        /// The input steps of the cells of the input only (not of its padding).
        func encode(to encoder: Encoder) throws {
            let p = trace.forward.padding, n = trace.forward.input.shape
            let inputSteps = trace.inputSteps.filter {
                (p.rows..<(p.rows + n[0])).contains($0.row) && (p.columns..<(p.columns + n[1])).contains($0.column)
            }
            try encoder.encodeFields([
                "output": trace.forward.output, "upstream": trace.upstream, "gradBias": trace.gradBias,
                "gradKernel": trace.gradKernel, "gradInput": trace.gradInput, "dilatedUpstream": trace.dilatedUpstream,
                "kernelSteps": trace.kernelSteps, "inputSteps": inputSteps, "forward": trace.forward])
        }
    }

    /// The text of a backward trace; `samePadding` is how `--padding same` chose the padding, as conv2d prints it.
    static func describe(_ trace: ConvolutionBackwardTrace, heading: LessonHeading, samePadding: [SamePadding]? = nil,
                         defaultUpstream: Bool, mismatches: [Mismatch], checked: Bool) -> String {
        let f = trace.forward
        var lines = heading.lines
        lines.append("Forward: \(f.mode.explanation); padding \(f.paddingText), stride \(f.stride), dilation \(f.dilation), bias \(Notation.number(f.bias)).")
        if let samePadding { lines += SamePadding.lines(samePadding) }
        lines.append("")
        lines += LessonText.matrix("input x", f.input)
        lines += LessonText.matrix("kernel w", f.kernel)
        lines += LessonText.matrix("output z", f.output)
        lines.append("upstream gradient ∂L/∂z (\(Notation.shape(trace.upstream.shape)))\(defaultUpstream ? ", all ones: the gradient of L = Σ z" : ""):")
        lines.append(Notation.matrix(trace.upstream))
        lines.append("")
        lines.append("Bias: every output cell adds b once, so ∂L/∂b = Σ ∂L/∂z")
        lines.append("  ∂L/∂b = " + trace.upstream.scalars.map { Notation.factor($0) }.joined(separator: " + ") + " = " + Notation.number(trace.gradBias))
        lines.append("")
        lines.append("Kernel: ∂L/∂w[u,v] = Σ over output cells of ∂L/∂z[i,j] × the input cell that met w[u,v] in window (i,j);")
        lines.append("the input correlated with the upstream gradient" + (f.stride == Pair2(1) ? "." : " dilated by the stride (zeros between its entries):"))
        if f.stride != Pair2(1) { lines.append(Notation.matrix(trace.dilatedUpstream)) }
        if f.mode == .convolution { lines.append("(indices of the kernel as laid on the windows, i.e. rotated by 180°; the gradient of the printed kernel is rotated back)") }
        for step in trace.kernelSteps { lines.append("  " + step.text) }
        lines.append("∂L/∂w:")
        lines.append(Notation.matrix(trace.gradKernel))
        lines.append("")
        lines.append("Input: ∂L/∂x[r,c] = Σ over the windows that read x[r,c] of ∂L/∂z[i,j] × the weight that met it;")
        lines.append("the full convolution of the upstream gradient with the kernel rotated by 180° (the transposed convolution)" + (f.isPadded ? ", padding cropped." : "."))
        let p = f.padding, n = f.input.shape
        for step in trace.inputSteps where (p.rows..<(p.rows + n[0])).contains(step.row) && (p.columns..<(p.columns + n[1])).contains(step.column) {
            lines.append("  " + step.text)
        }
        lines.append("∂L/∂x:")
        lines.append(Notation.matrix(trace.gradInput))
        lines += LessonChecks.lines(mismatches, stated: checked ? ["the stated gradients"] : [])
        return lines.joined(separator: "\n")
    }
}

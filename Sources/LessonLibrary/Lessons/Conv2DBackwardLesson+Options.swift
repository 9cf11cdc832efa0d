import ArgumentParser
import LessonCore

extension Conv2DBackwardLesson {
    public static let abstract = "Backpropagate through a convolution: ∂L/∂b, every ∂L/∂w and every ∂L/∂x written out."
    public static let discussion = """
        Takes the options of 'lesson run conv2d' plus --grad, the upstream gradient ∂L/∂z \
        (the shape of the output; default: the lesson file's, or all ones for your own input).
        """
    public static let customTitle: String? = "2D convolution backward"

    /// The convolution's options and the upstream gradient.
    public struct Options: LessonOptions {
        @OptionGroup var convolution: Conv2DLesson.Options
        @Option(parsing: .unconditional, help: ArgumentHelp("The upstream gradient ∂L/∂z, the shape of the output, or @file.", valueName: "matrix")) var grad: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changed = try convolution.apply(to: &example.forward)
            if changed && grad == nil { example.upstream = nil }
            if let grad { example.upstream = try MatrixArgument.parse(grad, option: "--grad"); changed = true }
            if changed {
                example.statedGradBias = nil
                example.statedGradKernel = nil
                example.statedGradInput = nil
            }
            return changed
        }
    }
}

import ArgumentParser

/// `lesson run <lesson>`: one subcommand per lesson, each with its own options.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Trace a lesson's worked example step by step and draw its figures.",
        discussion: "Run 'lesson list' to see the lessons, and 'lesson run <lesson> --help' for a lesson's options.",
        subcommands: [
            RunConv2D.self,
            RunConv2DBackward.self,
            RunPooling.self,
            RunConv1D.self,
            RunConv2DModes.self,
            RunConvArithmetic.self,
            RunConvChannels.self,
            RunMLP.self,
            RunBackprop.self,
            RunPerceptron.self,
            RunAutodiff.self,
            RunActivations.self,
            RunConvMatrix.self,
            RunConvTranspose.self,
            RunSeparable.self,
            RunImageFilters.self,
            RunCNN.self,
            RunParamCount.self,
            RunGradientDescent.self,
            RunOptimizers.self,
        ]
    )
}

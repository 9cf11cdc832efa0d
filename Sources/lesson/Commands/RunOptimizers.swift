import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run optimizers`: torch.optim's optimizers on a 2-D loss surface.
struct RunOptimizers: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimizers",
        abstract: "SGD, momentum, Nesterov, RMSProp and Adam (torch.optim's formulas) on a 2-D loss surface, step by step.",
        discussion: """
            --surface takes bowl, valley, rosenbrock, saddle or an expression in x and y, such as \
            --surface "x^2 + 10*y^2"; --optimizer takes one name or a comma list (sgd,momentum,nesterov,rmsprop,adam).
            """
    )

    @Option(help: ArgumentHelp("bowl, valley, rosenbrock, saddle, or an expression in x and y.", valueName: "surface")) var surface: String?
    @Option(help: ArgumentHelp("One optimizer or a comma list: sgd, momentum, nesterov, rmsprop, adam.", valueName: "names")) var optimizer: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The learning rate α of every optimizer.", valueName: "α")) var learningRate: Double?
    @Option(help: "The number of steps.") var steps: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("The start point, such as -4,1.5.", valueName: "X,Y")) var start: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(OptimizersLesson.id)
            let variant = try file.variant(options.variant)
            var values = OptimizersLesson.Options()
            (values.surface, values.optimizer, values.learningRate, values.steps, values.start) = (surface, optimizer, learningRate, steps, start)
            let example = try values.apply(to: try OptimizersLesson.Example(variant))
            let changed = values.changesExample
            let output = try OptimizersLesson.run(example, title: changed ? "Optimizers on a loss surface" : file.title,
                                                  source: changed ? nil : file.source, variant: changed ? "custom" : variant.name,
                                                  description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}

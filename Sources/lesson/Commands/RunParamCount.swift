import ArgumentParser
import Foundation
import LessonCore
import LessonLibrary

/// `lesson run param-count`: the notes' Conv2D stack, or any model.
struct RunParamCount: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "param-count",
        abstract: "Count a Keras model's parameters layer by layer, each count written as a formula.",
        discussion: """
            Without options, counts the Conv2D stack of the notes (seeds/002) and checks the numbers \
            the lesson file states. A model is written as words, e.g. \
            --model "input(28,28,1) conv2d(8,7,stride=2) conv2d(16,5,stride=2) conv2d(32,3) global_avg_pool dense(10)". \
            Words: input(h,w,c) input(n) input(steps,features) dense(units) \
            conv1d(filters,k,…) conv2d(filters,k,stride=,padding=valid|same,dilation=,use_bias=) \
            separable_conv2d(…) depthwise_conv2d(k,…,depth_multiplier=) max_pool(size,stride=) avg_pool(…) \
            max_pool1d avg_pool1d global_avg_pool global_max_pool flatten dropout(rate) batch_norm \
            simple_rnn(units) lstm(units). --model-file reads a YAML file with a 'model' key.
            """
    )

    @Option(help: ArgumentHelp("The model as words, such as \"input(784) dense(100) dense(10)\".", valueName: "words"))
    var model: String?

    @Option(help: ArgumentHelp("A YAML file whose 'model' key holds the model.", valueName: "file"))
    var modelFile: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(ParamCountLesson.id)
            let variant = try file.variant(options.variant)
            var example = try ParamCountLesson.Example(variant)
            var changed = false
            if model != nil, modelFile != nil { throw InputError("give either --model or --model-file, not both") }
            if let model { example = ParamCountLesson.Example(model: model); changed = true }
            if let modelFile {
                example = ParamCountLesson.Example(model: try ParamCountLesson.Example.load(URL(fileURLWithPath: modelFile), displayName: modelFile))
                changed = true
            }
            let output = try ParamCountLesson.run(example, title: changed ? "Counting parameters" : file.title,
                                                  source: changed ? nil : file.source,
                                                  variant: changed ? "custom" : variant.name,
                                                  description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}

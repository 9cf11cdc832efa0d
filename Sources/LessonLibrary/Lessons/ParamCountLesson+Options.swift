import ArgumentParser
import Foundation
import LessonCore

extension ParamCountLesson {
    public static let abstract = "Count a Keras model's parameters layer by layer, each count written as a formula."
    public static let discussion = """
        Without options, counts the Conv2D stack of the notes (seeds/002) and checks the numbers \
        the lesson file states. A model is written as words, e.g. \
        --model "input(28,28,1) conv2d(8,7,stride=2) conv2d(16,5,stride=2) conv2d(32,3) global_avg_pool dense(10)". \
        Words: input(h,w,c) input(n) input(steps,features) dense(units) \
        conv1d(filters,k,…,padding=valid|same|causal) conv2d(filters,k,stride=,padding=valid|same,dilation=,use_bias=) \
        separable_conv2d(…) depthwise_conv2d(k,…,depth_multiplier=) max_pool(size,stride=) avg_pool(…) \
        max_pool1d avg_pool1d global_avg_pool global_max_pool flatten dropout(rate) batch_norm \
        simple_rnn(units) lstm(units). A 2-D kernel, stride, dilation or pool size is one number or one per \
        axis, as Keras takes them: conv2d(8,(3,5),strides=(2,1)). --model-file reads a YAML file with a 'model' key.
        """
    public static let customTitle: String? = "Counting parameters"

    /// A model as words or in a file.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The model as words, such as \"input(784) dense(100) dense(10)\".", valueName: "words")) var model: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("A YAML file whose 'model' key holds the model.", valueName: "file")) var modelFile: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            if model != nil, modelFile != nil { throw InputError("give either --model or --model-file, not both") }
            if let model { example = Example(model: model); return true }
            if let modelFile {
                example = Example(model: try Example.load(URL(fileURLWithPath: modelFile), displayName: modelFile))
                return true
            }
            return false
        }
    }
}

import LessonCore

/// Reads the training lessons' option values (`--start -4,1.5`, `--x "1 2 3 4"`) with the
/// lesson's sentences, so the command line stays a few lines.
enum TrainingOptionValues {
    /// A learning rate above 0, or the lesson's sentence naming the option.
    static func learningRate(_ value: Double) throws -> Double {
        do {
            try OptimizerSettings.checkLearningRate(value)
        } catch let error as InputError {
            throw InputError("--learning-rate: \(error.message)")
        }
        return value
    }
}

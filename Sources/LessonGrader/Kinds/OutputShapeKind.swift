import LessonCore

/// `output-shape`: the output shape of one layer of a Keras model (height × width × channels).
///
/// Keys: `model`, `layer` (1-based after the input; default the last). Mistakes recognised:
/// each size-formula mistake, and transposed shapes (channels first, or the axes reversed).
public enum OutputShapeKind: QuestionKind {
    public static let name = "output-shape"
    public static let summary = "the output shape of a layer of a Keras model"
    public static let keys = ["model", "layer"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let (text, model) = try ModelQuestion.model(parameters)
        let summary = try ModelQuestion.summary(model, parameters)
        let index = try parameters.int("layer", default: summary.layers.count)
        guard (1...max(1, summary.layers.count)).contains(index), !summary.layers.isEmpty else {
            throw parameters.error("layer", "the model has layers 1 to \(summary.layers.count) after the input, got \(index)")
        }
        let row = summary.layers[index - 1]
        var working = summary.layers.prefix(index).enumerated().map { i, r in
            "layer \(i + 1), \(r.type) \(r.word): \(Notation.shape(r.inputShape)) → \(Notation.shape(r.outputShape))"
                + (r.shapeArithmetic.isEmpty ? "" : " (" + r.shapeArithmetic.joined(separator: "; ") + ")")
        }
        working.append("shapes are height×width×channels, channels last, as in Keras")
        var mistakes: [KnownMistake] = []
        for mistake in SizeMistake.allCases {
            // Only the layers up to the one asked: a mistake may make a later layer impossible.
            if let wrong = try? ModelSummary.summarize(Array(model.prefix(index + 1)), sizeMistake: mistake),
               wrong.layers[index - 1].outputShape != row.outputShape {
                mistakes.append(KnownMistake(name: mistake.name, answer: .shape(wrong.layers[index - 1].outputShape)))
            }
        }
        let shape = row.outputShape
        if shape.count > 1 {
            let channelsFirst = [shape[shape.count - 1]] + shape.dropLast()
            mistakes.append(KnownMistake(name: "transposed shapes (channels first; Keras puts channels last)", answer: .shape(channelsFirst)))
            let reversed = Array(shape.reversed())
            if reversed != channelsFirst {
                mistakes.append(KnownMistake(name: "transposed shapes (axes in reverse order)", answer: .shape(reversed)))
            }
        }
        return PreparedQuestion(sheet: ["model: " + text, "layer \(index): \(row.word)"], expected: .shape(shape),
                                working: working, mistakes: mistakes)
    }
}

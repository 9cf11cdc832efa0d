import LessonCore

/// `param-count`: the number of parameters of a Keras model, in total, per layer, or of one layer.
///
/// Keys: `model` (a model string or a list of its words), `ask` (`total`, `per-layer` or
/// `layer`), `layer` (1-based, counting the layers after the input). Mistakes recognised:
/// biases forgotten, one bias per input channel, channels forgotten.
public enum ParamCountKind: QuestionKind {
    public static let name = "param-count"
    public static let summary = "parameters of a Keras model: total, per layer, or one layer"
    public static let keys = ["model", "ask", "layer"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let (text, model) = try ModelQuestion.model(parameters)
        let summary = try ModelQuestion.summary(model, parameters)
        let ask = try parameters.optionalString("ask") ?? "total"
        let working = summary.layers.enumerated().map { i, row in
            "layer \(i + 1), \(row.type) \(row.word): \(row.symbolic) = \(row.formula)" + (row.note.map { " (\($0))" } ?? "")
        } + ["total: " + summary.totalText]
        let mistaken: [(CountingMistake, ModelSummary)] = CountingMistake.allCases.compactMap { mistake in
            guard let wrong = try? ModelSummary.summarize(model, mistake: mistake) else { return nil }
            return (mistake, wrong)
        }
        let sheet = ["model: " + text]
        switch ask {
        case "total":
            return PreparedQuestion(sheet: sheet, expected: .integer(summary.totalParams), working: working,
                                    mistakes: mistaken.map { KnownMistake(name: $0.0.name, answer: .integer($0.1.totalParams),
                                                                          detail: $0.1.layers.count == 1 ? $0.1.layers[0].formula : $0.1.totalText) })
        case "per-layer", "per_layer":
            let vector = { (s: ModelSummary) in Tensor(vector: s.layers.map { Double($0.params) }) }
            return PreparedQuestion(sheet: sheet, expected: .matrix(vector(summary)), working: working,
                                    mistakes: mistaken.map { KnownMistake(name: $0.0.name, answer: .matrix(vector($0.1))) },
                                    cellWorking: summary.layers.enumerated().map { i, row in
                                        "layer \(i + 1), \(row.type): \(row.symbolic) = \(row.formula)"
                                    },
                                    answerFormat: "a list of \(summary.layers.count) whole numbers, one per layer after the input, in order")
        case "layer":
            let index = try parameters.int("layer")
            guard (1...summary.layers.count).contains(index) else {
                throw parameters.error("layer", "the model has layers 1 to \(summary.layers.count) after the input, got \(index)")
            }
            let row = summary.layers[index - 1]
            return PreparedQuestion(sheet: sheet + ["layer \(index): \(row.word)"], expected: .integer(row.params),
                                    working: [working[index - 1]],
                                    mistakes: mistaken.map { KnownMistake(name: $0.0.name, answer: .integer($0.1.layers[index - 1].params),
                                                                          detail: $0.1.layers[index - 1].formula) })
        default:
            throw parameters.error("ask", "expected total, per-layer or layer, found '\(ask)'")
        }
    }
}

/// Reading the model of a model question.
enum ModelQuestion {
    /// The model string and its layers.
    static func model(_ parameters: QuestionParameters) throws -> (String, [ModelLayer]) {
        guard let text = try parameters.words("model") else {
            throw InputError("\(parameters.location): the key 'model' is missing; it should hold a model such as \"input(28,28,1) conv2d(8,7,stride=2) dense(10)\"")
        }
        do { return (text, try ModelParser.parse(text)) } catch let error as InputError {
            throw parameters.error("model", error.message)
        }
    }

    /// The summary, with errors located in the question.
    static func summary(_ model: [ModelLayer], _ parameters: QuestionParameters) throws -> ModelSummary {
        do { return try ModelSummary.summarize(model) } catch let error as InputError {
            throw parameters.error("model", error.message)
        }
    }
}

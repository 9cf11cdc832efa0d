/// The parameter count and shapes of a Keras `Sequential` model, layer by layer, as
/// `model.summary()` gives them, with every count written out as a formula.
///
/// Shapes are height × width × channels (channels last, as Keras), without the batch axis.
/// Counts (Keras conventions; C = input channels or features, u = units, f = filters):
/// - dense: (C + 1)·u;  conv1d: (k·C + 1)·f;  conv2d: (k·k·C + 1)·f
/// - separable_conv2d: k·k·C·m + C·m·f + f;  depthwise_conv2d: k·k·C·m + C·m (m = depth multiplier)
/// - batch_norm: 4·C (γ, β trainable; moving mean and variance not trainable)
/// - simple_rnn: u·(u + C + 1);  lstm: 4·u·(u + C + 1)
/// - pooling, global pooling, flatten, dropout: 0
/// Spatial sizes: padding valid o = ⌊(n − d(k − 1) − 1)/s⌋ + 1, padding same o = ⌈n/s⌉.
public struct ModelSummary: Equatable, Sendable, Codable {
    /// The input shape, from `input(…)`.
    public var inputShape: [Int]
    /// One row per layer after the input.
    public var layers: [LayerSummary]
    /// The sums over all layers.
    public var totalParams: Int
    public var trainableParams: Int
    public var nonTrainableParams: Int

    /// Summarises a parsed model. With `mistake` or `sizeMistake`, counts the way a student
    /// making that mistake would (for the grader to recognise a wrong answer).
    public static func summarize(_ model: [ModelLayer], mistake: CountingMistake? = nil,
                                 sizeMistake: SizeMistake? = nil) throws -> ModelSummary {
        guard let first = model.first, first.kind == .input else {
            throw InputError("a model starts with input(…), such as input(28,28,1) or input(784)")
        }
        var shape = first.inputShape
        var rows: [LayerSummary] = []
        for (index, layer) in model.dropFirst().enumerated() {
            do {
                let row = try LayerCounter.summarize(layer, input: shape, mistake: mistake, sizeMistake: sizeMistake)
                rows.append(row)
                shape = row.outputShape
            } catch let error as InputError {
                throw InputError("layer \(index + 1), \(layer.word): \(error.message)")
            }
        }
        return ModelSummary(inputShape: first.inputShape, layers: rows,
                            totalParams: try rows.reduce(0) { try LayerCounter.plus($0, $1.params) },
                            trainableParams: rows.reduce(0) { $0 + $1.trainableParams },
                            nonTrainableParams: rows.reduce(0) { $0 + $1.nonTrainableParams })
    }

    /// Parses a model string and summarises it.
    public static func summarize(_ text: String) throws -> ModelSummary {
        try summarize(ModelParser.parse(text))
    }

    /// The total written out: `400 + 3,216 + 4,640 + 0 + 330 = 8,586`.
    public var totalText: String {
        layers.map { Notation.grouped($0.params) }.joined(separator: " + ") + " = " + Notation.grouped(totalParams)
    }
}

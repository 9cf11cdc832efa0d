/// One row of a model summary: what a layer does to the shape and how many parameters it has,
/// with the formula written out with its numbers.
public struct LayerSummary: Equatable, Sendable, Codable {
    /// The Keras class name (`Conv2D`).
    public var type: String
    /// The word of the model string (`conv2d(8,7,stride=2)`).
    public var word: String
    /// Shape in and out, height, width, channels as in Keras (no batch axis).
    public var inputShape: [Int]
    public var outputShape: [Int]
    /// All parameters, and the split into trained and not trained (batch normalisation's moving statistics).
    public var params: Int
    public var trainableParams: Int
    public var nonTrainableParams: Int
    /// The count written out: `(7·7·1 + 1)·8 = 400`.
    public var formula: String
    /// The count with symbols: `(k·k·C_in + 1)·filters`.
    public var symbolic: String
    /// The size arithmetic of each spatial axis, such as `height: o = ⌊(28 + 2×0 − 1×(7 − 1) − 1)/2⌋ + 1 = ⌊21/2⌋ + 1 = 11`.
    public var shapeArithmetic: [String]
    /// Something the reader should know about the count, if anything.
    public var note: String?

    /// Creates a row.
    public init(type: String, word: String, inputShape: [Int], outputShape: [Int], params: Int,
                trainableParams: Int, nonTrainableParams: Int, formula: String, symbolic: String,
                shapeArithmetic: [String], note: String? = nil) {
        self.type = type
        self.word = word
        self.inputShape = inputShape
        self.outputShape = outputShape
        self.params = params
        self.trainableParams = trainableParams
        self.nonTrainableParams = nonTrainableParams
        self.formula = formula
        self.symbolic = symbolic
        self.shapeArithmetic = shapeArithmetic
        self.note = note
    }
}

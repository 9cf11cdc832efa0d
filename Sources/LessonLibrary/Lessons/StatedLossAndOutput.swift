import LessonCore

/// What a network lesson file may state besides its inputs: the loss and the last output.
protocol StatedLossAndOutput {
    var statedLoss: Double? { get }
    var statedOutput: [Double]? { get }
}

extension StatedLossAndOutput {
    /// How many values the lesson file states.
    var statedCount: Int { (statedLoss == nil ? 0 : 1) + (statedOutput?.count ?? 0) }
}

/// What an rnn or lstm lesson file may state: the loss E and the last output ŷ⁽ᵀ⁾, each checked
/// at six decimals against the forward pass.
protocol RecurrentStatedValues: StatedLossAndOutput {}

extension RecurrentStatedValues {
    /// Stated values the recomputation does not give: `loss` is E, `outputs` the ŷ⁽ᵗ⁾ for t = 1 … T.
    func mismatches(loss: Double, outputs: [[Double]]) -> [Mismatch] {
        StatedPrecision.mismatches(statedLoss: statedLoss, loss: loss, lossName: "E", statedOutput: statedOutput,
                                   output: outputs.last ?? [], lengthName: "ŷ⁽ᵀ⁾ length") {
            RecurrentNotation.unit("ŷ", outputs.count, $0)
        }
    }
}

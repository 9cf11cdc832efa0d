import Foundation
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

/// An rnn or lstm example, which `--network FILE` replaces with the network and sequence of
/// another file.
protocol RecurrentExample: RecurrentStatedValues {
    associatedtype Network
    var network: Network { get set }
    var sequence: RecurrentSequence { get set }
    var statedLoss: Double? { get set }
    var statedOutput: [Double]? { get set }
    /// Reads the network and the sequence of a network file.
    static func read(_ document: YAMLValue) throws -> (Network, RecurrentSequence)
}

extension RecurrentExample {
    /// Takes the network and sequence of `path`; the stated values described the old ones and go.
    mutating func load(networkFile path: String) throws {
        (network, sequence) = try Self.read(try RecurrentReader.document(URL(fileURLWithPath: path), displayName: path))
        (statedLoss, statedOutput) = (nil, nil)
    }
}

/// A backward pass through time that may be truncated to K steps (`BPTTTrace`, `LSTMBackwardTrace`):
/// what the text says about a truncated gradient reads these, for rnn and lstm alike.
public protocol TruncatedBackward {
    /// K, or nil for full BPTT.
    var truncation: Int? { get }
    /// How many (loss term, step) links truncation cut.
    var cutLinks: Int { get }
    /// The largest |full − truncated| over every parameter (0 without truncation).
    var truncationDifference: Double { get }
}

extension BPTTTrace: TruncatedBackward {}

extension LSTMBackwardTrace: TruncatedBackward {}

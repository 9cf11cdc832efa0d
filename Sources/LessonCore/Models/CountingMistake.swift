/// A known wrong way to count a layer's parameters. The grader recomputes a count with each
/// mistake to name the one a wrong answer matches.
public enum CountingMistake: String, CaseIterable, Equatable, Hashable, Sendable, Codable {
    /// No biases counted: conv2d k·k·C_in·filters, dense n·units.
    case biasesForgotten = "biases-forgotten"
    /// A bias for every input channel of every filter: (k·k·C_in + C_in)·filters.
    case biasPerInputChannel = "bias-per-input-channel"
    /// The input channels left out: (k·k + 1)·filters.
    case channelsForgotten = "channels-forgotten"

    /// The mistake as feedback names it.
    public var name: String {
        switch self {
        case .biasesForgotten: return "biases forgotten"
        case .biasPerInputChannel: return "one bias per input channel"
        case .channelsForgotten: return "channels forgotten"
        }
    }
}

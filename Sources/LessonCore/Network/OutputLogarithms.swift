import Foundation

/// The logarithms one output unit's cross-entropy term uses, as the loss took them.
///
/// Taken from aᵢ (`log aᵢ`, `log(1 − aᵢ)`), or, where the output saturates so far that one of them
/// would be log 0 = −∞ (see `Loss.logarithms(output:preActivation:activation:)`), from the logit zᵢ.
/// The text writes a log taken from zᵢ as its value, so every written term is the one computed.
public struct OutputLogarithms: Equatable, Sendable {
    /// log aᵢ.
    public var output: Double
    /// log(1 − aᵢ); binary cross-entropy only uses it.
    public var complement: Double
    /// Whether both were taken from zᵢ instead of from aᵢ.
    public var fromLogits: Bool

    /// The logarithms of `a` itself: log a and log(1 − a).
    public init(of a: Double) {
        self.init(output: log(a), complement: log(1 - a), fromLogits: false)
    }

    /// The logarithms as given.
    public init(output: Double, complement: Double, fromLogits: Bool) {
        self.output = output
        self.complement = complement
        self.fromLogits = fromLogits
    }
}

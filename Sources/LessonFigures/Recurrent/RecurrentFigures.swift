import Foundation
import LessonCore

/// The figures of the recurrent lessons: the network unrolled through time with its numbers,
/// BPTT frames with the truncation window, the LSTM cell, and the vanishing-gradient plot.
/// Everything is read from the traces.
public enum RecurrentFigures {
    /// The rnn lesson's figures.
    public static func rnn(network: RecurrentNetwork, forward: RNNForwardTrace, backward: BPTTTrace,
                           vanishing: [(label: String, gradient: VanishingGradient)]) -> [Figure] {
        []
    }

    /// The lstm lesson's figures.
    public static func lstm(forward: LSTMForwardTrace, backward: LSTMBackwardTrace) -> [Figure] {
        []
    }
}

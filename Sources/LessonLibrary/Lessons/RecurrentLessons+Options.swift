import ArgumentParser
import LessonCore

extension RNNLesson {
    public static let abstract = "Recurrent networks: every state term by term, backpropagation through time, truncation and the vanishing gradient."
    public static let discussion = """
        Without options, runs a 2-unit tanh network over 3 steps (many-to-one, binary cross-entropy); variants: \
        truncated, many-to-many, relu, vanishing-gradient. --network FILE runs any YAML file holding 'network:' \
        (U, W, V, b, c, inputs, initial_state, hidden_activation, output_activation, loss, target or targets).
        """
    public static let customTitle: String? = "Recurrent network"

    /// Another network, a truncation of BPTT and the learning rate of the update.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("A YAML file whose top level holds 'network:' (U, W, V, inputs, loss, target or targets, …).", valueName: "file")) var network: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Truncate BPTT: each loss term sends its gradient back through at most K steps.", valueName: "K")) var truncate: Int?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate η of the update.", valueName: "η"), transform: FiniteNumber.parse) var learningRate: Double?

        public init() {}

        /// A new network makes the run "custom"; a truncation or a learning rate only changes how it runs.
        public func apply(to example: inout RNNExample) throws -> Bool {
            example = try example.applying(networkFile: network, truncate: truncate, learningRate: learningRate)
            return network != nil
        }
    }
}

extension LSTMLesson {
    public static let abstract = "The LSTM cell: every gate at every step, backpropagation through time (optionally truncated) and the constant error carousel."
    public static let discussion = """
        Without options, runs a one-unit cell over 2 steps; variants: many-to-many, truncated, many-to-many-truncated. \
        --network FILE runs any YAML file holding 'network:' (W_f, W_i, W_s, W_o, b_f, b_i, b_s, b_o, inputs, \
        initial_state, target or targets).
        """
    public static let customTitle: String? = "LSTM cell"

    /// Another cell, a truncation of BPTT and the learning rate of the update.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("A YAML file whose top level holds 'network:' (W_f … W_o, b_f … b_o, inputs, target or targets).", valueName: "file")) var network: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Truncate BPTT: each loss term sends its gradient back through at most K steps (ŷ and s held fixed before them).", valueName: "K")) var truncate: Int?
        @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate η of the update.", valueName: "η"), transform: FiniteNumber.parse) var learningRate: Double?

        public init() {}

        /// A new network makes the run "custom"; a truncation or a learning rate only changes how it runs.
        public func apply(to example: inout LSTMExample) throws -> Bool {
            example = try example.applying(networkFile: network, truncate: truncate, learningRate: learningRate)
            return network != nil
        }
    }
}

import LessonCore

/// The lstm lesson's JSON: `states`, `outputs`, `loss`, `grad_W_f` … `grad_b_o`, and the trace.
struct LSTMPayload: Encodable {
    var network: LSTMNetwork
    var sequence: RecurrentSequence
    var forward: LSTMForwardTrace
    var backward: LSTMBackwardTrace
    var after: LSTMParameters
    var lossAfter: Double
    var gradientCheck: RecurrentGradientCheck

    private enum CodingKeys: String, CodingKey {
        case states, outputs, loss, network, sequence, forward, backward, update, lossAfter, gradientCheck, largestGradientDifference
    }

    func encode(to encoder: Encoder) throws {
        // String-keyed, so grad_W_f keeps its capital (see RNNPayload).
        let g = backward.gradients
        var gradients: [String: Tensor] = [:]
        for (key, m) in zip(LSTMParameters.keys.prefix(4), g.weights) { gradients["grad_" + key] = m }
        for (key, b) in zip(LSTMParameters.keys.suffix(4), g.biases) { gradients["grad_" + key] = Tensor(vector: b) }
        var single = encoder.singleValueContainer()
        try single.encode(gradients)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(forward.states, forKey: .states)
        try container.encode(forward.outputs, forKey: .outputs)
        try container.encode(forward.loss, forKey: .loss)
        try container.encode(network, forKey: .network)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(forward, forKey: .forward)
        try container.encode(backward, forKey: .backward)
        try container.encode(after, forKey: .update)
        try container.encode(lossAfter, forKey: .lossAfter)
        try container.encode(gradientCheck, forKey: .gradientCheck)
        try container.encode(gradientCheck.largestDifference, forKey: .largestGradientDifference)
    }
}

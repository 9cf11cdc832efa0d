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

    func encode(to encoder: Encoder) throws {
        // String-keyed, so grad_W_f keeps its capital (see RNNPayload).
        let g = backward.gradients
        var gradients: [String: Tensor] = [:]
        for (key, m) in zip(LSTMParameters.keys.prefix(4), g.weights) { gradients["grad_" + key] = m }
        for (key, b) in zip(LSTMParameters.keys.suffix(4), g.biases) { gradients["grad_" + key] = Tensor(vector: b) }
        var single = encoder.singleValueContainer()
        try single.encode(gradients)
        try encoder.encodeFields([
            "states": forward.states, "outputs": forward.outputs, "loss": forward.loss, "network": network,
            "sequence": sequence, "forward": forward, "backward": backward, "update": after, "lossAfter": lossAfter,
            "gradientCheck": gradientCheck, "largestGradientDifference": gradientCheck.largestDifference])
    }
}

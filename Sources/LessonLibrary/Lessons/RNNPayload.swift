import LessonCore

/// The rnn lesson's JSON: `states`, `outputs` (t = 1 … T), `loss`, the gradients the update
/// uses under their parameter names (`grad_U`, `grad_W`, `grad_V`, `grad_b`, `grad_c`,
/// truncated when truncating), and the full trace.
struct RNNPayload: Encodable {
    var network: RecurrentNetwork
    var sequence: RecurrentSequence
    var forward: RNNForwardTrace
    var backward: BPTTTrace
    var update: RecurrentUpdate
    var gradientCheck: RecurrentGradientCheck
    var vanishingGradient: VanishingGradient
    var comparisons: [String: VanishingGradient]

    func encode(to encoder: Encoder) throws {
        // The gradient names keep their capitals: a String-keyed dictionary is written as is,
        // where the snake-case key strategy would turn grad_U into grad__u.
        let g = backward.gradients
        var single = encoder.singleValueContainer()
        try single.encode(["grad_U": g.U, "grad_W": g.W, "grad_V": g.V, "grad_b": Tensor(vector: g.b), "grad_c": Tensor(vector: g.c)])
        try encoder.encodeFields([
            "states": forward.states, "outputs": forward.outputs, "loss": forward.loss, "network": network,
            "sequence": sequence, "forward": forward, "backward": backward, "update": update,
            "gradientCheck": gradientCheck, "largestGradientDifference": gradientCheck.largestDifference,
            "vanishingGradient": vanishingGradient, "vanishingComparisons": comparisons])
        var container = encoder.container(keyedBy: JSONKey.self)
        try container.encode(backward.truncation, forKey: JSONKey("truncate"))  // null, not left out, without truncation
    }
}

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

    private enum CodingKeys: String, CodingKey {
        case states, outputs, loss, truncate, network, sequence, forward, backward, update, gradientCheck, vanishingGradient,
             vanishingComparisons, largestGradientDifference
    }

    func encode(to encoder: Encoder) throws {
        // The gradient names keep their capitals: a String-keyed dictionary is written as is,
        // where the snake-case key strategy would turn grad_U into grad__u.
        let g = backward.gradients
        var single = encoder.singleValueContainer()
        try single.encode(["grad_U": g.U, "grad_W": g.W, "grad_V": g.V, "grad_b": Tensor(vector: g.b), "grad_c": Tensor(vector: g.c)])
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(forward.states, forKey: .states)
        try container.encode(forward.outputs, forKey: .outputs)
        try container.encode(forward.loss, forKey: .loss)
        try container.encode(backward.truncation, forKey: .truncate)
        try container.encode(network, forKey: .network)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(forward, forKey: .forward)
        try container.encode(backward, forKey: .backward)
        try container.encode(update, forKey: .update)
        try container.encode(gradientCheck, forKey: .gradientCheck)
        try container.encode(gradientCheck.largestDifference, forKey: .largestGradientDifference)
        try container.encode(vanishingGradient, forKey: .vanishingGradient)
        try container.encode(comparisons, forKey: .vanishingComparisons)
    }
}

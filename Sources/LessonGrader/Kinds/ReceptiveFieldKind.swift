import LessonCore

/// `receptive-field`: the receptive field, along one axis, of the last of a stack of
/// convolution and pooling layers: r_l = r_{l−1} + d(k − 1)·j_{l−1}, j_l = j_{l−1}·s.
///
/// Keys: `layers`, a list of `{k, s, d}` (s and d default to 1). The answer is
/// `ReceptiveField.size`. Mistakes recognised: strides ignored (every jump 1), the kernel
/// sizes added (Σk), dilation ignored.
public enum ReceptiveFieldKind: QuestionKind {
    public static let name = "receptive-field"
    public static let summary = "the receptive field of a stack of convolution and pooling layers along one axis"
    public static let keys = ["layers"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        guard case .list(let items)? = parameters.values["layers"], !items.isEmpty else {
            throw InputError("\(parameters.location): the key 'layers' must be a list of {k, s, d}, such as [{k: 3}, {k: 2, s: 2}]")
        }
        let layers = try items.enumerated().map { i, item -> ReceptiveField.Layer in
            guard case .map(let values) = item else { throw parameters.error("layers", "layer \(i + 1) must be a mapping such as {k: 3, s: 2}") }
            let layer = QuestionParameters(values: values, location: "\(parameters.location), layer \(i + 1)")
            return ReceptiveField.Layer(kernel: try layer.int("k"), stride: try layer.int("s", default: 1), dilation: try layer.int("d", default: 1))
        }
        let field = try parameters.located { try ReceptiveField(layers: layers) }
        var mistakes: [KnownMistake] = []
        func add(_ name: String, _ wrong: [ReceptiveField.Layer]) {
            if let other = try? ReceptiveField(layers: wrong), other.size != field.size {
                mistakes.append(KnownMistake(name: name, answer: .integer(other.size)))
            }
        }
        add("strides ignored (every jump taken as 1)", layers.map { .init(kernel: $0.kernel, stride: 1, dilation: $0.dilation) })
        add("dilation ignored", layers.map { .init(kernel: $0.kernel, stride: $0.stride, dilation: 1) })
        let sum = layers.reduce(0) { $0 + $1.kernel }
        if sum != field.size, !mistakes.contains(where: { $0.answer == .integer(sum) }) {
            mistakes.append(KnownMistake(name: "the kernel sizes added (Σk) instead of r + d(k − 1)·j", answer: .integer(sum)))
        }
        let sheet = layers.enumerated().map { i, l in
            "layer \(i + 1): kernel \(l.kernel), stride \(l.stride)" + (l.dilation == 1 ? "" : ", dilation \(l.dilation)")
        }
        return PreparedQuestion(sheet: sheet, expected: .integer(field.size),
                                working: ["r₀ = 1, j₀ = 1; r_l = r_{l−1} + d(k − 1)·j_{l−1}, j_l = j_{l−1}·s"] + field.steps.map(\.text),
                                mistakes: mistakes)
    }
}

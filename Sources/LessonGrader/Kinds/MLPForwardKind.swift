import LessonCore

/// `mlp-forward`: one layer's pre-activations z = W·a + b or activations a = f(z) (softmax
/// outputs for a softmax layer) in a dense network's forward pass, graded unit by unit.
///
/// Keys: `layers` (a list of `{weights, bias, activation}`, W with one row per unit),
/// `input`, `ask` (`a`, the default, or `z`), `layer` (1-based, default the last). The
/// answer is read from `Network.forward`'s trace. Mistakes recognised: z given for a (the
/// activation forgotten) and a for z, biases forgotten.
public enum MLPForwardKind: QuestionKind {
    public static let name = "mlp-forward"
    public static let summary = "a layer's z = W·a + b or activations a = f(z) (softmax outputs too) in a dense network"
    public static let keys = ["layers", "input", "ask", "layer"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let layers = try NetworkQuestion.layers(parameters)
        let input = try parameters.vector("input")
        let ask = try parameters.choice("ask", ["a", "z"], default: "a")
        let index = try parameters.int("layer", default: layers.count)
        guard (1...layers.count).contains(index) else {
            throw parameters.error("layer", "the network has layers 1 to \(layers.count), got \(index)")
        }
        func forward(_ layers: [Layer]) throws -> ForwardTrace { try Network(layers: layers, loss: .mse).forward(input) }
        let trace = try parameters.located { try forward(layers) }
        let layer = trace.layers[index - 1]
        let value = ask == "a" ? layer.a : layer.z
        var mistakes: [KnownMistake] = []
        if layer.a != layer.z {
            mistakes.append(ask == "a" ? KnownMistake(name: "the activation forgotten (z instead of a = f(z))", answer: .matrix(Tensor(vector: layer.z)))
                                       : KnownMistake(name: "the activation applied (a instead of z)", answer: .matrix(Tensor(vector: layer.a))))
        }
        var noBias = layers
        for i in noBias.indices { noBias[i].bias = noBias[i].bias.map { _ in 0 } }
        if let wrong = try? forward(noBias).layers[index - 1], layers.contains(where: { $0.bias.contains { $0 != 0 } }) {
            mistakes.append(KnownMistake(name: "biases forgotten", answer: .matrix(Tensor(vector: ask == "a" ? wrong.a : wrong.z))))
        }
        let texts = layer.units.map { ask == "a" ? $0.sumText + "; " + $0.activationText : $0.sumText }
        return PreparedQuestion(sheet: NetworkQuestion.sheet(layers, input: input) + ["asked: " + (ask == "a" ? "a⁽\(index)⁾" : "z⁽\(index)⁾")],
                                expected: .matrix(Tensor(vector: value)),
                                working: trace.layers.prefix(index).flatMap { l in l.units.map { $0.sumText + "; " + $0.activationText } },
                                mistakes: mistakes, cellWorking: texts,
                                answerFormat: "a list of numbers, one per unit of the layer, such as [0.5, 0.25]")
    }
}

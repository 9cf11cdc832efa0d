import LessonCore

/// `backprop`: one quantity of a backpropagation step through a dense network: a layer's
/// δ, its weight gradient ∂L/∂W, its bias gradient ∂L/∂b, or the loss.
///
/// Keys: `layers` (a list of `{weights, bias, activation}`, W with one row per unit),
/// `input`, `target` (vectors), `loss` (`mse` = ½Σ(a − y)², the default, `sse`,
/// `binary-cross-entropy`, `cross-entropy`), `ask` (`delta`, `weight-gradient`,
/// `bias-gradient` or `loss`) and `layer` (1-based, default the last). The answer is read
/// from `Network.backward`'s trace. Mistakes recognised: a different loss convention (the
/// same step with another loss, such as Σ(a − y)² for ½Σ(a − y)²), transposed ∂L/∂W.
public enum BackpropKind: QuestionKind {
    public static let name = "backprop"
    public static let summary = "a δ, ∂L/∂W, ∂L/∂b or the loss of one backpropagation step through a dense network"
    public static let keys = ["layers", "input", "target", "loss", "ask", "layer"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let layers = try NetworkQuestion.layers(parameters)
        let input = try parameters.matrix("input").scalars
        let target = try parameters.matrix("target").scalars
        let lossName = try parameters.optionalString("loss") ?? "mse"
        let loss: Loss
        do { loss = try Loss.named(lossName) } catch let error as InputError { throw parameters.error("loss", error.message) }
        let ask = try parameters.optionalString("ask") ?? "delta"
        let index = try parameters.int("layer", default: layers.count)
        guard (1...layers.count).contains(index) else {
            throw parameters.error("layer", "the network has layers 1 to \(layers.count), got \(index)")
        }
        func step(_ loss: Loss) throws -> (ForwardTrace, BackwardTrace) {
            let network = try Network(layers: layers, loss: loss)
            let forward = try network.forward(input)
            return (forward, try network.backward(forward, target: target))
        }
        let forward: ForwardTrace, backward: BackwardTrace
        do { (forward, backward) = try step(loss) } catch let error as InputError {
            throw InputError("\(parameters.location): \(error.message)")
        }
        let others = [Loss.mse, .sse].filter { $0 != loss }.compactMap { other in (try? step(other)).map { (other, $0.1) } }
        let layer = backward.layers[index - 1]
        var sheet = NetworkQuestion.sheet(layers, input: input)
        sheet[sheet.count - 1] += ", target y = " + Notation.inlineMatrix(Tensor(vector: target))
        sheet.append("loss: " + loss.formula)
        let deltaTexts = layer.units.map(\.deltaText)
        func convention(_ other: Loss) -> String { "a different loss convention (\(other.formula) instead of \(loss.formula))" }
        switch ask {
        case "delta":
            return PreparedQuestion(sheet: sheet, expected: .matrix(Tensor(vector: layer.delta)),
                                    working: layer.ruleLines + deltaTexts,
                                    mistakes: others.map { KnownMistake(name: convention($0.0), answer: .matrix(Tensor(vector: $0.1.layers[index - 1].delta))) },
                                    cellWorking: deltaTexts)
        case "weight-gradient":
            var mistakes = others.map { KnownMistake(name: convention($0.0), answer: .matrix($0.1.layers[index - 1].gradWeights)) }
            if layer.gradWeights.transposed != layer.gradWeights {
                mistakes.append(KnownMistake(name: "transposed shapes (∂L/∂W has one row per unit, like W)", answer: .matrix(layer.gradWeights.transposed)))
            }
            let texts = layer.units.flatMap(\.weightTexts)
            return PreparedQuestion(sheet: sheet, expected: .matrix(layer.gradWeights), working: deltaTexts + texts,
                                    mistakes: mistakes, cellWorking: texts.count == layer.gradWeights.count ? texts : [])
        case "bias-gradient":
            return PreparedQuestion(sheet: sheet, expected: .matrix(Tensor(vector: layer.gradBias)),
                                    working: deltaTexts + layer.units.map(\.biasText),
                                    mistakes: others.map { KnownMistake(name: convention($0.0), answer: .matrix(Tensor(vector: $0.1.layers[index - 1].gradBias))) },
                                    cellWorking: layer.units.map(\.biasText))
        case "loss":
            _ = forward
            return PreparedQuestion(sheet: sheet, expected: .number(backward.loss.total), working: backward.loss.lines,
                                    mistakes: others.map { KnownMistake(name: convention($0.0), answer: .number($0.1.loss.total)) })
        default:
            throw parameters.error("ask", "expected delta, weight-gradient, bias-gradient or loss, found '\(ask)'")
        }
    }
}

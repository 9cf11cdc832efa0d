import LessonCore

/// `perceptron-update`: the weights after one step of the perceptron rule
/// wᵢ ← wᵢ + η (y − h) xᵢ, with x₀ = 1 (w₀ is the bias) and h = step(Σ wᵢ xᵢ).
///
/// Keys: `weights` (w₀ first), `input` (x₁ … xₙ), `target` (0 or 1), `rate` (η, default 1).
/// The answer is the first step of `PerceptronTraining`'s trace. Mistakes recognised: the
/// error's sign reversed, the bias w₀ not updated, the learning rate left out.
public enum PerceptronUpdateKind: QuestionKind {
    public static let name = "perceptron-update"
    public static let summary = "the weights after one step of the perceptron rule (w₀ the bias)"
    public static let keys = ["weights", "input", "target", "rate"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let weights = try parameters.vector("weights"), input = try parameters.vector("input")
        let target = try parameters.double("target"), rate = try parameters.double("rate", default: 1)
        func step(_ w: [Double], _ eta: Double, _ y: Double) throws -> PerceptronTrace.Step? {
            try PerceptronTraining(samples: [TruthTableRow(inputs: input, output: y)], initialWeights: w,
                                   learningRate: eta, maxEpochs: 1).run().epochs.first?.steps.first
        }
        guard let right = try parameters.located({ try step(weights, rate, target) }) else {
            preconditionFailure("one epoch of one sample records one step")
        }
        let error = target - right.output
        let x = [1.0] + input
        var mistakes: [KnownMistake] = []
        if error != 0 {
            mistakes.append(KnownMistake(name: "the error's sign reversed (w − η(y − h)x)",
                                         answer: .matrix(Tensor(vector: x.indices.map { weights[$0] - rate * error * x[$0] }))))
            var noBias = right.after
            noBias[0] = weights[0]
            mistakes.append(KnownMistake(name: "the bias w₀ not updated (x₀ = 1 forgotten)", answer: .matrix(Tensor(vector: noBias))))
            if rate != 1 {
                mistakes.append(KnownMistake(name: "the learning rate η left out",
                                             answer: .matrix(Tensor(vector: x.indices.map { weights[$0] + error * x[$0] }))))
            }
        }
        let names = weights.indices.map { "w" + NetworkNotation.lowered($0) }
        return PreparedQuestion(
            sheet: ["weights " + names.joined(separator: ", ") + " = " + Notation.inlineMatrix(Tensor(vector: weights)) + " (w₀ the bias, x₀ = 1)",
                    "input x = " + Notation.inlineMatrix(Tensor(vector: input)) + ", target y = " + Notation.number(target),
                    "learning rate η = " + Notation.number(rate), "rule: wᵢ ← wᵢ + η (y − h) xᵢ, h = step(Σ wᵢ xᵢ)"],
            expected: .matrix(Tensor(vector: right.after)), working: [right.text], mistakes: mistakes,
            cellWorking: x.indices.map { "\(names[$0]) = \(Notation.number(weights[$0])) + \(Notation.factor(rate))×\(Notation.factor(error))×\(Notation.factor(x[$0])) = \(Notation.number(right.after[$0]))" },
            answerFormat: "a list of the new weights, w₀ first, such as [0.5, 1, -1]")
    }
}

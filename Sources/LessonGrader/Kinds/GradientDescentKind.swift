import LessonCore

/// `gradient-descent`: a number of the seed's gradient descent on J = (1/N)Σ(ŷⁱ − yⁱ)²:
/// θ (and b) after k updates of GD, SGD or mini-batch GD, J at a given θ, or a
/// batch-averaged gradient.
///
/// Keys: `x`, `y` (the data), `model` (`through-origin`, the default, or `with-intercept`),
/// `start` (θ, or θ and b), `learning-rate`, `method` (`gd`, `sgd`, `mini-batch`),
/// `updates` (k), `batch-size` (N_b), `ask` (`theta`, `loss` or `gradient`) and `batch`
/// (1-based example numbers of the gradient, default all). Examples are visited in order.
/// Mistakes recognised: forgetting 1/N (a sum instead of an average), the sign of the update,
/// the 2 of the square forgotten.
public enum GradientDescentKind: QuestionKind {
    public static let name = "gradient-descent"
    public static let summary = "θ after k updates of GD, SGD or mini-batch GD, the loss J at a θ, or a batch-averaged gradient"
    public static let keys = ["x", "y", "model", "start", "learning-rate", "method", "updates", "batch-size", "ask", "batch"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let data: RegressionData
        do { data = try RegressionData(x: try parameters.matrix("x").scalars, y: try parameters.matrix("y").scalars) } catch let error as InputError where !error.message.hasPrefix(parameters.location) {
            throw InputError("\(parameters.location): \(error.message)")
        }
        let modelName = try parameters.optionalString("model") ?? RegressionModel.throughOrigin.rawValue
        guard let model = RegressionModel(rawValue: modelName) else { throw parameters.error("model", "expected through-origin or with-intercept, found '\(modelName)'") }
        let start = parameters.values["start"] == nil ? model.parameterNames.map { _ in 0.0 } : try parameters.matrix("start").scalars
        guard start.count == model.parameterNames.count else {
            throw parameters.error("start", "the model \(model.formula) needs \(model.parameterNames.joined(separator: " and ")), \(model.parameterNames.count) number(s)")
        }
        let names = model.parameterNames.joined(separator: ", ")
        let sheet = ["data: x = \(Notation.inlineMatrix(Tensor(vector: data.x))), y = \(Notation.inlineMatrix(Tensor(vector: data.y)))",
                     "model \(model.formula), loss J = (1/N) Σ (ŷⁱ − yⁱ)², start \(names) = \(start.map { Notation.number($0) }.joined(separator: ", "))"]
        func answer(_ values: [Double]) -> Answer { values.count == 1 ? .number(values[0]) : .matrix(Tensor(vector: values)) }
        let ask = try parameters.optionalString("ask") ?? "theta"
        switch ask {
        case "loss":
            let loss = data.loss(model: model, parameters: start)
            let terms = (0..<data.count).map { data.term($0, model: model, parameters: start) }
            return PreparedQuestion(sheet: sheet, expected: .number(loss),
                                    working: ["J = (1/\(data.count))(" + terms.map { Notation.number($0.residual * $0.residual) }.joined(separator: " + ") + ") = \(Notation.number(loss))"],
                                    mistakes: [KnownMistake(name: "forgetting 1/N (the squares summed, not averaged)", answer: .number(loss * Double(data.count)))])
        case "gradient":
            var batch = Array(0..<data.count)
            if parameters.values["batch"] != nil {
                batch = try parameters.matrix("batch").scalars.map { Int($0) - 1 }
                guard !batch.isEmpty, batch.allSatisfy({ (0..<data.count).contains($0) }) else {
                    throw parameters.error("batch", "expected example numbers from 1 to \(data.count)")
                }
            }
            let terms = batch.map { data.term($0, model: model, parameters: start) }
            let sum = (0..<start.count).map { k in terms.reduce(0) { $0 + $1.gradient[k] } }
            let average = sum.map { $0 / Double(terms.count) }
            return PreparedQuestion(sheet: sheet + ["batch: examples " + batch.map { String($0 + 1) }.joined(separator: ", ")],
                                    expected: answer(average),
                                    working: terms.map { "∂J\(Notation.subscriptDigits($0.index + 1))/∂θ = 2(\(Notation.number($0.prediction)) − \(Notation.factor($0.y)))×\(Notation.factor($0.x)) = \(Notation.number($0.gradient[0]))" }
                                        + ["average over \(terms.count): " + average.map { Notation.number($0) }.joined(separator: ", ")],
                                    mistakes: [KnownMistake(name: "forgetting 1/N (the gradients summed, not averaged)", answer: answer(sum)),
                                               KnownMistake(name: "the 2 of the square forgotten", answer: answer(average.map { $0 / 2 })),
                                               KnownMistake(name: "the sign of the gradient", answer: answer(average.map { -$0 }))].filter { $0.answer != answer(average) })
        case "theta":
            let methodName = try parameters.optionalString("method") ?? "gd"
            guard let method = DescentMethod(rawValue: methodName) else { throw parameters.error("method", "expected gd, sgd or mini-batch, found '\(methodName)'") }
            let updates = try parameters.int("updates", default: 1)
            let batchSize = try parameters.int("batch-size", default: 2)
            let alpha = try parameters.double("learning-rate")
            let size = method.batchSize(count: data.count, miniBatchSize: batchSize)
            let epochs = (updates + method.updatesPerEpoch(count: data.count, miniBatchSize: batchSize) - 1) / method.updatesPerEpoch(count: data.count, miniBatchSize: batchSize)
            guard updates >= 1, updates <= 10_000 else { throw parameters.error("updates", "expected 1 to 10000 updates, got \(updates)") }
            func run(_ rate: Double) throws -> DescentTrace {
                do {
                    return try GradientDescent(data: data, model: model, learningRate: rate, initial: start, epochs: epochs,
                                               miniBatchSize: batchSize, shuffleSeed: nil).run(method)
                } catch let error as InputError { throw InputError("\(parameters.location): \(error.message)") }
            }
            let trace = try run(alpha)
            let expected = trace.updates[updates - 1].after
            var mistakes = [KnownMistake(name: "the sign of the update (θ + α∂J/∂θ instead of θ − α∂J/∂θ)",
                                         answer: answer(Self.wrongSign(data, model: model, start: start, alpha: alpha, orders: trace.orders, size: size, updates: updates))),
                            KnownMistake(name: "the 2 of the square forgotten", answer: answer(try run(alpha / 2).updates[updates - 1].after))]
            if size > 1 && data.count % size == 0 {
                // Summing instead of averaging multiplies each step by |B|: the same as α·|B|.
                mistakes.insert(KnownMistake(name: "forgetting 1/N (the gradients summed, not averaged)",
                                             answer: answer(try run(alpha * Double(size)).updates[updates - 1].after)), at: 0)
            }
            let working = trace.updates.prefix(updates).map { u in
                "update \(u.step) (examples " + u.terms.map { String($0.index + 1) }.joined(separator: ", ") + "): gradient " + u.gradient.map { Notation.number($0) }.joined(separator: ", ")
                    + " → " + u.after.map { Notation.number($0) }.joined(separator: ", ")
            }
            return PreparedQuestion(sheet: sheet + ["\(method.title), α = \(Notation.number(alpha)), \(updates) \(Counted.noun(updates, "update"))" + (method == .miniBatch ? ", batches of \(size)" : "")],
                                    expected: answer(expected), working: working, mistakes: mistakes)
        default:
            throw parameters.error("ask", "expected theta, loss or gradient, found '\(ask)'")
        }
    }

    /// θ after `updates` steps of θ ← θ + α·(average gradient): the sign mistake.
    static func wrongSign(_ data: RegressionData, model: RegressionModel, start: [Double], alpha: Double, orders: [[Int]],
                          size: Int, updates: Int) -> [Double] {
        var theta = start
        var done = 0
        for order in orders {
            var index = 0
            while index < order.count, done < updates {
                let batch = order[index..<min(index + size, order.count)]
                index += size
                let terms = batch.map { data.term($0, model: model, parameters: theta) }
                for k in theta.indices { theta[k] += alpha * terms.reduce(0) { $0 + $1.gradient[k] } / Double(terms.count) }
                done += 1
            }
        }
        return theta
    }
}

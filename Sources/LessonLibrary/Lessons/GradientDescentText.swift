import LessonCore

/// The text of the gradient-descent lesson, read from the traces: the loss at the start term
/// by term, each method's rule and first updates with every gradient term, the trajectory per
/// epoch, and the learning-rate regimes with the stability bound.
struct GradientDescentText {
    var example: GradientDescentLesson.Example
    var data: RegressionData
    var traces: [DescentTrace]
    var stability: QuadraticStability
    var regimes: [GradientDescentLesson.RegimeRun]
    var optimum: [Double]

    private func n(_ v: Double) -> String { Notation.number(v, decimals: 4) }
    private func f(_ v: Double) -> String { Notation.factor(v, decimals: 4) }

    func lines() -> [String] {
        let model = example.model
        let names = model.parameterNames
        let count = data.count
        var lines: [String] = [""]
        lines.append("Data (N = \(count)): x = (\(data.x.map(n).joined(separator: ", "))), y = (\(data.y.map(n).joined(separator: ", ")))")
        lines.append("Model \(model.formula); loss J = (1/N) Σᵢ (ŷⁱ − yⁱ)², so each example's Jⁱ = (ŷⁱ − yⁱ)² has ∂Jⁱ/∂θ = 2(ŷⁱ − yⁱ)xⁱ" + (model == .withIntercept ? " and ∂Jⁱ/∂b = 2(ŷⁱ − yⁱ)." : "."))
        let start = zip(names, example.start).map { "\($0) = \(n($1))" }.joined(separator: ", ")
        lines.append("Start \(start), learning rate α = \(n(example.learningRate)), \(example.epochs) \(Counted.noun(example.epochs, "epoch")).")
        let residuals = (0..<count).map { data.term($0, model: model, parameters: example.start) }
        lines.append("J₀ = (1/\(count))[" + residuals.map { "(\(f($0.prediction)) − \(f($0.y)))²" }.joined(separator: " + ") + "] = (1/\(count))(" + residuals.map { n($0.residual * $0.residual) }.joined(separator: " + ") + ") = \(n(traces[0].initialLoss))")
        lines.append("")
        let perEpoch = DescentMethod.allCases.map { "\($0.rawValue) \($0.updatesPerEpoch(count: count, miniBatchSize: example.batchSize))" }
        lines.append("Updates per epoch with N = \(count) and N_b = \(min(example.batchSize, count)): \(perEpoch.joined(separator: ", ")). (The notes: with N = 100, GD makes 1 update per epoch, SGD 100, and mini-batches of 20 make 5.)")
        if example.shuffle {
            lines.append("Each epoch visits the examples in a new order shuffled with seed \(example.seed) (Fisher–Yates on SplitMix64): " + traces[0].orders.prefix(3).enumerated().map { "epoch \($0.offset + 1): " + $0.element.map { String($0 + 1) }.joined(separator: ", ") }.joined(separator: "; ") + (traces[0].orders.count > 3 ? "; …" : "") + ". --no-shuffle keeps the order given.")
        } else {
            lines.append("The examples are visited in the order given (no shuffling; --seed N shuffles each epoch).")
        }
        for trace in traces {
            lines.append("")
            lines += method(trace)
        }
        lines.append("")
        lines += learningRates()
        return lines
    }

    private func method(_ trace: DescentTrace) -> [String] {
        let names = example.model.parameterNames
        var lines = [trace.method.title + ":"]
        switch trace.method {
        case .gd: lines.append("  θ ← θ − α (1/N) Σᵢ ∂Jⁱ/∂θ   (all N = \(trace.batchSize) examples per update)")
        case .sgd: lines.append("  θ ← θ − α ∂Jⁱ/∂θ   (one example i per update)")
        case .miniBatch: lines.append("  θ ← θ − α (1/N_b) Σ_{i∈B} ∂Jⁱ/∂θ   (batches B of N_b = \(trace.batchSize); the notes' slide leaves out α)")
        }
        for update in trace.updates.prefix(example.shown) {
            let which = update.terms.map { String($0.index + 1) }.joined(separator: ", ")
            lines.append("  update \(update.step) (epoch \(update.epoch), \(Counted.noun(update.terms.count, "example")) \(which)):")
            for (k, name) in names.enumerated() {
                for term in update.terms {
                    let factor = k == 0 ? "×" + f(term.x) : ""
                    let prediction = example.model == .throughOrigin
                        ? "\(f(update.before[0]))×\(f(term.x))" : "\(f(update.before[0]))×\(f(term.x)) + \(f(update.before[1]))"
                    lines.append("    ∂J\(Notation.subscriptDigits(term.index + 1))/∂\(name) = 2(\(prediction) − \(f(term.y)))\(factor) = \(n(term.gradient[k]))")
                }
                let terms = update.terms.map { f($0.gradient[k]) }
                let average = update.terms.count == 1 ? "" : "average (1/\(update.terms.count))(\(terms.joined(separator: " + "))) = \(n(update.gradient[k])); "
                lines.append("    \(average)\(name) = \(n(update.before[k])) − \(n(trace.learningRate))×\(f(update.gradient[k])) = \(n(update.after[k]))")
            }
            lines.append("    J = \(n(update.loss))")
        }
        if trace.updates.count > example.shown { lines.append("  … \(trace.updates.count - example.shown) more \(Counted.noun(trace.updates.count - example.shown, "update"))") }
        let perEpoch = max(1, trace.updates.count / max(1, trace.orders.count))
        let ends = stride(from: perEpoch - 1, to: trace.updates.count, by: perEpoch).map { k -> String in
            let u = trace.updates[k]
            return "epoch \(u.epoch): " + zip(names, u.after).map { "\($0) = \(n($1))" }.joined(separator: ", ") + ", J = \(n(u.loss))"
        }
        lines.append("  After each epoch: " + ends.joined(separator: "; "))
        return lines
    }

    private func learningRates() -> [String] {
        var lines = ["Learning rate (GD, 10 updates from the same start):"]
        let lambda = stability.largest
        if example.model == .throughOrigin {
            let sxx = data.x.map { $0 * $0 }.reduce(0, +)
            lines.append("  J is a parabola in θ with J″ = (2/N)Σ(xⁱ)² = (2/\(data.count))×\(n(sxx)) = \(n(lambda)). One step multiplies θ − θ* by 1 − αJ″ (here λ_max = J″),")
        } else {
            lines.append("  J is quadratic in (θ, b) with Hessian H = (2/N)[Σx² Σx; Σx N], eigenvalues \(stability.eigenvalues.map(n).joined(separator: " and ")). One step multiplies the error along the steepest direction by 1 − αλ_max,")
        }
        lines.append("  so GD converges exactly when α < 2/λ_max = \(n(stability.bound)), and overshoots (the error changes sign each step) when α > 1/λ_max = \(n(stability.oscillationThreshold)).")
        if let theta = optimum.first { lines.append("  The minimum: θ* = \(n(theta))" + (optimum.count > 1 ? ", b* = \(n(optimum[1]))." : " = Σxy/Σx².")) }
        for run in regimes {
            let factor = 1 - run.learningRate * lambda
            let label = run.label(bound: stability.bound)
            lines.append("  α = \(n(run.learningRate)) (1 − αλ_max = \(n(factor))), \(label): θ = " + run.theta.prefix(6).map(n).joined(separator: ", ") + (run.theta.count > 6 ? ", …, \(n(run.theta.last ?? 0))" : "") + "; J after 10 updates = \(n(run.loss.last ?? 0))")
        }
        return lines
    }
}

import Foundation
import LessonCore

/// `optimizer`: the point (x, y) after k steps of a torch.optim optimizer (sgd, momentum,
/// nesterov, rmsprop, adam) on a loss surface, from a start with a learning rate.
///
/// Keys: `surface` (bowl, valley, rosenbrock, saddle or an expression in x and y),
/// `optimizer`, `learning-rate`, `start` ([x, y]), `steps` (k). Mistakes recognised: Adam
/// without bias correction, momentum applied to the wrong term (momentum and Nesterov
/// swapped), the sign of the update.
public enum OptimizerPathKind: QuestionKind {
    public static let name = "optimizer"
    public static let summary = "the point after k steps of SGD, momentum, Nesterov, RMSProp or Adam (torch.optim) on a loss surface"
    public static let keys = ["surface", "optimizer", "learning-rate", "start", "steps"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let surfaceText = try parameters.string("surface", expected: "bowl, valley, rosenbrock, saddle or an expression in x and y")
        let optimizerName = try parameters.string("optimizer", expected: "sgd, momentum, nesterov, rmsprop or adam")
        guard let kind = LessonCore.OptimizerKind(rawValue: optimizerName) else {
            throw parameters.error("optimizer", "expected sgd, momentum, nesterov, rmsprop or adam, found '\(optimizerName)'")
        }
        let startValues = try parameters.matrix("start").scalars
        guard startValues.count == 2 else { throw parameters.error("start", "expected two numbers [x, y]") }
        let steps = try parameters.int("steps", default: 1)
        let alpha = try parameters.double("learning-rate")
        let start = Point2(startValues[0], startValues[1])
        let surface: LossSurface, negated: LossSurface, settings: OptimizerSettings
        do {
            surface = try LossSurface(named: surfaceText)
            negated = try LossSurface(expression: "-(\(surface.expression))")
            settings = try OptimizerSettings(learningRate: alpha)
        } catch let error as InputError { throw parameters.error("surface", error.message) }
        func run(_ k: LessonCore.OptimizerKind, on s: LossSurface) throws -> [Double] {
            do {
                let p = try Optimizer.run(k, settings: settings, surface: s, start: start, steps: steps).points[steps]
                return [p.x, p.y]
            } catch let error as InputError { throw InputError("\(parameters.location): \(error.message)") }
        }
        let trace: OptimizerTrace
        do { trace = try Optimizer.run(kind, settings: settings, surface: surface, start: start, steps: steps) } catch let error as InputError {
            throw InputError("\(parameters.location): \(error.message)")
        }
        let end = trace.points[steps]
        var mistakes: [KnownMistake] = []
        switch kind {
        case .adam:
            mistakes.append(KnownMistake(name: "Adam without bias correction", answer: .matrix(Tensor(vector: Self.adamWithoutCorrection(surface, settings: settings, start: start, steps: steps)))))
        case .momentum:
            mistakes.append(KnownMistake(name: "momentum applied to the wrong term (Nesterov's θ − α(g + μv) instead of θ − αv)", answer: .matrix(Tensor(vector: try run(.nesterov, on: surface)))))
        case .nesterov:
            mistakes.append(KnownMistake(name: "momentum applied to the wrong term (θ − αv instead of Nesterov's θ − α(g + μv))", answer: .matrix(Tensor(vector: try run(.momentum, on: surface)))))
        default: break
        }
        if let wrong = try? run(kind, on: negated) {
            mistakes.append(KnownMistake(name: "the sign of the update (θ + α… instead of θ − α…)", answer: .matrix(Tensor(vector: wrong))))
        }
        let n = { (v: Double) in Notation.number(v, decimals: 6) }
        let working = kind.rule + trace.steps.map { s in
            "step \(s.step): g = (\(n(s.gradient.x)), \(n(s.gradient.y))) → θ = (\(n(s.after.x)), \(n(s.after.y)))"
        }
        return PreparedQuestion(sheet: ["J(x, y) = \(surface.expression)", "\(kind.title) (torch.optim defaults), α = \(Notation.number(alpha, decimals: 6)), start (\(Notation.number(start.x)), \(Notation.number(start.y))), \(steps) \(Counted.noun(steps, "step"))"],
                                expected: .matrix(Tensor(vector: [end.x, end.y])), working: working, mistakes: mistakes,
                                answerFormat: "the point as [x, y]")
    }

    /// Adam with m and v used as they are, without dividing by 1 − β₁ᵗ and 1 − β₂ᵗ.
    static func adamWithoutCorrection(_ surface: LossSurface, settings: OptimizerSettings, start: Point2, steps: Int) -> [Double] {
        var p = [start.x, start.y], m = [0.0, 0.0], v = [0.0, 0.0]
        for _ in 0..<steps {
            let g = surface.evaluate(p[0], p[1]).gradient
            for (k, gk) in [g.x, g.y].enumerated() {
                m[k] = settings.beta1 * m[k] + (1 - settings.beta1) * gk
                v[k] = settings.beta2 * v[k] + (1 - settings.beta2) * gk * gk
                p[k] -= settings.learningRate * m[k] / (v[k].squareRoot() + settings.epsilon)
            }
        }
        return p
    }
}

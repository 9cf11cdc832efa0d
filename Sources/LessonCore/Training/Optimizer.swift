import Foundation

/// Runs the optimizers of `torch.optim` on a `LossSurface`, with exactly torch's update
/// formulas (weight decay 0, dampening 0, no AMSGrad, not centered), coordinate by coordinate:
///
/// - SGD: θ ← θ − αg.
/// - Momentum: v ← μv + g (torch starts v at g, which is μ·0 + g), θ ← θ − αv.
/// - Nesterov: v ← μv + g, θ ← θ − α(g + μv).
/// - RMSProp: s ← ρs + (1 − ρ)g², θ ← θ − αg/(√s + ε).
/// - Adam: m ← m + (1 − β₁)(g − m) (torch's `lerp_`), v ← β₂v + (1 − β₂)g²,
///   denominator = √v/√(1 − β₂ᵗ) + ε, θ ← θ − (α/(1 − β₁ᵗ))·m/denominator.
///
/// The arithmetic follows torch's order of operations, so paths agree with it to rounding
/// (1e-12 on the lesson's surfaces; tests assert 1e-7 along the whole path).
public enum Optimizer {
    /// Runs `steps` steps of `kind` from `start`; throws when J or the point stops being
    /// finite, naming the step, or when the start itself has no finite J.
    public static func run(_ kind: OptimizerKind, settings: OptimizerSettings, surface: LossSurface, start: Point2,
                           steps: Int) throws -> OptimizerTrace {
        guard steps >= 1, steps <= 100_000 else { throw InputError("the number of steps must be from 1 to 100000, got \(steps)") }
        var point = start
        var here = surface.evaluate(point.x, point.y)
        guard here.value.isFinite, here.gradient.x.isFinite, here.gradient.y.isFinite else {
            throw InputError("J = \(surface.expression) is not a finite number at the start (\(Notation.number(start.x)), \(Notation.number(start.y)))")
        }
        let startLoss = here.value
        let a = settings.learningRate, mu = settings.momentum, eps = settings.epsilon
        var first = Point2(0, 0), second = Point2(0, 0)
        var trace: [OptimizerStep] = []
        for t in 1...steps {
            let g = Point2(here.gradient.x, here.gradient.y)
            var direction: Point2
            var scale = a
            var denominator: Point2?
            var firstOut: Point2?, secondOut: Point2?
            switch kind {
            case .sgd:
                direction = g
            case .momentum, .nesterov:
                first = t == 1 ? g : Point2(mu * first.x + g.x, mu * first.y + g.y)
                firstOut = first
                direction = kind == .momentum ? first : Point2(g.x + mu * first.x, g.y + mu * first.y)
            case .rmsprop:
                let rho = settings.rmspropAlpha
                second = Point2(second.x * rho + (1 - rho) * g.x * g.x, second.y * rho + (1 - rho) * g.y * g.y)
                secondOut = second
                direction = Point2(g.x / (second.x.squareRoot() + eps), g.y / (second.y.squareRoot() + eps))
            case .adam:
                let b1 = settings.beta1, b2 = settings.beta2
                first = Point2(first.x + (1 - b1) * (g.x - first.x), first.y + (1 - b1) * (g.y - first.y))
                second = Point2(second.x * b2 + (1 - b2) * g.x * g.x, second.y * b2 + (1 - b2) * g.y * g.y)
                firstOut = first
                secondOut = second
                let correction1 = 1 - Foundation.pow(b1, Double(t)), correction2 = 1 - Foundation.pow(b2, Double(t))
                scale = a / correction1
                let root = correction2.squareRoot()
                let d = Point2(second.x.squareRoot() / root + eps, second.y.squareRoot() / root + eps)
                denominator = d
                direction = Point2(first.x / d.x, first.y / d.y)
            }
            let after = Point2(point.x - scale * direction.x, point.y - scale * direction.y)
            let next = surface.evaluate(after.x, after.y)
            guard after.x.isFinite, after.y.isFinite, next.value.isFinite, next.gradient.x.isFinite, next.gradient.y.isFinite else {
                throw InputError("\(kind.rawValue) diverged: J = \(surface.expression) became non-finite at step \(t) of \(steps) with learning rate \(Notation.number(a, decimals: 6)); use a smaller --learning-rate or fewer --steps")
            }
            trace.append(OptimizerStep(step: t, before: point, lossBefore: here.value, gradient: g, first: firstOut,
                                       second: secondOut, direction: direction, scale: scale, denominator: denominator,
                                       after: after, lossAfter: next.value))
            point = after
            here = next
        }
        return OptimizerTrace(kind: kind, settings: settings, start: start, startLoss: startLoss, steps: trace)
    }

    /// The classic (seed/CS231n) momentum form v ← μv − αg, θ ← θ + v from the same start:
    /// with a constant α its v is −α times torch's, so its points are the same.
    public static func classicMomentumPath(settings: OptimizerSettings, surface: LossSurface, start: Point2,
                                           steps: Int) -> [Point2] {
        var point = start, v = Point2(0, 0)
        var points = [start]
        for _ in 0..<steps {
            let g = surface.evaluate(point.x, point.y).gradient
            v = Point2(settings.momentum * v.x - settings.learningRate * g.x, settings.momentum * v.y - settings.learningRate * g.y)
            point = Point2(point.x + v.x, point.y + v.y)
            points.append(point)
        }
        return points
    }
}

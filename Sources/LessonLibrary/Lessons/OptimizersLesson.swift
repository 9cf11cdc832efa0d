import Foundation
import LessonCore
import LessonFigures

/// `lesson run optimizers`: SGD, momentum, Nesterov, RMSProp and Adam with `torch.optim`'s
/// formulas and defaults on a 2-D loss surface, every step's gradient and update written out,
/// drawn over the surface's contour plot with the loss curves beside it.
///
/// Lesson file keys: `surface` (bowl, valley, rosenbrock, saddle, or an expression in x and
/// y), `optimizers` (a list), `learning-rate`, `steps`, `start` ([x, y]), `shown` (steps
/// written out per optimizer).
public enum OptimizersLesson: Lesson {
    public static let id = "optimizers"

    /// The parameters of one run.
    public struct Example: LessonExample {
        /// A named surface or an expression in x and y.
        public var surface: String = "valley"
        public var optimizers: [OptimizerKind] = OptimizerKind.allCases
        /// α; nil for the named surface's default.
        public var learningRate: Double?
        public var steps: Int = 50
        /// θ₀; nil for the named surface's start.
        public var start: Point2?
        /// Steps written out term by term per optimizer.
        public var shown: Int = 3

        /// Creates the default example.
        public init() {}

        /// Reads a variant of the lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["surface", "optimizers", "learning-rate", "steps", "start", "shown"])
            surface = try variant["surface"]?.string() ?? surface
            if let list = variant["optimizers"] {
                optimizers = try OptimizerKind.list(try list.items().map { try $0.string() }.joined(separator: ","))
            }
            learningRate = try variant["learning-rate"]?.double()
            steps = try variant["steps"]?.int() ?? steps
            if let value = variant["start"] {
                let v = try value.vector()
                guard v.count == 2 else { throw value.error("start must be two numbers [x, y]") }
                start = Point2(v[0], v[1])
            }
            shown = try variant["shown"]?.int() ?? shown
        }
    }

    /// The learning rate used when none is given: one that shows each named surface's character.
    public static func defaultLearningRate(_ surface: NamedSurface?) -> Double {
        switch surface {
        case .bowl: return 0.1
        case .valley: return 0.04
        case .rosenbrock: return 0.001
        case .saddle: return 0.02
        case nil: return 0.01
        }
    }


    /// Runs every optimizer of `example` from the same start with the same learning rate.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let named = NamedSurface(rawValue: example.surface.lowercased())
        let surface = try LossSurface(named: example.surface)
        let settings = try OptimizerSettings(learningRate: example.learningRate ?? defaultLearningRate(named))
        let start = example.start ?? named.map { Point2($0.start.x, $0.start.y) } ?? Point2(1, 1)
        guard start.x.isFinite, start.y.isFinite else { throw InputError("the start must be two finite numbers x,y") }
        guard !example.optimizers.isEmpty else { throw InputError("give at least one optimizer") }
        let traces = try example.optimizers.map {
            try Optimizer.run($0, settings: settings, surface: surface, start: start, steps: example.steps)
        }
        let window = named?.window ?? Self.window(traces)
        let grid = surface.grid(x: window.x, y: window.y, columns: 121, rows: 101)
        // A coordinate that rounds to 0 at 4 decimals but is not floating-point dust (10⁻⁹) is
        // written in scientific notation: θ = (−0.0007, −2.2×10⁻⁷), not (−0.0007, 0).
        let n = { (v: Double) in abs(v) < Notation.smallestShown ? Notation.number(v, decimals: 4) : Notation.nonzero(v) }
        let six = { (v: Double) in abs(v) < Notation.smallestShown ? Notation.number(v, decimals: 6) : Notation.nonzero(v, decimals: 6) }
        let p = { (v: Point2) in "(\(n(v.x)), \(n(v.y)))" }
        // J converges to 0: a nonzero J is never written 0 (4.4×10⁻⁷ was "J = 0").
        let j = { (v: Double) in Notation.nonzero(v) }

        var lines = heading.lines
        lines.append("")
        lines.append("J(x, y) = \(surface.expression)" + (named.map { " (the \($0.rawValue))" } ?? "") + "; start θ₀ = \(p(start)), J(θ₀) = \(j(traces[0].startLoss)); learning rate α = \(Notation.number(settings.learningRate, decimals: 6)); \(example.steps) steps.")
        lines.append("g = ∇J(θ) = (∂J/∂x, ∂J/∂y) by reverse-mode autodiff on the expression's graph (as in 'lesson run autodiff').")
        lines.append("The update rules are torch.optim's, with its defaults: momentum μ = 0.9 (dampening 0); RMSProp ρ = 0.99 (torch's alpha), ε = 1e-8 added outside the square root; Adam β₁ = 0.9, β₂ = 0.999, ε = 1e-8, bias-corrected as torch writes it. Each coordinate is updated on its own.")
        for trace in traces {
            lines.append("")
            lines.append("\(trace.kind.title) (\(trace.kind.rawValue)):")
            lines += trace.kind.rule.map { "  " + $0 }
            for step in trace.steps.prefix(example.shown) {
                lines.append("  step \(step.step): θ = \(p(step.before)), J = \(j(step.lossBefore)), g = \(p(step.gradient))")
                switch trace.kind {
                case .sgd:
                    break
                case .momentum, .nesterov:
                    if let v = step.first {
                        lines.append(step.step == 1 ? "    v = g = \(p(v))" : "    v = 0.9×v + g = \(p(v))")
                    }
                    if trace.kind == .nesterov { lines.append("    g + μv = \(p(step.direction))") }
                case .rmsprop:
                    if let s = step.second { lines.append("    s = 0.99×s + 0.01×g² = (\(six(s.x)), \(six(s.y))); g/(√s + ε) = \(p(step.direction))") }
                case .adam:
                    if let m = step.first, let v = step.second, let d = step.denominator {
                        lines.append("    m = \(p(m)), v = (\(six(v.x)), \(six(v.y)))")
                        lines.append("    denominator = √v/√(1 − 0.999^\(step.step)) + ε = \(p(d)); step size = α/(1 − 0.9^\(step.step)) = \(Notation.number(step.scale, decimals: 6))")
                    }
                }
                let scale = Notation.number(step.scale, decimals: 6)
                lines.append("    θ = \(p(step.before)) − \(scale)×\(p(step.direction)) = \(p(step.after)), J = \(j(step.lossAfter))")
            }
            if trace.steps.count > example.shown { lines.append("  … \(trace.steps.count - example.shown) more \(Counted.noun(trace.steps.count - example.shown, "step"))") }
            lines.append("  After \(trace.steps.count) steps: θ = \(p(trace.points.last ?? start)), J = \(j(trace.losses.last ?? 0))")
        }
        var classicDifference: Double?
        if let momentum = traces.first(where: { $0.kind == .momentum }) {
            let classic = Optimizer.classicMomentumPath(settings: settings, surface: surface, start: start, steps: example.steps)
            let difference = zip(classic, momentum.points).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max() ?? 0
            classicDifference = difference
            lines.append("")
            lines.append("The classic momentum form (the notes' 'momentum update'): v ← μv − αg, θ ← θ + v. Its v is −α times torch's v, so it visits the same points: the largest difference along the \(example.steps) steps is \(Notation.scientific(difference, decimals: 1)) (rounding).")
        }
        lines.append("")
        lines.append("Where each ends, after \(example.steps) steps: " + traces.map { "\($0.kind.rawValue) J = \(j($0.losses.last ?? 0))" }.joined(separator: ", "))

        var trajectories: [String: [[Double]]] = [:], losses: [String: [Double]] = [:], steps: [String: [StepPayload]] = [:]
        for trace in traces {
            trajectories[trace.kind.rawValue] = trace.points.map { [$0.x, $0.y] }
            losses[trace.kind.rawValue] = trace.losses
            steps[trace.kind.rawValue] = trace.steps.map {
                StepPayload(step: $0.step, gradient: [$0.gradient.x, $0.gradient.y], update: [$0.after.x - $0.before.x, $0.after.y - $0.before.y],
                            direction: [$0.direction.x, $0.direction.y], scale: $0.scale,
                            first: $0.first.map { [$0.x, $0.y] }, second: $0.second.map { [$0.x, $0.y] })
            }
        }
        let payload = Payload(surface: surface.name, expression: surface.expression, learningRate: settings.learningRate,
                              start: [start.x, start.y], steps: example.steps, optimizers: example.optimizers.map(\.rawValue),
                              settings: settings, trajectories: trajectories, losses: losses, trace: steps,
                              classicMomentumDifference: classicDifference)
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: payload,
                            figures: OptimizerFigures.figures(traces, grid: grid, surface: surface.expression))
    }

    /// A window around every trajectory, with a margin, for surfaces without a named window.
    static func window(_ traces: [OptimizerTrace]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let points = traces.flatMap(\.points)
        func range(_ values: [Double]) -> ClosedRange<Double> {
            let low = values.min() ?? -1, high = values.max() ?? 1
            let margin = max((high - low) * 0.15, 0.5)
            return (low - margin)...(high + margin)
        }
        return (range(points.map(\.x)), range(points.map(\.y)))
    }

    /// One step in the JSON: g, the update θ_t − θ_{t−1}, the direction and its factor, the state.
    struct StepPayload: Encodable {
        var step: Int
        var gradient: [Double]
        var update: [Double]
        var direction: [Double]
        var scale: Double
        var first: [Double]?
        var second: [Double]?
    }

    /// The JSON of a run; `trajectories` and `losses` map each optimizer to steps + 1 values.
    struct Payload: Encodable {
        var surface: String
        var expression: String
        var learningRate: Double
        var start: [Double]
        var steps: Int
        var optimizers: [String]
        var settings: OptimizerSettings
        var trajectories: [String: [[Double]]]
        var losses: [String: [Double]]
        var trace: [String: [StepPayload]]
        var classicMomentumDifference: Double?
    }
}

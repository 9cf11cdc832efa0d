import Foundation
import LessonCore
import LessonFigures

/// `lesson run gradient-descent`: GD, SGD and mini-batch gradient descent side by side on a
/// small regression data set, with the seed's J(θ) = (1/N)Σ(ŷⁱ − yⁱ)² (seeds/004), every
/// gradient of the first updates term by term, and the learning-rate regimes of the same problem.
///
/// Lesson file keys: `x`, `y` (the data), `model` (`through-origin` or `with-intercept`),
/// `start` (θ, or θ and b), `learning-rate`, `epochs`, `batch-size` (N_b), `shuffle` and
/// `seed`, `shown` (updates written out per method), `learning-rates` (the regimes; `auto` or
/// absent for fractions of the stability bound), and `expected` with `J0`, `gd`, `sgd`,
/// `mini-batch` (θ after the first updates).
public enum GradientDescentLesson: Lesson {
    public static let id = "gradient-descent"

    /// The parameters of one run.
    public struct Example: LessonExample {
        public var x: [Double]
        public var y: [Double]
        public var model: RegressionModel = .throughOrigin
        /// θ₀ (and b₀ with an intercept).
        public var start: [Double] = [0]
        public var learningRate: Double = 0.05
        public var epochs: Int = 5
        /// N_b of mini-batch descent.
        public var batchSize: Int = 2
        /// Whether each epoch visits the examples in a seeded random order.
        public var shuffle: Bool = false
        public var seed: UInt64 = 1
        /// How many updates per method are written out term by term.
        public var shown: Int = 4
        /// The learning rates of the regime comparison; nil for fractions of the bound.
        public var learningRates: [Double]?
        /// Values the lesson file states.
        public var statedInitialLoss: Double?
        public var stated: [DescentMethod: [Double]] = [:]

        /// Creates an example from data.
        public init(x: [Double], y: [Double]) {
            self.x = x
            self.y = y
        }

        /// Reads a variant of the lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["x", "y", "model", "start", "learning-rate", "epochs", "batch-size",
                                                    "shuffle", "seed", "shown", "learning-rates"])
            x = try variant.require("x", expected: "the inputs, such as [1, 2, 3, 4]").vector()
            y = try variant.require("y", expected: "the targets, such as [2, 4, 5, 8]").vector()
            if let value = variant["model"] {
                guard let model = RegressionModel(rawValue: try value.string()) else {
                    throw value.error("model must be through-origin or with-intercept")
                }
                self.model = model
            }
            start = try variant["start"]?.vector() ?? model.parameterNames.map { _ in 0 }
            learningRate = try variant["learning-rate"]?.double() ?? learningRate
            epochs = try variant["epochs"]?.int() ?? epochs
            batchSize = try variant["batch-size"]?.int() ?? batchSize
            shuffle = try variant["shuffle"]?.bool() ?? shuffle
            if let value = variant["seed"] {
                let s = try value.int()
                guard s >= 0 else { throw value.error("seed must be a whole number ≥ 0") }
                seed = UInt64(s)
            }
            shown = try variant["shown"]?.int() ?? shown
            if let value = variant["learning-rates"], (try? value.string()) != "auto" { learningRates = try value.vector() }
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["J0", "gd", "sgd", "mini-batch"])
                statedInitialLoss = try expected["J0"]?.double()
                for method in DescentMethod.allCases {
                    if let values = try expected[method.rawValue]?.vector() { stated[method] = values }
                }
            }
        }
    }


    /// Runs the three methods and the learning-rate regimes of `example`.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let data = try RegressionData(x: example.x, y: example.y)
        let descent = try GradientDescent(data: data, model: example.model, learningRate: example.learningRate,
                                          initial: example.start, epochs: example.epochs, miniBatchSize: example.batchSize,
                                          shuffleSeed: example.shuffle ? example.seed : nil)
        let traces = try DescentMethod.allCases.map { try descent.run($0) }
        let stability = QuadraticStability(hessian: data.hessian(model: example.model))
        let rates = example.learningRates ?? [0.05, 0.4, 0.75, 1.05].map { Notation.rounded($0 * stability.bound, decimals: 4) }
        var regimes: [RegimeRun] = []
        for alpha in rates {
            let run = try GradientDescent(data: data, model: example.model, learningRate: alpha, initial: example.start,
                                          epochs: 10, miniBatchSize: 1, shuffleSeed: nil).run(.gd)
            regimes.append(RegimeRun(learningRate: alpha, regime: stability.regime(alpha), theta: run.path.map { $0[0] },
                                     loss: run.losses, trace: run))
        }
        let optimum = Self.optimum(data, model: example.model)
        let text = GradientDescentText(example: example, data: data, traces: traces, stability: stability, regimes: regimes,
                                       optimum: optimum)
        var lines = heading.lines
        lines += text.lines()

        let n = { (v: Double) in Notation.number(v, decimals: 6) }
        var mismatches: [Mismatch] = []
        var checked = 0
        if let stated = example.statedInitialLoss {
            checked += 1
            if !agree(stated, traces[0].initialLoss) { mismatches.append(Mismatch(subject: "J₀", stated: n(stated), recomputed: n(traces[0].initialLoss))) }
        }
        for (method, trace) in zip(DescentMethod.allCases, traces) {
            for (k, stated) in (example.stated[method] ?? []).enumerated() {
                checked += 1
                let recomputed = k < trace.updates.count ? trace.updates[k].after[0] : .nan
                if !agree(stated, recomputed) {
                    mismatches.append(Mismatch(subject: "\(method.rawValue) θ after update \(k + 1)", stated: n(stated), recomputed: n(recomputed)))
                }
            }
        }
        lines += LessonChecks.lines(mismatches, checked: checked)

        var methods: [String: MethodPayload] = [:]
        for trace in traces {
            methods[trace.method.rawValue] = MethodPayload(
                theta: trace.updates.map { $0.after[0] }, b: example.model == .withIntercept ? trace.updates.map { $0.after[1] } : nil,
                loss: trace.updates.map(\.loss), epoch: trace.updates.map(\.epoch), batches: trace.updates.map { $0.terms.map(\.index) },
                updatesPerEpoch: trace.method.updatesPerEpoch(count: data.count, miniBatchSize: example.batchSize),
                gradient: trace.updates.map(\.gradient))
        }
        let payload = Payload(x: data.x, y: data.y, model: example.model.rawValue, learningRate: example.learningRate,
                              start: example.start, initialLoss: traces[0].initialLoss, epochs: example.epochs,
                              batchSize: example.batchSize, shuffled: example.shuffle, seed: example.shuffle ? example.seed : nil,
                              orders: traces[0].orders, methods: methods,
                              stability: .init(eigenvalues: stability.eigenvalues, bound: stability.bound,
                                               oscillationThreshold: stability.oscillationThreshold),
                              learningRates: regimes.map { .init(learningRate: $0.learningRate, regime: $0.regime.rawValue, theta: $0.theta, loss: $0.loss) },
                              optimum: optimum)
        let figures = [DescentFigures.comparison(traces, optimum: optimum.first),
                       DescentFigures.regimes(regimes.map { ("α = \(Notation.number($0.learningRate, decimals: 4)): \($0.label(bound: stability.bound))", $0.trace) },
                                              optimum: optimum.first, bound: stability.bound)]
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"), payload: payload, figures: figures,
                            mismatches: mismatches)
    }

    /// The stated numbers are written with at most 6 decimals.
    static func agree(_ a: Double, _ b: Double) -> Bool { StatedPrecision.agreesToSixDecimals(a, b) }

    /// The least-squares parameters θ* (and b*), where ∇J = 0: Σxy/Σx², or the 2 × 2 normal equations.
    static func optimum(_ data: RegressionData, model: RegressionModel) -> [Double] {
        let sxx = zip(data.x, data.x).map(*).reduce(0, +), sxy = zip(data.x, data.y).map(*).reduce(0, +)
        if model == .throughOrigin { return sxx == 0 ? [] : [sxy / sxx] }
        let n = Double(data.count), sx = data.x.reduce(0, +), sy = data.y.reduce(0, +)
        let det = n * sxx - sx * sx
        guard det != 0 else { return [] }
        return [(n * sxy - sx * sy) / det, (sxx * sy - sx * sxy) / det]
    }

    /// One run of the learning-rate comparison.
    struct RegimeRun {
        var learningRate: Double
        var regime: LearningRateRegime
        var theta: [Double]
        var loss: [Double]
        var trace: DescentTrace

        /// The regime in words: too small, smooth, oscillating, at the bound, diverging.
        func label(bound: Double) -> String {
            switch regime {
            case .smooth: return learningRate < 0.25 * bound ? "too small, slow" : "smooth convergence"
            case .oscillating: return "oscillating, converging"
            case .boundary: return "at the bound, oscillating without converging"
            case .diverging: return "diverging"
            }
        }
    }

    /// The JSON of one method: θ (and b) and J after every update, each update's batch and gradient.
    struct MethodPayload: Encodable {
        var theta: [Double]
        var b: [Double]?
        var loss: [Double]
        var epoch: [Int]
        var batches: [[Int]]
        var updatesPerEpoch: Int
        var gradient: [[Double]]
    }

    /// The JSON of a run.
    struct Payload: Encodable {
        struct Stability: Encodable {
            var eigenvalues: [Double]
            var bound: Double
            var oscillationThreshold: Double
        }
        struct Regime: Encodable {
            var learningRate: Double
            var regime: String
            var theta: [Double]
            var loss: [Double]
        }
        var x: [Double]
        var y: [Double]
        var model: String
        var learningRate: Double
        var start: [Double]
        var initialLoss: Double
        var epochs: Int
        var batchSize: Int
        var shuffled: Bool
        var seed: UInt64?
        var orders: [[Int]]
        var methods: [String: MethodPayload]
        var stability: Stability
        var learningRates: [Regime]
        var optimum: [Double]
    }
}

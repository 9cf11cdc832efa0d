import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

/// The optimizers against an independent reimplementation of torch.optim's formulas
/// (written here from the torch docs, with hand-derived gradients), along whole paths.
@Suite struct OptimizerTests {
    /// A quadratic J = a x² + b xy + c y² + d x + e y with its gradient by hand.
    struct Quadratic {
        var a, b, c, d, e: Double
        var expression: String { "\(a)*x^2 + \(b)*x*y + \(c)*y^2 + \(d)*x + \(e)*y" }
        func gradient(_ x: Double, _ y: Double) -> (Double, Double) { (2 * a * x + b * y + d, b * x + 2 * c * y + e) }
        func value(_ x: Double, _ y: Double) -> Double { a * x * x + b * x * y + c * y * y + d * x + e * y }
    }

    /// torch.optim's update rules, as its documentation writes them (weight decay 0).
    static func reference(_ kind: OptimizerKind, lr: Double, start: (Double, Double), steps: Int,
                          gradient: (Double, Double) -> (Double, Double)) -> [(Double, Double)] {
        var p = [start.0, start.1]
        var buf = [0.0, 0.0], m = [0.0, 0.0], v = [0.0, 0.0]
        var path = [start]
        for t in 1...steps {
            let (gx, gy) = gradient(p[0], p[1])
            let g = [gx, gy]
            for k in 0..<2 {
                switch kind {
                case .sgd: p[k] -= lr * g[k]
                case .momentum:
                    buf[k] = t == 1 ? g[k] : 0.9 * buf[k] + g[k]
                    p[k] -= lr * buf[k]
                case .nesterov:
                    buf[k] = t == 1 ? g[k] : 0.9 * buf[k] + g[k]
                    p[k] -= lr * (g[k] + 0.9 * buf[k])
                case .rmsprop:
                    v[k] = 0.99 * v[k] + 0.01 * g[k] * g[k]
                    p[k] -= lr * g[k] / (sqrt(v[k]) + 1e-8)
                case .adam:
                    m[k] = 0.9 * m[k] + 0.1 * g[k]
                    v[k] = 0.999 * v[k] + 0.001 * g[k] * g[k]
                    let denom = sqrt(v[k]) / sqrt(1 - pow(0.999, Double(t))) + 1e-8
                    p[k] -= lr / (1 - pow(0.9, Double(t))) * m[k] / denom
                }
            }
            path.append((p[0], p[1]))
        }
        return path
    }

    static func agree(_ got: [Point2], _ want: [(Double, Double)], tolerance: Double = 1e-7) -> Bool {
        got.count == want.count && zip(got, want).allSatisfy {
            abs($0.x - $1.0) <= tolerance * max(1, abs($1.0)) && abs($0.y - $1.1) <= tolerance * max(1, abs($1.1))
        }
    }

    /// Random convex quadratics, starts and learning rates (below the stability bound), every optimizer, 60 steps.
    @Test(arguments: 1...25 as ClosedRange<UInt64>)
    func randomQuadraticsAgreeWithTorchFormulas(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let a = Double(random.int(1...40)) / 10, c = Double(random.int(1...40)) / 10
        let b = Double(random.int(-10...10)) / 10 * min(a, c)
        let q = Quadratic(a: a, b: b, c: c, d: Double(random.int(-30...30)) / 10, e: Double(random.int(-30...30)) / 10)
        let surface = try LossSurface(expression: q.expression)
        let start = Point2(random.uniform(-5...5), random.uniform(-5...5))
        let lr = random.uniform(0.001...0.08)
        for kind in OptimizerKind.allCases {
            let trace = try Optimizer.run(kind, settings: try OptimizerSettings(learningRate: lr), surface: surface, start: start, steps: 60)
            let want = Self.reference(kind, lr: lr, start: (start.x, start.y), steps: 60, gradient: q.gradient)
            #expect(Self.agree(trace.points, want), "seed \(seed), \(kind), α = \(lr), \(q.expression): \(trace.points.last!) vs \(want.last!)")
            #expect(trace.points.count == 61 && trace.losses.count == 61)
            #expect(zip(trace.points, trace.losses).allSatisfy { abs(q.value($0.x, $0.y) - $1) <= 1e-9 * max(1, abs($1)) })
        }
    }

    /// Rosenbrock, with its gradient by hand: ∂/∂x = −2(1 − x) − 400x(y − x²), ∂/∂y = 200(y − x²).
    @Test(arguments: 1...5 as ClosedRange<UInt64>)
    func rosenbrockAgreesWithTorchFormulas(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let surface = try LossSurface(named: "rosenbrock")
        let start = Point2(random.uniform(-1.5...1.5), random.uniform(-0.5...2))
        let lr = random.uniform(0.0001...0.001)
        for kind in OptimizerKind.allCases {
            let trace = try Optimizer.run(kind, settings: try OptimizerSettings(learningRate: lr), surface: surface, start: start, steps: 100)
            let want = Self.reference(kind, lr: lr, start: (start.x, start.y), steps: 100) { x, y in
                (-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x))
            }
            #expect(Self.agree(trace.points, want), "seed \(seed), \(kind): \(trace.points.last!) vs \(want.last!)")
        }
    }

    /// Numbers worked by hand on J = x² + 10y² from (−4, 1.5), α = 0.01: g = (−8, 30).
    @Test func firstStepsByHand() throws {
        let surface = try LossSurface(named: "valley")
        let settings = try OptimizerSettings(learningRate: 0.01)
        let start = Point2(-4, 1.5)
        let sgd = try Optimizer.run(.sgd, settings: settings, surface: surface, start: start, steps: 2)
        #expect(sgd.steps[0].gradient == Point2(-8, 30) && sgd.startLoss == 38.5)
        #expect(abs(sgd.points[1].x - -3.92) < 1e-15 && abs(sgd.points[1].y - 1.2) < 1e-15)
        // Momentum, step 2: g = (−7.84, 24), v = 0.9(−8, 30) + g = (−15.04, 51), θ = (−3.92, 1.2) − 0.01v.
        let momentum = try Optimizer.run(.momentum, settings: settings, surface: surface, start: start, steps: 2)
        #expect(abs(momentum.points[2].x - -3.7696) < 1e-12 && abs(momentum.points[2].y - 0.69) < 1e-12)
        // Adam's first step moves every coordinate by α (m̂/√v̂ = ±1): (−3.99, 1.49).
        let adam = try Optimizer.run(.adam, settings: settings, surface: surface, start: start, steps: 1)
        #expect(abs(adam.points[1].x - -3.99) < 1e-9 && abs(adam.points[1].y - 1.49) < 1e-9)
        // RMSProp's first step: s = 0.01g², so θ moves by α·g/(0.1|g| + ε) ≈ 10α = 0.1 per coordinate.
        let rms = try Optimizer.run(.rmsprop, settings: settings, surface: surface, start: start, steps: 1)
        #expect(abs(rms.points[1].x - (-4 + 0.01 * 8 / (0.8 + 1e-8))) < 1e-15)
    }

    /// The classic form v ← μv − αg, θ ← θ + v visits the same points as torch's.
    @Test(arguments: 1...10 as ClosedRange<UInt64>)
    func classicMomentumGivesTheSamePath(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let surface = try LossSurface(named: NamedSurface.allCases[Int(seed) % 3].rawValue)
        let settings = try OptimizerSettings(learningRate: random.uniform(0.0001...0.002))
        let start = Point2(random.uniform(-1...1), random.uniform(-1...1))
        let torch = try Optimizer.run(.momentum, settings: settings, surface: surface, start: start, steps: 50).points
        let classic = Optimizer.classicMomentumPath(settings: settings, surface: surface, start: start, steps: 50)
        #expect(Self.agree(torch, classic.map { ($0.x, $0.y) }, tolerance: 1e-10), "seed \(seed)")
    }

    /// The surface's autodiff gradient matches central differences at seeded points.
    @Test(arguments: 1...10 as ClosedRange<UInt64>)
    func surfaceGradientMatchesFiniteDifferences(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let surface = try LossSurface(expression: "sin(x*y) + exp(0.3*x) * y^2 + tanh(x - y) + log(1 + x^2)")
        let x = random.uniform(-2...2), y = random.uniform(-2...2), h = 1e-6
        let g = surface.evaluate(x, y).gradient
        let nx = (surface.value(x + h, y) - surface.value(x - h, y)) / (2 * h)
        let ny = (surface.value(x, y + h) - surface.value(x, y - h)) / (2 * h)
        #expect(abs(g.x - nx) < 1e-6 && abs(g.y - ny) < 1e-6, "seed \(seed) at (\(x), \(y)): \(g) vs (\(nx), \(ny))")
    }

    /// A loss surface's value and gradient are the autodiff lesson's forward and backward
    /// passes on the same graph, to the last bit: the surface reads only the numbers of the
    /// local derivatives the lesson writes out (`ComputationGraph.localValue`).
    @Test(arguments: 1...8 as ClosedRange<UInt64>)
    func surfaceIsTheAutodiffLessonsForwardAndBackward(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let expressions = ["x^2 + 10*y^2", "(1 - x)^2 + 100*(y - x^2)^2", "x^2 - y^2", "sigmoid(x) / (1 + y^2) - cos(x - y)",
                           "sin(x*y) + exp(0.3*x) * y^2 + tanh(x - y) + log(1 + x^2)", "-(x^3) + x^y"]
        for expression in expressions {
            let surface = try LossSurface(expression: expression)
            let x = random.uniform(0.2...2), y = random.uniform(-2...2)
            let forward = try surface.graph.forward(at: ["x": x, "y": y])
            let backward = surface.graph.backward(forward)
            let (value, gradient) = surface.evaluate(x, y)
            let adjoint = { (name: String) in surface.graph.nodes.first { $0.variable == name }.map { backward.adjoints[$0.id] } ?? 0 }
            #expect(value.bitPattern == forward.output.bitPattern && surface.value(x, y).bitPattern == value.bitPattern,
                    "\(expression) at (\(x), \(y)): \(value) against \(forward.output)")
            #expect(gradient.x.bitPattern == adjoint("x").bitPattern && gradient.y.bitPattern == adjoint("y").bitPattern,
                    "\(expression) at (\(x), \(y)): \(gradient) against (\(adjoint("x")), \(adjoint("y")))")
        }
    }

    @Test func badInput() throws {
        #expect(throws: InputError("the learning rate must be a number above 0, got 0")) { try OptimizerSettings(learningRate: 0) }
        #expect(throws: InputError("the learning rate must be a number above 0, got NaN")) { try OptimizerSettings(learningRate: .nan) }
        #expect(throws: InputError("the surface \"x^2 + z^2\" uses the variable z; a loss surface is a function of x and y only")) {
            try LossSurface(expression: "x^2 + z^2")
        }
        #expect(throws: InputError.self) { try LossSurface(named: "x^2 +") }
        #expect(throws: InputError("--optimizer sgd,adamw: 'adamw' is not an optimizer; expected a comma list of sgd, momentum, nesterov, rmsprop, adam (or all)")) {
            try OptimizerKind.list("sgd,adamw")
        }
        // On the valley with α = 1, y is multiplied by 1 − 20 = −19 each SGD step and overflows.
        let surface = try LossSurface(named: "valley")
        do {
            _ = try Optimizer.run(.sgd, settings: try OptimizerSettings(learningRate: 1), surface: surface, start: Point2(-4, 1.5), steps: 1000)
            Issue.record("α = 1 should diverge")
        } catch let error as InputError {
            let prefix = "sgd diverged: J = x^2 + 10*y^2 became non-finite at step "
            #expect(error.message.hasPrefix(prefix), "\(error.message)")
            let step = Int(error.message.dropFirst(prefix.count).prefix { $0.isNumber }) ?? 0
            // 10·(1.5·19ᵗ)² overflows once t > log(1.797e308/22.5)/(2 log 19) ≈ 120.0004, at step 121.
            #expect(step == 121, "\(error.message)")
            _ = try Optimizer.run(.sgd, settings: try OptimizerSettings(learningRate: 1), surface: surface, start: Point2(-4, 1.5), steps: step - 1)
        }
    }
}

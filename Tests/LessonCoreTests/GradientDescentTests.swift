import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

@Suite struct GradientDescentTests {
    /// EXAMPLES.md, "Gradient descent": ŷ = θx on x = (1, 2, 3, 4), y = (2, 4, 5, 8), θ₀ = 0, α = 0.05.
    static func notes(epochs: Int = 1, seed: UInt64? = nil, model: RegressionModel = .throughOrigin) throws -> GradientDescent {
        try GradientDescent(data: try RegressionData(x: [1, 2, 3, 4], y: [2, 4, 5, 8]), model: model, learningRate: 0.05,
                            initial: model == .throughOrigin ? [0] : [0, 0], epochs: epochs, miniBatchSize: 2,
                            shuffleSeed: seed)
    }

    @Test func notesExampleNumbers() throws {
        let descent = try Self.notes()
        let gd = try descent.run(.gd), sgd = try descent.run(.sgd), mini = try descent.run(.miniBatch)
        #expect(abs(gd.initialLoss - 27.25) < 1e-12, "J₀ = \(gd.initialLoss)")
        #expect(gd.updates.count == 1 && abs(gd.updates[0].after[0] - 1.425) < 1e-12, "GD θ₁ = \(gd.updates[0].after[0])")
        #expect(abs(gd.updates[0].gradient[0] - -28.5) < 1e-12)
        #expect(gd.updates[0].terms.map(\.gradient[0]) == [-4, -16, -30, -64], "2(θxⁱ − yⁱ)xⁱ at θ = 0")
        let sgdPath = sgd.updates.map { $0.after[0] }
        for (got, want) in zip(sgdPath, [0.2, 0.92, 1.592, 2.2448]) { #expect(abs(got - want) < 1e-12, "SGD path \(sgdPath)") }
        #expect(sgdPath.count == 4)
        let miniPath = mini.updates.map { $0.after[0] }
        #expect(miniPath.count == 2 && abs(miniPath[0] - 0.5) < 1e-12 && abs(miniPath[1] - 2.225) < 1e-12, "mini-batch \(miniPath)")
        #expect(mini.updates.map { $0.terms.map(\.index) } == [[0, 1], [2, 3]])
    }

    /// The seed's count: N = 100 gives 1 update per epoch for GD, 100 for SGD and 5 with batches of 20.
    @Test func updatesPerEpoch() {
        #expect(DescentMethod.gd.updatesPerEpoch(count: 100, miniBatchSize: 20) == 1)
        #expect(DescentMethod.sgd.updatesPerEpoch(count: 100, miniBatchSize: 20) == 100)
        #expect(DescentMethod.miniBatch.updatesPerEpoch(count: 100, miniBatchSize: 20) == 5)
        #expect(DescentMethod.miniBatch.updatesPerEpoch(count: 10, miniBatchSize: 3) == 4, "the last batch is smaller")
    }

    /// The stability bound of the notes' quadratic: J″ = (2/N)Σx² = 15, so α < 2/15 converges.
    @Test func stabilityBoundOfTheNotesProblem() throws {
        let data = try RegressionData(x: [1, 2, 3, 4], y: [2, 4, 5, 8])
        let stability = QuadraticStability(hessian: data.hessian(model: .throughOrigin))
        #expect(abs(stability.largest - 15) < 1e-12 && abs(stability.bound - 2.0 / 15) < 1e-15)
        #expect(stability.regime(0.05) == .smooth && stability.regime(0.1) == .oscillating && stability.regime(0.15) == .diverging)
        // Checked by running: the distance to θ* = Σxy/Σx² shrinks below the bound and grows above it.
        let optimum = 57.0 / 30
        for (alpha, converges) in [(0.13, true), (0.135, false)] {
            let descent = try GradientDescent(data: data, model: .throughOrigin, learningRate: alpha, initial: [0], epochs: 40,
                                              miniBatchSize: 1, shuffleSeed: nil)
            let path = try descent.run(.gd).path.map { abs($0[0] - optimum) }
            #expect(((path.last ?? 0) < path[0]) == converges, "α = \(alpha): \(path.last ?? 0)")
        }
    }

    /// With an intercept, the Hessian is (2/N)[Σx² Σx; Σx N] and the eigenvalues are its closed form.
    @Test func interceptHessianEigenvalues() throws {
        let data = try RegressionData(x: [1, 2, 3, 4], y: [2, 4, 5, 8])
        let h = data.hessian(model: .withIntercept)
        #expect(h == [[15, 5], [5, 2]])
        let s = QuadraticStability(hessian: h)
        for lambda in s.eigenvalues { #expect(abs((15 - lambda) * (2 - lambda) - 25) < 1e-9, "det(H − λI) = 0 for λ = \(lambda)") }
    }

    /// Seeded shuffles: the same seed gives the same orders, each a permutation; a batch
    /// average equals the mean of the per-example gradients, and the gradient matches finite differences.
    @Test(arguments: 1...20 as ClosedRange<UInt64>)
    func seededRuns(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let n = random.int(2...9)
        let data = try RegressionData(x: random.values(n), y: random.values(n))
        let model: RegressionModel = seed % 2 == 0 ? .throughOrigin : .withIntercept
        let descent = try GradientDescent(data: data, model: model, learningRate: 0.01, initial: model.parameterNames.map { _ in random.uniform(-1...1) },
                                          epochs: 3, miniBatchSize: random.int(1...n), shuffleSeed: seed)
        #expect(descent.orders() == descent.orders(), "seed \(seed): orders are reproducible")
        for order in descent.orders() { #expect(order.sorted() == Array(0..<n), "seed \(seed): \(order) is a permutation") }
        let trace = try descent.run(.miniBatch)
        #expect(trace.updates.count == 3 * DescentMethod.miniBatch.updatesPerEpoch(count: n, miniBatchSize: descent.miniBatchSize))
        for update in trace.updates {
            // An independent gradient: finite differences of the batch loss (1/|B|)Σ(ŷⁱ − yⁱ)².
            let batch = update.terms.map(\.index)
            func batchLoss(_ p: [Double]) -> Double {
                batch.map { i in pow(model.predict(data.x[i], parameters: p) - data.y[i], 2) }.reduce(0, +) / Double(batch.count)
            }
            for k in update.before.indices {
                var plus = update.before, minus = update.before
                plus[k] += 1e-6
                minus[k] -= 1e-6
                let numeric = (batchLoss(plus) - batchLoss(minus)) / 2e-6
                #expect(abs(numeric - update.gradient[k]) < 1e-5 * max(1, abs(numeric)), "seed \(seed), step \(update.step): \(numeric) vs \(update.gradient[k])")
            }
        }
    }

    @Test func badInput() throws {
        let data = try RegressionData(x: [1, 2], y: [1, 2])
        for alpha in [0, -0.1, .nan, .infinity] {
            #expect(throws: InputError.self) {
                try GradientDescent(data: data, model: .throughOrigin, learningRate: alpha, initial: [0], epochs: 1, miniBatchSize: 1, shuffleSeed: nil)
            }
        }
        #expect(throws: InputError("the data set has 2 inputs x but 1 target y; give one target per input")) {
            try RegressionData(x: [1, 2], y: [1])
        }
        let diverging = try GradientDescent(data: data, model: .throughOrigin, learningRate: 100, initial: [0], epochs: 1000,
                                            miniBatchSize: 1, shuffleSeed: nil)
        do {
            _ = try diverging.run(.gd)
            Issue.record("α = 100 should diverge")
        } catch let error as InputError {
            #expect(error.message.hasPrefix("gd diverged: J is no longer a finite number after update "), "\(error.message)")
        }
    }
}

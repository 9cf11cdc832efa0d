import LessonTestSupport
import Foundation
import LessonCore
import Testing

/// Properties of pooling over seeded random cases; each failure names its seed.
@Suite struct Pool2DPropertyTests {
    static let seeds: [UInt64] = Array(1...300)

    @Test func forwardAgreesWithAnIndependentReference() throws {
        for seed in Self.seeds {
            let c = RandomPoolingCase(seed: seed)
            let trace = try c.pool.forward(c.input)
            let expected = referencePool(c.input, c.pool)
            #expect(trace.output.shape == expected.shape, "\(c)")
            #expect(trace.output.shape == trace.outputSizes.map(\.output), "output shape vs formula, \(c)")
            guard trace.output.shape == expected.shape else { continue }
            for (a, b) in zip(trace.output.scalars, expected.scalars) {
                #expect(agree(a, b, absolute: 1e-12), "\(c): \(a) vs reference \(b)")
            }
        }
    }

    @Test func maxIsAtLeastEveryElementOfItsWindowAndMinAtMost() throws {
        for seed in Self.seeds {
            for op in [PoolingOp.max, .min] {
                let c = RandomPoolingCase(seed: seed, op: op)
                let trace = try c.pool.forward(c.input)
                for step in trace.steps {
                    let real = step.cells.filter { !$0.isPadding }
                    #expect(!real.isEmpty, "\(c): a window of only padding")
                    for cell in real {
                        #expect(op == .max ? step.value >= cell.value : step.value <= cell.value, "\(c): \(step.label) vs \(cell.value)")
                    }
                    let winner = try #require(step.winnerCell, "\(c)")
                    #expect(!winner.isPadding && winner.value == step.value, "\(c): \(step.label)")
                    // The winner is the first of the window's best cells in row-major order.
                    #expect(step.cells.firstIndex { !$0.isPadding && $0.value == step.value } == step.winner, "\(c): \(step.label)")
                }
            }
        }
    }

    @Test func averageOfAConstantIsThatConstant() throws {
        for seed in Self.seeds {
            var c = RandomPoolingCase(seed: seed, op: .avg)
            var rng = SplitMix64(seed: seed &* 31)
            let constant = Double.random(in: -5...5, using: &rng)
            c.input = c.input.map { _ in constant }
            // Padding counted as 0 lowers an average; without padding, or leaving it out, the constant remains.
            if c.pool.padding != Pair2(0) { c.pool.countIncludePad = false }
            let trace = try c.pool.forward(c.input)
            for value in trace.output.scalars {
                #expect(agree(value, constant, absolute: 1e-12), "\(c): \(value) vs \(constant)")
            }
        }
    }

    @Test func maxBackwardPutsEachUpstreamValueOnExactlyOneInputCellOfItsWindow() throws {
        for seed in Self.seeds {
            for op in [PoolingOp.max, .min] {
                let c = RandomPoolingCase(seed: seed, op: op)
                let trace = try c.pool.forward(c.input)
                var rng = SplitMix64(seed: seed ^ 0xABCD)
                let upstream = trace.output.map { _ in Double(Int.random(in: 1...9, using: &rng)) }
                let backward = try c.pool.backward(trace, upstream: upstream)
                for (forward, back) in zip(trace.steps, backward.steps) {
                    #expect(back.targets.count == 1, "\(c): \(back.label)")
                    let target = try #require(back.targets.first)
                    #expect(target.amount == upstream[forward.row, forward.column], "\(c): \(back.label)")
                    #expect(forward.windowRows.contains(target.row) && forward.windowColumns.contains(target.column), "\(c): \(back.label)")
                    #expect(c.input[target.row, target.column] == forward.value, "\(c): \(back.label) lands on a non-winner")
                }
            }
        }
    }

    @Test func backwardSumsAreConserved() throws {
        for seed in Self.seeds {
            let c = RandomPoolingCase(seed: seed)
            let trace = try c.pool.forward(c.input)
            var rng = SplitMix64(seed: seed ^ 0x5EED)
            let upstream = trace.output.map { _ in Double.random(in: -3...3, using: &rng) }
            let backward = try c.pool.backward(trace, upstream: upstream)
            #expect(agree(backward.gradientSum + backward.droppedOnPadding, upstream.sum, absolute: 1e-9),
                    "\(c): Σ∂L/∂x \(backward.gradientSum) + dropped \(backward.droppedOnPadding) vs Σ∂L/∂y \(upstream.sum)")
            if c.pool.op != .avg || c.pool.padding == Pair2(0) || !c.pool.countIncludePad {
                #expect(backward.droppedOnPadding == 0, "\(c)")
            }
        }
    }

    @Test func backwardMatchesFiniteDifferences() throws {
        // L = Σ upstream ∘ y. Average pooling is linear, so central differences are exact up to
        // rounding; max and min are piecewise linear, exact when no tie is within h (decimal inputs).
        let h = 1e-6
        for seed in Self.seeds {
            let c = RandomPoolingCase(seed: seed)
            guard c.input.scalars.contains(where: { $0 != $0.rounded() }) else { continue }
            let trace = try c.pool.forward(c.input)
            var rng = SplitMix64(seed: seed ^ 0xF00D)
            let upstream = trace.output.map { _ in Double.random(in: -2...2, using: &rng) }
            let backward = try c.pool.backward(trace, upstream: upstream)
            func loss(_ x: Tensor) throws -> Double {
                let y = try c.pool.forward(x).output
                return zip(y.scalars, upstream.scalars).reduce(0) { $0 + $1.0 * $1.1 }
            }
            for index in 0..<c.input.count {
                var plus = c.input, minus = c.input
                plus[index] += h
                minus[index] -= h
                let numeric = (try loss(plus) - loss(minus)) / (2 * h)
                #expect(agree(numeric, backward.gradient[index], absolute: 1e-6), "\(c): cell \(index) numeric \(numeric) vs \(backward.gradient[index])")
            }
        }
    }

    @Test func traceRoundTripsThroughJSON() throws {
        for seed in Self.seeds.prefix(20) {
            let c = RandomPoolingCase(seed: seed)
            let trace = try c.pool.forward(c.input)
            let decoded = try JSONDecoder().decode(PoolingTrace.self, from: try JSONEncoder().encode(trace))
            #expect(decoded == trace, "\(c)")
            let backward = try c.pool.backward(trace, upstream: trace.output)
            let back = try JSONDecoder().decode(PoolingBackwardTrace.self, from: try JSONEncoder().encode(backward))
            #expect(back == backward, "\(c)")
        }
    }
}

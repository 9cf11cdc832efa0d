import LessonTestSupport
import Testing
@testable import LessonCore

/// The backward pass of a convolution against finite differences and a hand-checked case.
@Suite struct Conv2DBackwardTests {
    @Test func handCheckedCase() throws {
        // x = 1..9 as 3×3, w 2×2, G all ones: ∂L/∂w[u,v] is the sum of the 2×2 block of x at (u, v).
        let x = Tensor(shape: [3, 3], scalars: (1...9).map(Double.init))
        let w = Tensor(rows: [[1, 2], [3, 4]])
        let conv = Conv2D(kernel: w, bias: 0.5)
        let forward = try conv.forward(x)
        let back = try conv.backward(forward, upstream: Tensor(shape: [2, 2], repeating: 1))
        #expect(back.gradKernel == Tensor(rows: [[12, 16], [24, 28]]))
        #expect(back.gradBias == 4)
        // The corner x[1,1] meets only w[1,1]; the centre meets all four weights.
        #expect(back.gradInput == Tensor(rows: [[1, 3, 2], [4, 10, 6], [3, 7, 4]]))
        #expect(back.inputSteps[4].text == "∂L/∂x[2,2] = 1×4 + 1×3 + 1×2 + 1×1 = 10")
    }

    /// The property: every gradient equals the central finite difference of L = Σ G ∘ z
    /// (L is linear in each parameter, so the difference is exact up to rounding; 1e-6 absorbs it).
    @Test func gradientsMatchFiniteDifferences() throws {
        var generator = SplitMix64(seed: 2026)
        for seed in 0..<60 {
            let n = Int.random(in: 3...7, using: &generator), m = Int.random(in: 3...7, using: &generator)
            let k = Int.random(in: 1...3, using: &generator)
            let conv0 = Conv2D(
                kernel: Tensor(shape: [k, k], scalars: (0..<(k * k)).map { _ in Double.random(in: -2...2, using: &generator) }),
                bias: Double.random(in: -1...1, using: &generator),
                padding: Pair2(rows: Int.random(in: 0...2, using: &generator), columns: Int.random(in: 0...2, using: &generator)),
                stride: Pair2(rows: Int.random(in: 1...3, using: &generator), columns: Int.random(in: 1...3, using: &generator)),
                dilation: Pair2(Int.random(in: 1...2, using: &generator)),
                mode: Bool.random(using: &generator) ? .convolution : .crossCorrelation)
            let x = Tensor(shape: [n, m], scalars: (0..<(n * m)).map { _ in Double.random(in: -3...3, using: &generator) })
            guard let forward = try? conv0.forward(x) else { continue }
            let g = Tensor(shape: forward.output.shape,
                           scalars: (0..<forward.output.count).map { _ in Double.random(in: -1...1, using: &generator) })
            let back = try conv0.backward(forward, upstream: g)
            func loss(_ conv: Conv2D, _ input: Tensor) throws -> Double {
                let z = try conv.forward(input).output
                return zip(z.scalars, g.scalars).reduce(0) { $0 + $1.0 * $1.1 }
            }
            let h = 1e-4
            for i in 0..<x.count {
                var plus = x, minus = x
                plus[i] += h; minus[i] -= h
                let numeric = (try loss(conv0, plus) - loss(conv0, minus)) / (2 * h)
                #expect(abs(numeric - back.gradInput[i]) < 1e-6, "seed \(seed): ∂L/∂x flat \(i): \(numeric) vs \(back.gradInput[i])")
            }
            for i in 0..<conv0.kernel.count {
                var plus = conv0, minus = conv0
                plus.kernel[i] += h; minus.kernel[i] -= h
                let numeric = (try loss(plus, x) - loss(minus, x)) / (2 * h)
                #expect(abs(numeric - back.gradKernel[i]) < 1e-6, "seed \(seed): ∂L/∂w flat \(i): \(numeric) vs \(back.gradKernel[i])")
            }
            var plus = conv0, minus = conv0
            plus.bias += h; minus.bias -= h
            #expect(abs((try loss(plus, x) - loss(minus, x)) / (2 * h) - back.gradBias) < 1e-6, "seed \(seed): ∂L/∂b")
        }
    }

    @Test func upstreamOfTheWrongShapeIsNamed() throws {
        let conv = Conv2D(kernel: Tensor(rows: [[1, 0], [0, 1]]))
        let forward = try conv.forward(Tensor(shape: [3, 3], repeating: 1))
        #expect(throws: InputError("the upstream gradient is 3×3 but the output is 2×2; ∂L/∂z must have the output's shape")) {
            try conv.backward(forward, upstream: Tensor(shape: [3, 3]))
        }
    }
}

import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

/// Issue 16: constant subexpressions need no gradient, and an undefined gradient says so.
@Suite struct AutodiffConstantTests {
    /// x^2^2 = x^(2^2) = x⁴: at x = −0.5, J = 0.0625 and ∂J/∂x = 4x³ = −0.5. The exponent 2^2
    /// is a constant subexpression; asking for its partial (x^v·log x) gave NaN before.
    @Test func aConstantExponentSubexpressionGetsNoGradient() throws {
        let graph = ComputationGraph(try ExpressionParser.parse("x^2^2"))
        let backward = graph.backward(try graph.forward(at: ["x": -0.5]))
        #expect(backward.forward.output == 0.0625)
        #expect(backward.gradient["x"] == -0.5)
        #expect(backward.adjoints.allSatisfy { $0.isFinite }, "\(backward.adjoints)")
        let exponent = try #require(graph.nodes.first { $0.formula == "2^2" })
        #expect(backward.isConstant[exponent.id])
        #expect(backward.gradientGap(exponent.id) == "a constant: no gradient is needed")
        #expect(!backward.steps.contains { $0.input == exponent.id })
    }

    /// Over seeded x < 0 and constant exponents, ∂(x^(a^b))/∂x matches n·x^(n−1) with n = a^b.
    @Test func constantExponentsMatchTheClosedForm() throws {
        for seed in UInt64(1)...40 {
            var g = SplitMix64(seed: seed)
            let x = -Double.random(in: 0.1...2, using: &g)
            let a = Int.random(in: 1...3, using: &g), b = Int.random(in: 1...2, using: &g)
            let graph = ComputationGraph(try ExpressionParser.parse("x^\(a)^\(b)"))
            let backward = graph.backward(try graph.forward(at: ["x": x]))
            let n = pow(Double(a), Double(b))
            let exact = n * pow(x, n - 1)
            #expect(abs((backward.gradient["x"] ?? .nan) - exact) <= 1e-12 * max(1, abs(exact)), "seed \(seed): x = \(x), x^\(a)^\(b)")
        }
    }

    /// ∂(x^y)/∂y = x^y·log x has no real value for x < 0: the gap names why, not overflow.
    @Test func anUndefinedGradientSaysWhy() throws {
        let graph = ComputationGraph(try ExpressionParser.parse("x^y"))
        let backward = graph.backward(try graph.forward(at: ["x": -0.5, "y": 2]))
        #expect(backward.gradient["x"] == -1)
        let y = try #require(graph.nodes.first { $0.variable == "y" })
        #expect(backward.gradientGap(y.id)?.hasPrefix("undefined over the real numbers") == true)
    }
}

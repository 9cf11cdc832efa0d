import LessonTestSupport
import Testing
@testable import LessonCore

/// The 1-D convolution against the notes (seeds/004) and a plain reference.
@Suite struct Conv1DTests {
    let x: [Double] = [4, 1, 1, 2, 3, 5, 8, 13]
    let w: [Double] = [1, -2, 1]

    @Test func validGivesTheNotesZ2ToZ7() throws {
        let trace = try Conv1D(kernel: w).forward(x)
        #expect(trace.output == [3, 1, 0, 1, 1, 2])
        #expect(trace.steps.map(\.label) == ["z₂", "z₃", "z₄", "z₅", "z₆", "z₇"])
        #expect(trace.steps[0].text == "z₂ = 1×4 + (−2)×1 + 1×1 = 3")
        #expect(trace.steps[1].text == "z₃ = 1×1 + (−2)×1 + 1×2 = 1")
    }

    @Test func zeroPaddingGivesTheNotesZ1ToZ8() throws {
        let trace = try Conv1D(kernel: w, padding: 1).forward(x)
        #expect(trace.output == [-7, 3, 1, 0, 1, 1, 2, -18])
        #expect(trace.paddedInput == [0, 4, 1, 1, 2, 3, 5, 8, 13, 0])
        #expect(trace.steps.first?.text == "z₁ = 1×0 + (−2)×4 + 1×1 = −7")
        #expect(trace.steps.last?.text == "z₈ = 1×8 + (−2)×13 + 1×0 = −18")
        #expect(trace.steps.first?.terms.first?.isPadding == true)
    }

    /// A named kernel of the notes and its zero-padded output on x.
    struct NamedKernel: Sendable, CustomTestStringConvertible {
        var name: String
        var kernel: [Double]
        var expected: [Double]
        var testDescription: String { name }
    }

    static let namedKernels: [NamedKernel] = [
        NamedKernel(name: "average", kernel: [1.0 / 3, 1.0 / 3, 1.0 / 3], expected: [5.0 / 3, 2, 4.0 / 3, 2, 10.0 / 3, 16.0 / 3, 26.0 / 3, 7]),
        NamedKernel(name: "sharpen", kernel: [-1, 4, -1], expected: [15, -1, 1, 4, 5, 9, 14, 44]),
        NamedKernel(name: "derivative", kernel: [-0.5, 0, 0.5], expected: [0.5, -1.5, 0.5, 1, 1.5, 2.5, 4, -4]),
        NamedKernel(name: "second derivative", kernel: [1, -2, 1], expected: [-7, 3, 1, 0, 1, 1, 2, -18]),
    ]

    @Test(arguments: namedKernels)
    func namedKernelsOfTheNotes(_ case_: NamedKernel) throws {
        let (name, expected) = (case_.name, case_.expected)
        let trace = try Conv1D(kernel: case_.kernel, padding: 1).forward(x)
        #expect(trace.output.count == expected.count, "\(name)")
        for (got, want) in zip(trace.output, expected) { #expect(agree(got, want), "\(name): \(got) vs \(want)") }
    }

    @Test func outputsAreNumberedWhenACentreFallsOnPadding() throws {
        let trace = try Conv1D(kernel: w, padding: 2).forward(x)
        #expect(!trace.namedByCentre)
        #expect(trace.steps.first?.label == "z₁")
        #expect(trace.output.count == 10)
    }

    @Test func aWrongWorkedSumIsReportedTermByTerm() throws {
        let trace = try Conv1D(kernel: w).forward(x)
        let wrong = try StatedSum.parse("1×4 + (−2)×2 + 1×1 = 3")
        let mismatches = trace.check(statedOutput: [3, 1, 0, 1, 1, 2], statedSums: [(name: 2, sum: wrong)])
        #expect(mismatches.count == 1)
        #expect(mismatches.first?.details.contains("term 2 uses 2 where the window has 1") == true)
        #expect(mismatches.first?.details.contains("the stated terms add up to 1, not 3") == true)
        #expect(trace.check(statedOutput: [3, 1, 0, 1, 1, 9]).first?.subject == "z₇")
    }

    @Test func emptyOutputSaysWhichTermIsBelowZero() {
        #expect(throws: InputError.self) { try Conv1D(kernel: [1, 2, 3, 4]).forward([1, 2]) }
        do {
            _ = try Conv1D(kernel: [1, 2, 3], dilation: 3).forward([1, 2, 3, 4, 5, 6])
            Issue.record("a 7-wide dilated kernel on 6 values must fail")
        } catch let error as InputError {
            #expect(error.message.contains("n + 2p − d(k − 1) − 1 = −1 is below 0"), "\(error.message)")
        } catch { Issue.record("unexpected \(error)") }
    }

    /// Property: the direct sum equals a plain reference, the length matches the formula, and
    /// the true convolution equals cross-correlation with the reversed kernel.
    @Test func randomCasesAgreeWithAReference() throws {
        for seed in UInt64(1)...200 {
            var rng = SplitMix64(seed: seed)
            let n = rng.int(1...12), k = rng.int(1...5), p = rng.int(0...3), s = rng.int(1...3), d = rng.int(1...3)
            let input = rng.values(n), kernel = rng.values(k), bias = Double(rng.int(-3...3))
            let size = OutputSize(axis: "length", input: n, kernel: k, padding: p, stride: s, dilation: d)
            guard size.numerator >= 0 else {
                #expect(throws: InputError.self, "seed \(seed)") { try Conv1D(kernel: kernel, padding: p, stride: s, dilation: d).forward(input) }
                continue
            }
            let trace = try Conv1D(kernel: kernel, bias: bias, padding: p, stride: s, dilation: d).forward(input)
            let padded = Array(repeating: 0.0, count: p) + input + Array(repeating: 0.0, count: p)
            let reference = (0..<size.output).map { i in (0..<k).reduce(bias) { $0 + kernel[$1] * padded[i * s + $1 * d] } }
            #expect(trace.output == reference, "seed \(seed): n \(n) k \(k) p \(p) s \(s) d \(d)")
            #expect(trace.output.count == (n + 2 * p - d * (k - 1) - 1) / s + 1, "seed \(seed)")
            let flipped = try Conv1D(kernel: kernel, bias: bias, padding: p, stride: s, dilation: d, mode: .convolution).forward(input)
            let reversed = try Conv1D(kernel: kernel.reversed(), bias: bias, padding: p, stride: s, dilation: d).forward(input)
            #expect(flipped.output == reversed.output, "seed \(seed)")
        }
    }

    @Test func subscriptNamesRoundTrip() {
        #expect(Notation.subscriptDigits(-1) == "₋₁")
        #expect(Notation.subscriptDigits(12) == "₁₂")
        #expect(Notation.parseSubscriptName("z₁₂") == 12)
        #expect(Notation.parseSubscriptName("z2") == 2)
        #expect(Notation.parseSubscriptName("zz") == nil)
    }
}

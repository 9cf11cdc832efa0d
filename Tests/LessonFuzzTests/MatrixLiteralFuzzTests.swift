import LessonTestSupport
import Foundation
import Testing
import LessonCore
import LessonLibrary

/// Seeded fuzzing of matrix literals: every literal is a matrix of finite numbers or one
/// readable sentence, and a well-formed literal reads back exactly, whatever its line ends.
@Suite struct MatrixLiteralFuzzTests {
    @Test func hostileLiteralsAreMatricesOfFiniteNumbersOrOneSentence() {
        for seed in UInt64(1)...2_000 {
            var g = SplitMix64(seed: seed)
            let text = hostileText(&g, count: Int.random(in: 0...12, using: &g))
            do {
                let scalars = try MatrixArgument.parse(text, option: "--input").scalars
                let finite = scalars.allSatisfy(\.isFinite)
                #expect(finite, "seed \(seed): \(Excerpt.quote(text)) gave \(scalars)")
            } catch let error as InputError {
                expectOneSentence(error.message, limit: 300, "seed \(seed)")
            } catch {
                Issue.record("seed \(seed): \(type(of: error)) is not an InputError")
            }
        }
    }

    @Test func wellFormedLiteralsReadBackExactlyWithAnyLineEnds() throws {
        for seed in UInt64(1)...500 {
            var g = SplitMix64(seed: seed)
            let rows = Int.random(in: 1...6, using: &g), columns = Int.random(in: 1...6, using: &g)
            let values = (0..<rows).map { _ in (0..<columns).map { _ in Double(Int.random(in: -999...999, using: &g)) / 8 } }
            let separators = [";", "\n", "\r\n", "\r"]
            let separator = separators[Int.random(in: 0..<separators.count, using: &g)]
            let bom = Bool.random(using: &g) ? "\u{FEFF}" : ""
            let text = bom + values.map { $0.map { String($0) }.joined(separator: Bool.random(using: &g) ? "," : " ") }
                .joined(separator: separator)
            let parsed = try MatrixLiteral.parse(text)
            #expect(parsed == Tensor(rows: values), "seed \(seed): \(Excerpt.quote(text))")
        }
    }

    /// The same matrices written as NumPy prints them (`[[1.5, -2.0], ...]`, any spacing and
    /// line breaks between rows) read back exactly.
    @Test func bracketedLiteralsReadBackExactly() throws {
        for seed in UInt64(1)...500 {
            var g = SplitMix64(seed: seed)
            let rows = Int.random(in: 1...6, using: &g), columns = Int.random(in: 1...6, using: &g)
            let values = (0..<rows).map { _ in (0..<columns).map { _ in Double(Int.random(in: -999...999, using: &g)) / 8 } }
            let between = [", ", ",", ",\n ", ",\r\n  "][Int.random(in: 0..<4, using: &g)]
            let text = "[" + values.map { "[" + $0.map { String($0) }.joined(separator: Bool.random(using: &g) ? ", " : ",") + "]" }
                .joined(separator: between) + "]"
            let parsed = try MatrixLiteral.parse(text)
            #expect(parsed == Tensor(rows: values), "seed \(seed): \(Excerpt.quote(text))")
        }
    }
}

import LessonCore
import LessonLibrary
import Testing

/// `--stride`, `--dilation`, `--size` and numeric `--padding` as people type them.
@Suite struct PairArgumentTests {
    /// Every spelling of rows r and columns c: plain, spaced, as a Python tuple or list, with `x` or `×`.
    @Test(arguments: [(1, 1), (2, 1), (1, 3), (12, 7)]) func spellingsOfOnePairAgree(rows: Int, columns: Int) throws {
        let want = Pair2(rows: rows, columns: columns)
        for text in ["\(rows),\(columns)", " \(rows), \(columns) ", "(\(rows), \(columns))", "[\(rows),\(columns)]",
                     " ( \(rows) , \(columns) ) ", "\(rows)x\(columns)", "\(rows)×\(columns)"] {
            #expect(try MatrixArgument.pair(text, option: "--stride") == want, "\(text)")
        }
        #expect(try MatrixArgument.pair("(\(rows))", option: "--stride") == Pair2(rows))
    }

    /// Unbalanced or mixed brackets and three values stay errors that name the option.
    @Test(arguments: ["(2,1", "2,1)", "(2,1]", "[2,1)", "(2,1,3)", "()", "(a,1)"]) func malformedPairsAreRefused(text: String) {
        #expect(throws: InputError.self) { try MatrixArgument.pair(text, option: "--stride") }
        do { _ = try MatrixArgument.pair(text, option: "--stride") } catch {
            #expect("\(error)".contains("--stride"), "\(error)")
        }
    }
}

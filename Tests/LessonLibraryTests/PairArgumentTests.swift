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

    /// Unbalanced or mixed brackets, three values and an empty value (`1,x` read as 1 before) stay errors that name the option.
    @Test(arguments: ["(2,1", "2,1)", "(2,1]", "[2,1)", "(2,1,3)", "()", "(a,1)", "1,x", "2,", ",2", "2,,1", "x3", "2x"]) func malformedPairsAreRefused(text: String) {
        #expect(throws: InputError.self) { try MatrixArgument.pair(text, option: "--stride") }
        do { _ = try MatrixArgument.pair(text, option: "--stride") } catch {
            #expect("\(error)".contains("--stride"), "\(error)")
        }
    }

    /// A named padding reads whatever its case and the spaces around it; a misspelt one names the option.
    @Test(arguments: [("same", PaddingMode.same), (" Same ", .same), ("VALID", .valid), ("\tfull", .full)])
    func namedPaddingsIgnoreCaseAndSpaces(text: String, mode: PaddingMode) throws {
        #expect(try PaddingArgument(text) == .named(mode))
        #expect(PaddingArgument.mode(text) == mode)
    }

    @Test func aMisspeltPaddingIsRefusedByName() {
        let error = #expect(throws: InputError.self) { try PaddingArgument("sam") }
        #expect(error?.message == "--padding sam: expected a whole number, two as rows,columns (such as 2,1), or same, valid or full")
    }
}

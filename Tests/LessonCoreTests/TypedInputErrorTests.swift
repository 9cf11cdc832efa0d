import Testing
import LessonCore

/// The common input mistakes are values a caller can inspect; the sentence is made from them.
@Suite struct TypedInputErrorTests {
    func problem(_ body: () throws -> Void) -> InputError.Problem? {
        do { try body() } catch let error as InputError { return error.problem } catch { return nil }
        return nil
    }

    @Test func aRaggedMatrixSaysWhichRowAndHowMany() {
        let found = problem { _ = try MatrixLiteral.parse("1 2; 3; 4 5") }
        #expect(found == .raggedRows(row: 2, count: 1, firstCount: 2))
        #expect(found?.sentence == "row 2 has 1 number but row 1 has 2; every row needs the same count")
    }

    @Test(arguments: [("x", MatrixLiteral.NumberProblem.notANumber), ("nan", .notFinite), ("1/0", .divisionByZero), ("1e999", .overflow)])
    func aTokenThatIsNotANumberKeepsTheTokenAndWhy(token: String, reason: MatrixLiteral.NumberProblem) {
        let found = problem { _ = try MatrixLiteral.parse("1 \(token)") }
        #expect(found == .notANumber(text: token, place: "in row 1, column 2", reason: reason))
        #expect(found?.sentence == "'\(token)' in row 1, column 2 \(reason.message)")
    }

    @Test func aSettingOutOfRangeNamesTheSettingTheAxisAndTheBound() {
        let stride = problem { try OutputSize(axis: "rows", input: 5, kernel: 3, stride: 0).validate() }
        #expect(stride == .outOfRange(setting: "stride", axis: "rows", value: 0, limit: .atLeast(1)))
        #expect(stride?.sentence == "stride must be 1 or more along the rows, got 0")
        let padding = problem { try OutputSize(axis: "columns", input: 5, kernel: 3, padding: 101).validate() }
        let reason = "more only adds zeros around the input"
        #expect(padding == .outOfRange(setting: "padding", axis: "columns", value: 101, limit: .atMost(100, reason: reason)))
        #expect(padding?.sentence == "padding must be at most 100 along the columns, got 101; more only adds zeros around the input")
        let window = problem { _ = try Pool2D(op: .max, size: Pair2(0), stride: Pair2(1)).forward(Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])) }
        #expect(window == .outOfRange(setting: "the window size", axis: "rows", value: 0, limit: .atLeast(1)))
    }

    /// A located error keeps its problem: callers still see the data under the place.
    @Test func locatingKeepsTheProblem() {
        let error = InputError(.raggedRows(row: 3, count: 2, firstCount: 4)).located(in: "--input")
        #expect(error.problem == .raggedRows(row: 3, count: 2, firstCount: 4))
        #expect(error.message == "--input: row 3 has 2 numbers but row 1 has 4; every row needs the same count")
    }
}

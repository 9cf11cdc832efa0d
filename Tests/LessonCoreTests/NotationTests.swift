import Testing
@testable import LessonCore

@Suite struct NotationTests {
    @Test(arguments: [
        (2.0, "2"), (-15.0, "−15"), (0.0, "0"), (-0.0, "0"), (13.0 / 9, "1.4444"), (-0.00001, "0"),
        (2.5, "2.5"), (1e20, "100000000000000000000"), (-1.25, "−1.25"),
    ])
    func numbersUseTheTrueMinusAndNoTrailingZeros(value: Double, text: String) {
        #expect(Notation.number(value) == text)
    }

    @Test func negativeFactorsGetParentheses() {
        #expect(Notation.sumOfProducts([(0, -1), (3, 2)], bias: 0, result: 6) == "0×(−1) + 3×2 + 0 = 6")
        #expect(Notation.sumOfProducts([], bias: nil, result: 0) == "0 = 0")
    }

    @Test func fixedKeepsItsDecimals() {
        #expect(Notation.fixed(13.0 / 9, decimals: 3) == "1.444")
        #expect(Notation.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(Notation.fixed(-2, decimals: 1) == "−2.0")
    }
}

@Suite struct MatrixLiteralTests {
    @Test func parsesRowsSeparatedBySemicolonsOrLines() throws {
        #expect(try MatrixLiteral.parse("1 0 3; 0 3 4") == Tensor(rows: [[1, 0, 3], [0, 3, 4]]))
        #expect(try MatrixLiteral.parse("1,−2\n3.5,13/9\n") == Tensor(rows: [[1, -2], [3.5, 13.0 / 9]]))
    }

    @Test(arguments: [
        ("1 2; 3", "row 2 has 1 number but row 1 has 2; every row needs the same count"),
        ("1 two", "'two' in row 1, column 2 is not a number"),
        ("", "the matrix is empty; write rows of numbers separated by ';', such as \"1 0 3; 0 3 4\""),
        ("1/0", "'1/0' in row 1, column 1 is not a number"),
        ("nan", "'nan' in row 1, column 1 is not a number"),
    ])
    func malformedLiteralsAreNamed(text: String, message: String) {
        #expect(throws: InputError(message)) { try MatrixLiteral.parse(text) }
    }
}

@Suite struct StatedSumTests {
    @Test func parsesTheSlideForm() throws {
        let sum = try StatedSum.parse("0×1 + 2×(−1) + 0×0 + 12×0 + 0×2 + 1×(−2) + 6×(−1) + 3×0 + 2×2 + 0 = −8")
        #expect(sum.products.count == 9)
        #expect(sum.bias == 0)
        #expect(sum.value == -8)
        #expect(sum.sumOfTerms == -6)
    }

    @Test func rejectsALoneNumberInTheMiddle() {
        #expect(throws: InputError.self) { try StatedSum.parse("1×1 + 4 + 2×2 = 9") }
    }
}

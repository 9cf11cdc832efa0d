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
        ("1/0", "'1/0' in row 1, column 1 is not a number: it divides by zero"),
        ("nan", "'nan' in row 1, column 1 is not a finite number; nan and inf are refused"),
        // Issue 16: non-finite values and overflow are refused with a reason, not printed as NaN or ∞.
        ("1 inf", "'inf' in row 1, column 2 is not a finite number; nan and inf are refused"),
        ("-Infinity", "'-Infinity' in row 1, column 1 is not a finite number; nan and inf are refused"),
        ("nan/1", "'nan/1' in row 1, column 1 is not a finite number; nan and inf are refused"),
        ("inf/1", "'inf/1' in row 1, column 1 is not a finite number; nan and inf are refused"),
        ("1e308/1e-308", "'1e308/1e-308' in row 1, column 1 is not a number this tool can hold: it overflows beyond ±1.8e308"),
        ("1e400", "'1e400' in row 1, column 1 is not a number this tool can hold: it overflows beyond ±1.8e308"),
        ("1 2\u{0}3", "the text holds a NUL byte at character 4; write plain text numbers"),
        ("1 \u{1B}[2J", "'\\e[2J' in row 1, column 2 is not a number"),
    ])
    func malformedLiteralsAreNamed(text: String, message: String) {
        let error = #expect(throws: InputError.self) { try MatrixLiteral.parse(text) }
        #expect(error?.message == message)
    }

    /// Issue 16: a Windows CSV (CRLF line ends, a UTF-8 byte-order mark) is the same matrix.
    @Test func windowsLineEndsAndAByteOrderMarkAreAccepted() throws {
        #expect(try MatrixLiteral.parse("1,2\r\n3,4\r\n") == Tensor(rows: [[1, 2], [3, 4]]))
        #expect(try MatrixLiteral.parse("\u{FEFF}1,2\r\n3,4") == Tensor(rows: [[1, 2], [3, 4]]))
        #expect(try MatrixLiteral.parse("1 2\r3 4") == Tensor(rows: [[1, 2], [3, 4]]))
    }

    /// Issue 16: an error quotes at most ~80 characters of the input, escaped.
    @Test func errorsQuoteAShortEscapedExcerpt() {
        let huge = String(repeating: "9", count: 1_000_000) + "x"
        do { _ = try MatrixLiteral.parse(huge); Issue.record("accepted") } catch let error as InputError {
            #expect(error.message.count < 140, "\(error.message.count) characters")
            #expect(error.message.hasSuffix("…' in row 1, column 1 is not a number"), "\(error.message.suffix(60))")
        } catch { Issue.record("\(error)") }
        #expect(Excerpt.quote("a\u{1B}[31mb\u{07}\r\n\0") == "a\\e[31mb\\a\\r\\n\\0")
        #expect(Excerpt.quote(String(repeating: "x", count: 100)).count == 81)
        #expect(Excerpt.quote("\u{202E}evil") == "\\u{202e}evil", "a bidirectional override is escaped too")
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

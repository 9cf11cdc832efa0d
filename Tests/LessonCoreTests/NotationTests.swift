import Foundation
import LessonTestSupport
import Testing
@testable import LessonCore

@Suite struct NotationTests {
    @Test(arguments: [
        (2.0, "2"), (-15.0, "−15"), (0.0, "0"), (-0.0, "0"), (13.0 / 9, "1.4444"), (-0.00001, "−0.00001"), (0.0000123456, "0.000012"), (4e-10, "0"), (-1.4e-17, "0"),
        (2.5, "2.5"), (1e20, "100000000000000000000"), (-1.25, "−1.25"),
    ])
    func numbersUseTheTrueMinusAndNoTrailingZeros(value: Double, text: String) {
        #expect(Notation.number(value) == text)
    }

    /// From 10²¹ on a number is m×10ⁿ with one decimal, as a very small one is (`nonzero`): it
    /// was `%g`'s "1.359e+64" (and "−2.28735e+199" at 6 decimals). Below 10²¹, whole digits.
    @Test(arguments: [
        (1.3591e64, nil, "1.4×10⁶⁴"), (-2.28735e199, 6, "−2.3×10¹⁹⁹"), (1e200, nil, "1×10²⁰⁰"), (1e21, 3, "1×10²¹"),
        (9.96e21, nil, "1×10²²"), (Double.greatestFiniteMagnitude, 4, "1.8×10³⁰⁸"), (999_999_999_999_999_868_928, nil, "999999999999999868928"),
    ] as [(Double, Int?, String)])
    func hugeNumbersAreWrittenAsPowersOfTen(value: Double, decimals: Int?, text: String) {
        #expect(Notation.number(value, decimals: decimals) == text)
        #expect(!Notation.number(value, decimals: decimals).contains("e"))
    }

    /// A power of ten is one factor in a product: "(1×10²⁰⁰)×(−0.087979)", not "1×10²⁰⁰×(−0.087979)".
    @Test func aPowerOfTenFactorIsInParentheses() {
        #expect(Notation.factor(1e200) == "(1×10²⁰⁰)")
        #expect(Notation.factor(-1.4e64) == "(−1.4×10⁶⁴)")
        #expect(Notation.factor(1e15) == "1000000000000000")
    }

    /// Kept small values are exact when their two significant digits are the value: pooling's
    /// average of 0.00012 reads "= 0.00012", of 0.000123 "≈ 0.00012".
    @Test func keptSmallValuesAreExactWhenWrittenWhole() {
        #expect(Notation.isExact(0.00012, decimals: 3, keepSmall: true))
        #expect(Notation.isExact(-0.00004, decimals: 3, keepSmall: true))
        #expect(!Notation.isExact(0.000123, decimals: 3, keepSmall: true))
        #expect(!Notation.isExact(0.00012, decimals: 3, keepSmall: false))
        #expect(Notation.isExact(0.5, decimals: 3, keepSmall: true) && !Notation.isExact(1.0 / 3, decimals: 3, keepSmall: true))
    }

    /// Without named decimals a value below 0.001 keeps two significant digits, not one, so a
    /// worked product adds up: (−0.00012)×1000000 = −120, not (−0.0001)×1000000 = −120.
    @Test func valuesBelowAThousandthKeepTwoSignificantDigits() {
        #expect(Notation.number(-0.00012) == "−0.00012")
        #expect(Notation.number(0.000987) == "0.00099")
        #expect(Notation.number(0.0005) == "0.0005")
        #expect(Notation.number(0.0012) == "0.0012")
        #expect(Notation.number(0.00123) == "0.0012")
        #expect(Notation.number(0.00012, decimals: 4) == "0.0001")
    }

    @Test func namedDecimalsRoundSmallValuesToZero() {
        #expect(Notation.number(0.00001, decimals: 4) == "0")
        #expect(Notation.number(0.3, decimals: 0) == "0")
        #expect(Notation.number(0.00001) == "0.00001")
        #expect(Notation.factor(-0.00002) == "(−0.00002)")
        // Unless the caller keeps small values (pooling at its 3 decimals); 10⁻⁹ is still the bound.
        #expect(Notation.number(-0.00012, decimals: 3, keepSmall: true) == "−0.00012")
        #expect(Notation.factor(-0.00012, decimals: 3, keepSmall: true) == "(−0.00012)")
        // A value its decimals would write with one significant digit keeps two (0.001 → 0.0012).
        #expect(Notation.number(0.00123, decimals: 3, keepSmall: true) == "0.0012")
        #expect(Notation.number(0.0123, decimals: 3, keepSmall: true) == "0.012")
        #expect(Notation.number(4e-10, decimals: 3, keepSmall: true) == "0")
        #expect(Notation.inlineMatrix(Tensor(shape: [2], scalars: [1.23456, 1e-5]), decimals: 3, keepSmall: true) == "1.235 0.00001")
    }

    /// `nonzero` never writes a nonzero value as 0: below what 4 decimals show it is m×10ⁿ
    /// (a loss of 4.4×10⁻⁷ was printed "J = 0"); above, it is `number` with its decimals.
    @Test(arguments: [
        (4.4e-7, "4.4×10⁻⁷"), (5.369e-13, "5.4×10⁻¹³"), (-2e-6, "−2×10⁻⁶"), (0.0, "0"), (-0.0, "0"),
        (0.00005, "0.0001"), (0.3366, "0.3366"), (38.5, "38.5"),
    ])
    func nonzeroValuesNeverReadZero(value: Double, text: String) {
        #expect(Notation.nonzero(value) == text)
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

    @Test(arguments: [
        (2.1e-10, 1, "2.1×10⁻¹⁰"), (-0.0047, 1, "−4.7×10⁻³"), (5.6e-16, 1, "5.6×10⁻¹⁶"), (123456.0, 2, "1.23×10⁵"),
        (9.96e-5, 1, "1×10⁻⁴"), (-9.96e-5, 1, "−1×10⁻⁴"), (9.949e-5, 1, "9.9×10⁻⁵"), (3.0, 2, "3×10⁰"),
        (0.0, 1, "0"), (Double.infinity, 1, "∞"),
    ])
    func scientificCarriesAMantissaThatRoundsToTen(value: Double, decimals: Int, text: String) {
        #expect(Notation.scientific(value, decimals: decimals) == text)
    }

    @Test func scientificLeavesOutAUnitMantissaWhenAsked() {
        #expect(Notation.scientific(1e-6, decimals: 1, unitMantissa: false) == "10⁻⁶")
        #expect(Notation.scientific(-9.99e-7, decimals: 1, unitMantissa: false) == "−10⁻⁶")
        #expect(Notation.scientific(2e-11, decimals: 1, unitMantissa: false) == "2×10⁻¹¹")
        #expect(Notation.scientific(-0.0047, decimals: 1, times: "·") == "−4.7·10⁻³")
    }

    @Test func superscriptsAndSubscriptsCarryTheirSign() {
        #expect(Notation.superscriptDigits(-12) == "⁻¹²")
        #expect(Notation.superscriptDigits(305) == "³⁰⁵")
        #expect(Notation.subscriptDigits(-1) == "₋₁")
        #expect(Notation.subscriptDigits(Int.min) == "₋₉₂₂₃₃₇₂₀₃₆₈₅₄₇₇₅₈₀₈")
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
        // Swift's Double reads hexadecimal; a matrix of the course never holds it.
        ("0x10 1", "'0x10' in row 1, column 1 is not a number"),
        ("1 -0x1p3", "'-0x1p3' in row 1, column 2 is not a number"),
        // An empty place or row is a missing number, not a separator to skip.
        ("1,,2", "row 1, column 2 is empty: two commas with no number between them (or a comma at an end of the row)"),
        ("1 2; 3, 4,", "row 2, column 3 is empty: two commas with no number between them (or a comma at an end of the row)"),
        (", 1", "row 1, column 1 is empty: two commas with no number between them (or a comma at an end of the row)"),
        ("1 2;;3 4", "the matrix has an empty row after row 1; remove it, or write the missing numbers"),
        ("1 2;;\n3 4", "the matrix has an empty row after row 1; remove it, or write the missing numbers"),
        ("1 2;\n\n3 4", "the matrix has an empty row after row 1; remove it, or write the missing numbers"),
        ("1 2\n;3 4", "the matrix has an empty row after row 1; remove it, or write the missing numbers"),
        ("1,2\n\n3,4\n", "the matrix has an empty row after row 1; remove it, or write the missing numbers"),
        ("[[1, 2], []]", "the matrix has an empty row after row 1; remove it, or write the missing numbers"),
        ("[[], [1, 2]]", "row 1 is empty; write a matrix as [[1, 0, 3], [0, 3, 4]] or as \"1 0 3; 0 3 4\""),
        ("[[1, 2], [3]]", "row 2 has 1 number but row 1 has 2; every row needs the same count"),
        ("[[[1]]]", "the brackets go 3 levels deep, and a matrix has 2; write a matrix as [[1, 0, 3], [0, 3, 4]] or as \"1 0 3; 0 3 4\""),
        ("[1, [2]]", "a number stands beside a row in brackets; write a matrix as [[1, 0, 3], [0, 3, 4]] or as \"1 0 3; 0 3 4\""),
        ("[[1], 2]", "a number stands beside a row in brackets; write a matrix as [[1, 0, 3], [0, 3, 4]] or as \"1 0 3; 0 3 4\""),
        ("[[1, 2]] 3", "text follows the closing ']' of the matrix; write a matrix as [[1, 0, 3], [0, 3, 4]] or as \"1 0 3; 0 3 4\""),
        ("[[1, 2]", "a '[' has no matching ']'; write a matrix as [[1, 0, 3], [0, 3, 4]] or as \"1 0 3; 0 3 4\""),
        ("[]", "the matrix is empty; write rows of numbers separated by ';', such as \"1 0 3; 0 3 4\""),
        ("[[1, x]]", "'x' in row 1, column 2 is not a number"),
    ])
    func malformedLiteralsAreNamed(text: String, message: String) {
        let error = #expect(throws: InputError.self) { try MatrixLiteral.parse(text) }
        #expect(error?.message == message)
    }

    /// A matrix as NumPy and PyTorch print it reads as the same rows; so do trailing `;` and a
    /// file's last line end, and Python's comma after a list's last item.
    static let readable: [(String, [[Double]])] = [
        ("[[1, 0, 3], [0, 3, 4]]", [[1, 0, 3], [0, 3, 4]]),
        ("  [[1,0,3],\n   [0,3,4]]\n", [[1, 0, 3], [0, 3, 4]]),
        ("[[1., −2.5e-1], [13/9, 4],]", [[1, -0.25], [13.0 / 9, 4]]),
        ("[1, 2, 3,]", [[1, 2, 3]]),
        ("[[7]]", [[7]]),
        ("1 2; 3 4;", [[1, 2], [3, 4]]),
        ("1, 2\n3, 4\n\n", [[1, 2], [3, 4]]),
        // A `;` that ends its line, as MATLAB rows are often written, ends one row, not two.
        ("1 2;\n3 4", [[1, 2], [3, 4]]),
        ("1 2 ; \r\n 3 4 ;\r\n", [[1, 2], [3, 4]]),
        ("1;\n2;\n3;", [[1], [2], [3]]),
    ]

    @Test(arguments: readable)
    func bracketsAndTrailingSeparatorsRead(text: String, rows: [[Double]]) throws {
        #expect(try MatrixLiteral.parse(text) == Tensor(rows: rows))
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

/// `Notation.number` writes decimals by integer arithmetic; it must write what `String(format:)`
/// writes (the way it was done before), for every magnitude and number of decimals.
@Suite struct NotationNumberFormatTests {
    /// The former implementation, by `String(format:)`, as the reference.
    static func reference(_ value: Double, decimals: Int) -> String {
        let scale = pow(10.0, Double(decimals))
        let rounded = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        if rounded == 0 { return "0" }
        var text: String
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            text = String(Int64(abs(rounded)))
        } else {
            text = String(format: "%.\(decimals)f", abs(rounded))
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return rounded < 0 ? Notation.minus + text : text
    }

    @Test(arguments: Seeds.range(1...20))
    func decimalsMatchStringFormat(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<2000 {
            let magnitude = pow(10.0, Double(random.int(-9...14)))
            let value = random.uniform(-1...1) * magnitude
            let decimals = random.int(0...8)
            guard abs(value) < 1e15 else { continue }
            #expect(Notation.number(value, decimals: decimals) == Self.reference(value, decimals: decimals),
                    "\(value) with \(decimals) decimals")
        }
    }

    @Test func edgesMatchStringFormat() {
        let values: [Double] = [0.5, 0.05, 0.00005, 0.00015, 1.00005, 2.675, 1e-4, 123456.78905, 0.1 + 0.2, 1 / 3,
                                112_589_990_684.2624, 112_589_990_684.2625, 999_999_999_999.99999, 1e11 + 0.0001]
        for value in values + values.map(-) {
            for decimals in 0...6 {
                #expect(Notation.number(value, decimals: decimals) == Self.reference(value, decimals: decimals),
                        "\(value) with \(decimals) decimals")
            }
        }
    }

    /// A column of mantissas lines up with `fixedDecimals`: 1 is 1.000×10⁰, 1.42 is 1.420×10⁰.
    @Test func scientificWithFixedDecimalsKeepsTrailingZeros() {
        #expect(Notation.scientific(1, decimals: 3, fixedDecimals: true) == "1.000×10⁰")
        #expect(Notation.scientific(1.42, decimals: 3, fixedDecimals: true) == "1.420×10⁰")
        #expect(Notation.scientific(-0.000123, decimals: 2, fixedDecimals: true) == "−1.23×10⁻⁴")
        #expect(Notation.scientific(0.009996, decimals: 2, fixedDecimals: true) == "1.00×10⁻²")
        #expect(Notation.scientific(1.42, decimals: 3) == "1.42×10⁰")
    }
}

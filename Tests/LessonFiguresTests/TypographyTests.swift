import LessonFigures
import Testing

/// True minus signs and the sub/superscript markup every lesson's labels use.
@Suite struct TypographyTests {
    @Test(arguments: [
        ("-3", "−3"), ("x = -0.5", "x = −0.5"), ("(-1)", "(−1)"), ("[-1, -2]", "[−1, −2]"), ("3 - 1", "3 − 1"),
        ("2×-1", "2×−1"), ("-.5", "−.5"), ("-∞", "−∞"),
        ("zero-padded", "zero-padded"), ("step-01", "step-01"), ("1-based", "1-based"), ("a-b", "a-b"),
        ("--", "--"), ("", ""), ("−2", "−2"), ("no hyphen", "no hyphen"),
    ])
    func hyphenBecomesMinusOnlyAsASign(input: String, expected: String) {
        #expect(Typography.trueMinus(input) == expected, "\(input)")
    }

    @Test func trueMinusIsIdempotent() {
        for text in ["-3 - -4", "x-1 = -2", "(-a)"] {
            #expect(Typography.trueMinus(Typography.trueMinus(text)) == Typography.trueMinus(text), "\(text)")
        }
    }

    @Test(arguments: [
        ("δ_1", [RichText.Run("δ"), RichText.Run("1", .subscripted)]),
        ("W^(2)", [RichText.Run("W"), RichText.Run("(2)", .superscripted)]),
        ("z_{ij} + 1", [RichText.Run("z"), RichText.Run("ij", .subscripted), RichText.Run(" + 1")]),
        ("δ_1^(2)", [RichText.Run("δ"), RichText.Run("1", .subscripted), RichText.Run("(2)", .superscripted)]),
        ("a^{l}_j", [RichText.Run("a"), RichText.Run("l", .superscripted), RichText.Run("j", .subscripted)]),
        ("x_12y", [RichText.Run("x"), RichText.Run("12y", .subscripted)]),
        ("max_ pool", [RichText.Run("max_ pool")]),
        ("a\\_b", [RichText.Run("a_b")]),
        ("end_", [RichText.Run("end_")]),
        ("plain", [RichText.Run("plain")]),
    ])
    func markupParsesIntoRuns(markup: String, runs: [RichText.Run]) {
        #expect(RichText.parse(markup).runs == runs, "\(markup)")
    }

    @Test func plainTextDropsOnlyTheMarkup() {
        #expect(RichText.parse("δ_1^(2) = W^{(2)}").plainText == "δ1(2) = W(2)")
        #expect(RichText.parse("x").hasScripts == false)
        #expect(RichText.parse("x_1").hasScripts)
    }
}

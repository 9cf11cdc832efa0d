import LessonCore
import Testing

/// What the traces record for text and figures to read, checked against a count made here.
@Suite struct TraceRecordTests {
    @Test func spansAreOneBasedAndShiftedOutOfThePadding() {
        #expect(Notation.span(0...2) == "1–3")
        #expect(Notation.span(1...3, offset: 1) == "1–3")
    }

    @Test func aChannelIsOneMatrixOfTheStack() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]), b = Tensor(shape: [2, 2], scalars: [5, 6, 7, 8])
        let stack = MultiChannelConv2D.stack([a, b])
        #expect(stack.channel(0) == a && stack.channel(1) == b)
    }

    @Test func theStatedPrecisionIsHalfAUnitOfTheSixthDecimal() {
        #expect(StatedPrecision.agreesToSixDecimals(0.398920, 0.3989204))
        #expect(!StatedPrecision.agreesToSixDecimals(0.398920, 0.3989206))
    }

    @Test func imageFilterCountsThePixelsTheDisplayRuleChanges() throws {
        let image = Tensor(shape: [3, 3], scalars: [0, 200, 0, 200, 255, 200, 0, 200, 0])
        let trace = try ImageFilter(kernel: try ImageKernel.named("sharpen")).apply(image)
        let expected = trace.output.scalars.filter { $0 < 0 || $0 > 255 }.count
        #expect(trace.clippedCount == expected && expected > 0)
    }
}

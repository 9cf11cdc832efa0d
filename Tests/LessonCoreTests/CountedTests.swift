import Testing
@testable import LessonCore

/// `Counted`: the noun agrees with its count, as every message writes it (they wrote
/// `word\(n == 1 ? "" : "s")` inline before).
@Suite struct CountedTests {
    @Test(arguments: [(0, "steps"), (1, "step"), (2, "steps"), (1234, "steps"), (-1, "steps")])
    func nounIsSingularOnlyForOne(count: Int, noun: String) {
        #expect(Counted.noun(count, "step") == noun)
    }

    @Test func irregularPluralsAreGiven() {
        #expect(Counted.noun(1, "bias", plural: "biases") == "bias" && Counted.noun(3, "bias", plural: "biases") == "biases")
        #expect(Counted.noun(2, "entry", plural: "entries") == "entries")
    }

    /// `of` groups the count by thousands; `noun` leaves the count to the caller (lesson text writes 1234).
    @Test func ofGroupsTheCount() {
        #expect(Counted.of(1, "question") == "1 question" && Counted.of(20000, "variant") == "20,000 variants")
        #expect("\(1234) \(Counted.noun(1234, "epoch"))" == "1234 epochs")
    }
}

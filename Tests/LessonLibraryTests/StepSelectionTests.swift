import LessonCore
import LessonFigures
import LessonLibrary
import Testing

@Suite struct StepSelectionTests {
    /// `count` step frames and one overview, as a lesson draws them.
    private func figures(_ count: Int) -> [Figure] {
        (1...count).map { Figure(name: "step-\($0)", description: "Step \($0).", step: $0) { _ in } }
            + [Figure(name: "overview", description: "All.") { _ in }]
    }

    @Test func listsRangesAndLastPickTheirFramesAndKeepTheSummary() throws {
        let picked = try StepSelection.parse("1, 5,last,7-9").apply(to: figures(12))
        #expect(picked.figures.map(\.name) == ["step-1", "step-5", "step-7", "step-8", "step-9", "step-12", "overview"])
        #expect(picked.note == nil)
        let tail = try StepSelection.parse("10-last").apply(to: figures(12))
        #expect(tail.figures.compactMap(\.step) == [10, 11, 12])
    }

    /// Exhaustive over small runs: the default draws every step up to 64; beyond, the first 63,
    /// the last and the summary, and says so.
    @Test func theCapKeepsTheFirstStepsTheLastAndTheSummary() throws {
        for count in [1, 2, 63, 64, 65, 100, 677] {
            let (kept, note) = try StepSelection.automatic.apply(to: figures(count))
            let steps = kept.compactMap(\.step)
            if count <= 64 {
                #expect(steps == Array(1...count) && note == nil, "\(count) steps")
            } else {
                #expect(steps == Array(1...63) + [count], "\(count) steps")
                #expect(note == "\(count) steps: drew steps 1–63 and \(count) and the summary; --steps picks others (e.g. --steps 100-120,last) and --all-steps draws every one")
            }
            #expect(kept.last?.name == "overview")
            #expect(try StepSelection.all.apply(to: figures(count)).figures.count == count + 1)
        }
    }

    @Test(arguments: [
        ("1,x", "--steps \"1,x\": 'x' is not a step; use step numbers from 1, ranges such as 3-7 or 10-last, and 'last', separated by commas"),
        ("0", "--steps \"0\": '0' is not a step; use step numbers from 1, ranges such as 3-7 or 10-last, and 'last', separated by commas"),
        ("7-3", "--steps \"7-3\": '7-3' is not a range; write it as 3-7 or 10-last, the smaller step first"),
        ("", "--steps \"\": '' is not a step; use step numbers from 1, ranges such as 3-7 or 10-last, and 'last', separated by commas"),
    ])
    func badListsAreOneSentence(text: String, message: String) {
        #expect(throws: InputError(message)) { try StepSelection.parse(text) }
    }

    @Test func stepsBeyondTheLastAreNamed() throws {
        #expect(throws: InputError("--steps: step 13 is beyond the last step; this run has 12 steps")) {
            try StepSelection.parse("13").apply(to: figures(12))
        }
        #expect(throws: InputError("--steps: steps 10–20 go beyond the last step; this run has 12 steps")) {
            try StepSelection.parse("10-20").apply(to: figures(12))
        }
    }
}

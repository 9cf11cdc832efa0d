import Foundation
import LessonTestSupport
import Testing

/// `lesson exercise check` refuses broken exercises without a roster: a range that gives some
/// student impossible numbers (exit 1, naming the question and the values), a negative tolerance.
@Suite struct ExerciseCheckCommandTests {
    @Test func aRangeWithImpossibleVariantsFailsWithoutARoster() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("rng.yaml")
        try Data("title: t\nquestions:\n  - {id: a, kind: output-size, n: {range: [2, 6]}, k: 3}\n".utf8).write(to: file)
        let result = try runLesson(["exercise", "check", file.path])
        expectReference(result, named: "runs/exercise.check-impossible-variant.txt", replacing: [folder.path: "$TMP"])
        let negative = folder.appendingPathComponent("negtol.yaml")
        try Data("title: t\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3, tolerance: -1}\n".utf8).write(to: negative)
        expectRefusal(try runLesson(["exercise", "check", negative.path]),
                      "error: $TMP/negtol.yaml, line 3 (questions[1].tolerance): a tolerance must be 0 or more, found −1; 0 accepts only the exact answer",
                      replacing: [folder.path: "$TMP"])
    }
}

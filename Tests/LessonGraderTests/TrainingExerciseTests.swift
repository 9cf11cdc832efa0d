import LessonTestSupport
import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// exercises/training.yaml: the engine's answers are the notes' numbers (and torch.optim's),
/// and the sample submissions get the points and named mistakes they were written to show.
@Suite struct TrainingExerciseTests {
    @Test func answersAreTheNotesNumbers() throws {
        let exercise = try shippedExercise("training")
        var answers: [String: Answer] = [:]
        for (q, p) in zip(exercise.questions, try exercise.prepared(for: "")) { answers[q.id] = p.expected }
        #expect(answers["loss"] == .number(27.25))
        func number(_ id: String) -> Double { if case .number(let v)? = answers[id] { return v }; return .nan }
        func point(_ id: String) -> [Double] { if case .matrix(let m)? = answers[id] { return m.scalars }; return [] }
        #expect(abs(number("gd-1") - 1.425) < 1e-12 && abs(number("sgd-4") - 2.2448) < 1e-12)
        #expect(abs(number("mini-batch-2") - 2.225) < 1e-12 && abs(number("batch-gradient") - -34.5) < 1e-12)
        // Worked by hand: g = (−8, 30), then (−7.84, 24); v = (−15.04, 51).
        #expect(zip(point("momentum-2"), [-3.7696, 0.69]).allSatisfy { abs($0 - $1) < 1e-12 })
        // torch.optim.Adam(lr=0.1), float64: (−3.700255…, 1.200899…).
        #expect(zip(point("adam-3"), [-3.7003, 1.2009]).allSatisfy { abs($0 - $1) < 5e-5 })
    }

    @Test func sampleSubmissions() throws {
        let files = try SubmissionFile.collect([packageRoot.appendingPathComponent("exercises/submissions/training").path])
        let report = Grader.grade(files: files, exercise: try shippedExercise("training"))
        let right = try #require(report.students.first { $0.file.hasSuffix("right.yaml") })
        let wrong = try #require(report.students.first { $0.file.hasSuffix("usual-mistakes.yaml") })
        #expect(right.points == 11 && wrong.points == 2)
        var mistakes: [String: String] = [:]
        for q in wrong.questions { if let m = q.mistake { mistakes[q.question] = m } }
        #expect(mistakes["loss"] == "forgetting 1/N (the squares summed, not averaged)")
        #expect(mistakes["gd-1"] == "the sign of the update (θ + α∂J/∂θ instead of θ − α∂J/∂θ)")
        #expect(mistakes["mini-batch-2"] == "forgetting 1/N (the gradients summed, not averaged)")
        #expect(mistakes["batch-gradient"] == "forgetting 1/N (the gradients summed, not averaged)")
        #expect(mistakes["momentum-2"]?.hasPrefix("momentum applied to the wrong term") == true)
        #expect(mistakes["adam-3"] == "Adam without bias correction")
    }
}

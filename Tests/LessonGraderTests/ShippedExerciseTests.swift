import LessonTestSupport
import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// The shipped exercises: the engine's answers are the notes' numbers, and the sample
/// submissions get the points and the named mistakes they were written to show.
@Suite struct ShippedExerciseTests {
    func expected(_ exercise: Exercise, student: String = "") throws -> [String: Answer] {
        var out: [String: Answer] = [:]
        for (q, p) in zip(exercise.questions, try exercise.prepared(for: student)) { out[q.id] = p.expected }
        return out
    }

    @Test func parameterCountAnswersAreTheNotesNumbers() throws {
        let answers = try expected(try shippedExercise("param-count"))
        #expect(answers["regression"] == .integer(37))
        #expect(answers["classification"] == .integer(62))
        #expect(answers["logistic-mnist"] == .integer(7850))
        #expect(answers["mlp-mnist"] == .integer(89610))
        #expect(answers["conv-per-layer"] == .matrix(Tensor(vector: [400, 3216, 4640, 0, 330])))
        #expect(answers["conv-total"] == .integer(8586))
        #expect(answers["separable-total"] == .integer(1427))
        #expect(answers["conv1-shape"] == .shape([11, 11, 8]))
        #expect(answers["conv2-shape"] == .shape([4, 4, 16]))
        #expect(answers["pooling-params"] == .choice("b"))
    }

    @Test func convolutionAnswersAreTheNotesNumbers() throws {
        let answers = try expected(try shippedExercise("conv-5x5"))
        #expect(answers["output"] == .matrix(Tensor(rows: [[2, 5, -1], [-15, -7, 2], [31, -6, 1]])))
        #expect(answers["first-cell"] == .number(2))
        #expect(answers["cell-3-2"] == .number(-6))
        #expect(answers["padding-1"] == .matrix(Tensor(rows: [[8, 2, 3, -4, 4], [-7, 2, 5, -1, 2], [26, -15, -7, 2, -1], [3, 31, -6, 1, -3], [-20, 2, 14, 3, 1]])))
        #expect(answers["stride-2"] == .matrix(Tensor(rows: [[2, -1], [31, 1]])))
        #expect(answers["padding-1-stride-2"] == .matrix(Tensor(rows: [[8, 3, 4], [26, -7, -1], [-20, 14, 1]])))
        #expect(answers["size-padding-stride"] == .integer(3))
    }

    @Test func outputSizeAnswers() throws {
        let answers = try expected(try shippedExercise("output-sizes"))
        #expect(answers["valid"] == .integer(3))
        #expect(answers["same"] == .integer(5))
        #expect(answers["stride-2"] == .integer(2))
        #expect(answers["mnist-conv"] == .integer(11))
        #expect(answers["padding-stride"] == .integer(11))
        #expect(answers["dilated"] == .integer(28))
        #expect(answers["keras-same"] == .shape([14, 14, 16]))
    }

    func graded(_ exercise: String) throws -> [String: StudentResult] {
        let files = try SubmissionFile.collect([packageRoot.appendingPathComponent("exercises/submissions/\(exercise)").path])
        let report = Grader.grade(files: files, exercise: try shippedExercise(exercise))
        var out: [String: StudentResult] = [:]
        for student in report.students { out[URL(fileURLWithPath: student.file).deletingPathExtension().lastPathComponent + (student.file.hasSuffix(".json") ? ".json" : "")] = student }
        return out
    }

    func mistakes(_ student: StudentResult?) -> [String: String] {
        var out: [String: String] = [:]
        for q in student?.questions ?? [] { if let m = q.mistake { out[q.question] = m } }
        return out
    }

    @Test func parameterCountSubmissions() throws {
        let r = try graded("param-count")
        #expect(r["anna"]?.points == 17)
        #expect(r["ben.json"]?.points == 17)
        #expect(r["carl"]?.points == 12.4)
        #expect(r["carl"]?.questions.first { $0.question == "conv-per-layer" }?.wrongCells == [[1, 5]])
        let dora = mistakes(r["dora"])
        for id in ["regression", "classification", "logistic-mnist", "mlp-mnist", "conv-per-layer", "conv-total", "separable-total"] {
            #expect(dora[id] == "biases forgotten", "question \(id)")
        }
        #expect(mistakes(r["emil"])["conv-total"] == "one bias per input channel")
        #expect(mistakes(r["fay"])["conv-total"] == "channels forgotten")
        #expect(mistakes(r["gus"])["conv1-shape"]?.hasPrefix("transposed shapes") == true)
        #expect(mistakes(r["hugo"])["conv1-shape"] == "the +1 of the size formula forgotten")
        #expect(mistakes(r["hugo"])["conv2-shape"] == "the +1 of the size formula forgotten")
        let ines = r["ines"]
        #expect(ines?.points == 5)
        #expect(ines?.questions.first { $0.question == "classification" }?.status == .unreadable)
        #expect(ines?.questions.first { $0.question == "mlp-mnist" }?.status == .missing)
        #expect(ines?.unknownAnswers == ["bonus"])
        #expect(r["malformed"]?.error?.hasPrefix("is not valid YAML") == true)
        #expect(r["empty"]?.error?.hasPrefix("is empty") == true)
        #expect(r["not-utf8"]?.error == "is not UTF-8 text")
        // The file name decides the id; the file's own 'student: ../../etc/passwd' is flagged, not obeyed.
        #expect(r["path-escape"]?.student == "path-escape")
        #expect(r["path-escape"]?.note == "the file says 'student: ../../etc/passwd' but is graded as 'path-escape', whose file name it has")
    }

    @Test func convolutionSubmissions() throws {
        let r = try graded("conv-5x5")
        #expect(r["jana"]?.points == 19)
        let ivan = r["ivan"]
        #expect(ivan?.questions.first { $0.question == "output" }?.wrongCells == [[3, 2]])
        #expect(ivan?.questions.first { $0.question == "output" }?.points == 3.56)
        #expect(ivan?.questions.first { $0.question == "output" }?.feedback.contains("z[3,2] = 0×1 + 2×(−1) + 0×0 + 12×0 + 0×2 + 1×(−2) + 6×(−1) + 3×0 + 2×2 + 0 = −6") == true)
        let lena = mistakes(r["lena"])
        for id in ["output", "first-cell", "cell-3-2", "padding-1", "stride-2", "padding-1-stride-2", "flip"] {
            #expect(lena[id]?.hasPrefix("kernel flipped") == true, "question \(id)")
        }
        #expect(mistakes(r["hana"])["output"]?.hasPrefix("transposed shapes") == true)
        #expect(mistakes(r["hana"])["your-input"] == "biases forgotten")
        #expect(r["malformed.json"]?.error?.hasPrefix("is not valid JSON") == true)
    }

    @Test func outputSizeSubmissions() throws {
        let r = try graded("output-sizes")
        #expect(r["mia"]?.points == 13)
        #expect(mistakes(r["nils"]).values.allSatisfy { $0.contains("the +1 of the size formula forgotten") })
        #expect(mistakes(r["nils"]).count == 6)
        #expect(mistakes(r["olga"]) == ["mnist-conv": "ceil instead of floor", "padding-stride": "ceil instead of floor"])
        #expect(mistakes(r["pia"])["same"] == "the +1 of the size formula forgotten or p instead of 2p")
        // 10 is what both mistakes give for n = 32, k = 5, p = 2, s = 3: both are named.
        #expect(mistakes(r["pia"])["padding-stride"] == "the +1 of the size formula forgotten or p instead of 2p")
        #expect(mistakes(r["rolf"])["dilated"] == "dilation ignored")
    }
}

/// The pooling exercise (the pooling engine of issue 4 computes the answers).
@Suite struct PoolingExerciseTests {
    @Test func poolingAnswersAreTheNotesTables() throws {
        let exercise = try shippedExercise("pooling")
        let answers = try exercise.prepared(for: "").map(\.expected)
        #expect(answers[0] == .matrix(Tensor(rows: [[3, 12, 4], [4, 3, 2], [3, 6, 9]])))
        guard case .matrix(let averages) = answers[1] else { Issue.record("not a matrix"); return }
        let ninths: [Double] = [13, 53, 39, 62, 103, 111]
        #expect(zip(averages.scalars, ninths).allSatisfy { abs($0 - $1 / 9) < 1e-12 }, "\(averages.scalars)")
        #expect(answers[2] == .matrix(Tensor(rows: [[32, 32, 16, 18], [32, 32, 35, 35], [31, 44, 44, 35]])))
    }

    @Test func poolingSubmissions() throws {
        let files = try SubmissionFile.collect([packageRoot.appendingPathComponent("exercises/submissions/pooling").path])
        let report = Grader.grade(files: files, exercise: try shippedExercise("pooling"))
        let tara = try #require(report.students.first { $0.student == "tara" })
        #expect(tara.points == 9)
        let uwe = try #require(report.students.first { $0.student == "uwe" })
        #expect(uwe.questions[0].mistake == "stride 1 instead of 2 (overlapping windows)")
        // The slide's truncated ninths: 1.4 and 5.8 and 6.8 are more than 0.005 off, 4.3, 11.4 and 12.3 too.
        #expect(uwe.questions[1].points == 0)
        #expect(uwe.questions[1].wrongCells?.count == 6)
        #expect(uwe.questions[2].correct)
    }
}

/// The backprop exercise (the network engine of issue 5 computes the answers).
@Suite struct BackpropExerciseTests {
    @Test func backpropAnswersMatchTheLessonsNumbers() throws {
        let answers = try shippedExercise("backprop-step").prepared(for: "").map(\.expected)
        guard case .number(let loss) = answers[0], case .matrix(let delta3) = answers[1], case .matrix(let gradW3) = answers[2] else {
            Issue.record("unexpected answer types \(answers)"); return
        }
        #expect(abs(loss - 0.152477) < 5e-7, "loss \(loss)")
        #expect(abs(delta3.scalars[0] - (0.247774 - 0.8)) < 5e-7, "δ(3) \(delta3.scalars)")
        #expect(gradW3.shape == [1, 4])
    }

    @Test func backpropSubmissions() throws {
        let files = try SubmissionFile.collect([packageRoot.appendingPathComponent("exercises/submissions/backprop-step").path])
        let report = Grader.grade(files: files, exercise: try shippedExercise("backprop-step"))
        let byName = Dictionary(uniqueKeysWithValues: report.students.map { ($0.student, $0) })
        #expect(byName["vera"]?.points == 8)
        let walt = try #require(byName["walt"])
        #expect(walt.questions.allSatisfy { $0.mistake?.hasPrefix("a different loss convention") == true }, "\(walt.questions.map(\.mistake))")
        let xia = try #require(byName["xia"])
        #expect(xia.questions[2].mistake?.hasPrefix("transposed shapes") == true)
        #expect(xia.questions[3].wrongCells == [[1, 2]])
        #expect(xia.questions[4].status == .unreadable)
    }
}

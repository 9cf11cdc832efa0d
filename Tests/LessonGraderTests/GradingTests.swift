import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// Grading one answer: answer formats, tolerances, partial credit, named mistakes.
@Suite struct GradingTests {
    let sizes = """
        title: Sizes
        questions:
          - id: q1
            kind: output-size
            points: 2
            n: 5
            k: 3
            p: 1
            s: 2
          - id: shape
            kind: output-shape
            model: "input(28,28,1) conv2d(8,7,stride=2)"
          - id: mean
            kind: conv2d-cell
            input: "1 2; 3 4"
            kernel: "0.5"
            bias: 0.25
            cell: [2, 2]
            decimals: 1
        """

    func grade(_ yaml: String, _ answers: String) throws -> StudentResult {
        Grader.grade(submission(answers), exercise: try exercise(yaml))
    }

    @Test(arguments: [
        ("q1: 3", true), ("q1: \"3\"", true), ("q1: 3.0", true), ("q1: \" 3 \"", true), ("q1: 4", false),
        ("shape: [11, 11, 8]", true), ("shape: \"11×11×8\"", true), ("shape: \"11x11x8\"", true),
        ("shape: \"(11, 11, 8)\"", true), ("shape: [11, 11]", false),
        ("mean: 2.25", true), ("mean: 2.2", true), ("mean: 2.3", true), ("mean: 2.4", false), ("mean: \"9/4\"", true),
    ])
    func answerFormats(answer: String, right: Bool) throws {
        let result = try grade(sizes, "answers:\n  " + answer)
        let question = answer.split(separator: ":")[0]
        let q = result.questions.first { $0.question == question }
        #expect(q?.correct == right, "\(answer): \(q?.feedback ?? "")")
    }

    @Test func integersWithThousandsSeparators() throws {
        let yaml = """
            title: T
            questions:
              - {id: n, kind: param-count, model: "input(784) dense(100) dense(100) dense(10)"}
            """
        for text in ["89610", "\"89,610\"", "\"89 610\"", "\"89_610\"", "89610.0"] {
            #expect(try grade(yaml, "answers: {n: \(text)}").questions[0].correct, "\(text)")
        }
        #expect(try grade(yaml, "answers: {n: 89611}").questions[0].correct == false)
    }

    @Test func matrixAnswersEarnPointsPerCell() throws {
        let yaml = """
            title: T
            questions:
              - id: m
                kind: conv2d-output
                points: 9
                input: "1 0 3 0 2; 0 3 4 0 2; 1 0 2 0 1; 8 12 0 1 0; 0 6 3 2 0"
                kernel: "1 -1 0; 0 2 -2; -1 0 2"
            """
        let one = try grade(yaml, "answers: {m: \"2 5 -1; -15 -7 2; 31 -8 1\"}").questions[0]
        #expect(one.status == .partial)
        #expect(one.points == 8)
        #expect(one.wrongCells == [[3, 2]])
        #expect(one.matrixDetail?.firstWrongWorking == "z[3,2] = 0×1 + 2×(−1) + 0×0 + 12×0 + 0×2 + 1×(−2) + 6×(−1) + 3×0 + 2×2 + 0 = −6")
        let rows = try grade(yaml, "answers:\n  m:\n    - [2, 5, -1]\n    - [-15, -7, 2]\n    - [31, -6, 1]").questions[0]
        #expect(rows.correct)
        let shape = try grade(yaml, "answers: {m: \"2 5; -15 -7\"}").questions[0]
        #expect(shape.points == 0)
        #expect(shape.feedback.contains("the answer is 2×2 but the expected one is 3×3"))
        let ragged = try grade(yaml, "answers: {m: \"2 5 -1; -15 -7\"}").questions[0]
        #expect(ragged.status == .unreadable)
        #expect(ragged.feedback.contains("row 2 has 2 numbers but row 1 has 3"))
    }

    @Test func hiddenAnswersAreNotInTheFeedback() throws {
        let yaml = """
            title: T
            hide_answers: true
            questions:
              - {id: n, kind: param-count, model: "input(784) dense(10)"}
            """
        let q = try grade(yaml, "answers: {n: 7840}").questions[0]
        #expect(q.expected == nil)
        #expect(q.working == nil)
        #expect(!q.feedback.contains("7,850"))
        #expect(q.mistake == "biases forgotten")
    }

    @Test func choiceMistakesAreNamedByTheExercise() throws {
        let yaml = """
            title: T
            questions:
              - id: c
                kind: choice
                choices: {a: "floor", b: "ceil"}
                correct: a
                mistakes: {b: "ceil instead of floor"}
            """
        #expect(try grade(yaml, "answers: {c: A}").questions[0].correct)
        #expect(try grade(yaml, "answers: {c: b}").questions[0].mistake == "ceil instead of floor")
    }

    /// Property: for random sizes, the answer each mistake gives is named as that mistake
    /// (or as several, when mistakes coincide), and the right answer is never named.
    @Test func everySizeMistakeIsRecognised() throws {
        for seed in UInt64(1)...200 {
            var g = SeededGenerator(seed: seed)
            let n = Int.random(in: 5...60, using: &g), k = Int.random(in: 1...7, using: &g)
            let p = Int.random(in: 0...3, using: &g), s = Int.random(in: 1...4, using: &g), d = Int.random(in: 1...3, using: &g)
            let size = OutputSize(axis: "a", input: n, kernel: k, padding: p, stride: s, dilation: d)
            guard (try? size.validate()) != nil else { continue }
            let yaml = "title: T\nquestions:\n  - {id: q, kind: output-size, n: \(n), k: \(k), p: \(p), s: \(s), d: \(d)}"
            let ex = try exercise(yaml)
            #expect(try grade(yaml, "answers: {q: \(size.output)}").questions[0].correct, "seed \(seed)")
            for mistake in SizeMistake.allCases {
                guard let wrong = size.output(with: mistake), wrong != size.output else { continue }
                let result = Grader.grade(submission("answers: {q: \(wrong)}"), exercise: ex).questions[0]
                #expect(result.mistake?.contains(mistake.name) == true,
                        "seed \(seed): n \(n) k \(k) p \(p) s \(s) d \(d), \(mistake.name) gives \(wrong), named \(result.mistake ?? "nothing")")
            }
        }
    }

    /// Property: the flipped-kernel output of random convolutions is named as a flip.
    @Test func flippedKernelsAreRecognised() throws {
        for seed in UInt64(1)...60 {
            var g = SeededGenerator(seed: seed)
            let rows = Int.random(in: 3...6, using: &g), columns = Int.random(in: 3...6, using: &g)
            let input = Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in Double(Int.random(in: -3...5, using: &g)) })
            let kernel = Tensor(shape: [2, 2], scalars: (0..<4).map { _ in Double(Int.random(in: -2...2, using: &g)) })
            let flipped = try Conv2D(kernel: kernel, mode: .convolution).forward(input).output
            let right = try Conv2D(kernel: kernel).forward(input).output
            guard flipped != right else { continue }
            let yaml = "title: T\nquestions:\n  - {id: m, kind: conv2d-output, input: \"\(Notation.inlineMatrix(input).replacingOccurrences(of: "\u{2212}", with: "-"))\", kernel: \"\(Notation.inlineMatrix(kernel).replacingOccurrences(of: "\u{2212}", with: "-"))\"}"
            let given = Notation.inlineMatrix(flipped).replacingOccurrences(of: "\u{2212}", with: "-")
            let result = try grade(yaml, "answers: {m: \"\(given)\"}").questions[0]
            #expect(result.mistake?.hasPrefix("kernel flipped") == true, "seed \(seed)")
        }
    }

    @Test(arguments: [
        ("title: T\nquestions:\n  - {id: q, kind: nope}", "exercises/test.yaml, question 'q': unknown kind 'nope'; the kinds are param-count"),
        ("title: T\nquestions:\n  - {id: q, kind: output-size, n: 5, k: 3, stride: 2}", "unknown key 'stride' for a output-size question"),
        ("title: T\nquestions:\n  - {id: q, kind: output-size, n: 5, k: 9}", "question 'q': the kernel (size 9) is larger than the padded input"),
        ("title: T\nquestions:\n  - {id: q, kind: param-count, model: \"input(3) conv2d(2,2)\"}", "question 'q', key 'model': layer 1, conv2d(2,2): conv2d needs a height×width×channels input"),
        ("title: T\nquestions:\n  - {id: q, kind: output-size, n: {range: [9, 3]}, k: 3}", "key 'n': range must be [low, high]"),
        ("title: T\nquestions:\n  - {id: q, kind: choice, choices: {a: x, b: y}, correct: c}", "key 'correct': 'c' is not one of the options a, b"),
        ("title: T\nquestions: []", "the exercise has no questions"),
        ("title: T\nquestions:\n  - {id: q, kind: output-size, n: 5, k: 3}\n  - {id: q, kind: output-size, n: 5, k: 3}", "two questions have the id 'q'"),
    ])
    func badExercisesNameTheQuestionAndKey(yaml: String, expected: String) {
        let text = message { _ = try exercise(yaml) }
        #expect(text?.contains(expected) == true, "got: \(text ?? "no error")")
    }
}

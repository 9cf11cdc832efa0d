import LessonTestSupport
import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// The kinds of issue 14: the notes' numbers (EXAMPLES.md), gradients against finite
/// differences on seeded cases, and every named mistake of every shipped exercise named.
@Suite struct QuestionKindTests {
    func expected(_ yaml: String) throws -> Answer {
        try exercise("title: T\nquestions:\n  - " + yaml).prepared(for: "")[0].expected
    }

    func vector(_ values: [Double]) -> Answer { .matrix(Tensor(vector: values)) }

    @Test func thereAreAtLeastTwentyKinds() {
        #expect(QuestionKinds.all.count >= 20)
        #expect(Set(QuestionKinds.all.map { $0.name }).count == QuestionKinds.all.count, "two kinds share a name")
    }

    @Test func theNotesNumbers() throws {
        #expect(try expected("{id: q, kind: conv1d-output, input: \"4 1 1 2 3 5 8 13\", kernel: \"1 -2 1\"}") == vector([3, 1, 0, 1, 1, 2]))
        #expect(try expected("{id: q, kind: conv1d-output, input: \"4 1 1 2 3 5 8 13\", kernel: \"1 -2 1\", padding: 1}") == vector([-7, 3, 1, 0, 1, 1, 2, -18]))
        let input = "\"4 1 0 2 5; 1 -1 6 -2 4; -3 4 1 3 2; 0 -3 0 5 -1\"", kernel = "\"6 2 1; 0 -2 3; 2 -1 -4\""
        #expect(try expected("{id: q, kind: conv2d-mode-output, input: \(input), kernel: \(kernel), padding_mode: full}") == .matrix(Tensor(rows: [
            [-16, -8, 7, -6, -22, -1, 10], [8, -2, -23, 6, 9, -18, 8], [19, -9, 32, -15, 16, 18, 34],
            [-8, 31, 8, -15, 35, 3, 22], [-3, -11, -3, 44, 1, 24, 12], [0, -3, -6, -13, 9, 28, -6]])))
        #expect(try expected("{id: q, kind: conv2d-mode-output, input: \(input), kernel: \(kernel), padding_mode: valid}") == .matrix(Tensor(rows: [[32, -15, 16], [8, -15, 35]])))
        #expect(try expected("{id: q, kind: conv2d-mode-output, input: \(input), kernel: \(kernel), padding_mode: same}") == .matrix(Tensor(rows: [
            [-2, -23, 6, 9, -18], [-9, 32, -15, 16, 18], [31, 8, -15, 35, 3], [-11, -3, 44, 1, 24]])))
        // Keras's "same" with an even kernel: 0 zeros top/left, 1 bottom/right, as the conv2d-modes lesson pads.
        // Pad-then-valid by hand: [[1,2,3],[4,5,6],[7,8,9]] padded to [[1,2,3,0],[4,5,6,0],[7,8,9,0],[0,0,0,0]], kernel [[1,0],[0,-1]].
        #expect(try expected("{id: q, kind: conv2d-mode-output, input: \"1 2 3; 4 5 6; 7 8 9\", kernel: \"1 0; 0 -1\", padding_mode: same}")
                == .matrix(Tensor(rows: [[-4, -4, 3], [-4, -4, 6], [7, 8, 9]])))
        #expect(try expected("{id: q, kind: conv-matrix-row, input_size: [4, 4], kernel: \"1 4 1; 1 4 3; 3 3 1\"}") == vector([1, 4, 1, 0, 1, 4, 3, 0, 3, 3, 1, 0, 0, 0, 0, 0]))
        // seeds/002's Keras stack with SeparableConv2D: 65, 344, 688.
        #expect(try expected("{id: q, kind: separable-params, channels: 1, kernel: 7, filters: 8}") == .integer(65))
        #expect(try expected("{id: q, kind: separable-params, channels: 8, kernel: 5, filters: 16}") == .integer(344))
        #expect(try expected("{id: q, kind: separable-params, channels: 16, kernel: 3, filters: 32}") == .integer(688))
        #expect(try expected("{id: q, kind: separable-params, channels: 8, kernel: 5, filters: 16, ask: standard}") == .integer(3216))
        #expect(try expected("{id: q, kind: separable-params, channels: 8, kernel: 5, filters: 16, ask: depthwise}") == .integer(200))
        #expect(try expected("{id: q, kind: separable-params, channels: 8, kernel: 5, filters: 16, ask: pointwise}") == .integer(144))
        // seeds/002's computation graph, six decimals.
        for (x, value, slope) in [(1.0, -0.764921, 4.560792), (0.5, 0.542485, -3.334146)] {
            guard case .number(let j) = try expected("{id: q, kind: autodiff, expression: \"cos(sin(x^2) + 3x^2)\", at: {x: \(x)}}"),
                  case .number(let d) = try expected("{id: q, kind: autodiff, expression: \"cos(sin(x^2) + 3x^2)\", at: {x: \(x)}, ask: derivative}") else {
                Issue.record("not numbers"); continue
            }
            #expect(abs(j - value) < 5e-7, "J(\(x)) = \(j)")
            #expect(abs(d - slope) < 5e-7, "J′(\(x)) = \(d)")
        }
        #expect(try expected("{id: q, kind: receptive-field, layers: [{k: 3}, {k: 2, s: 2}, {k: 3}]}") == .integer(8))
        #expect(try expected("{id: q, kind: receptive-field, layers: [{k: 3}, {k: 3, d: 2}, {k: 3, d: 4}]}") == .integer(15))
        #expect(try expected("{id: q, kind: perceptron-update, weights: \"0 1 1\", input: \"0 1\", target: 0, rate: 0.5}") == vector([-0.5, 1, 0.5]))
        #expect(try expected("{id: q, kind: perceptron-update, weights: \"-1 1 1\", input: \"1 1\", target: 1}") == vector([-1, 1, 1]))
        // seeds/004's max pooling table routes ∂L/∂y = 1 to each window's maximum.
        let pooled = try expected("{id: q, kind: pool2d-backward, input: \"3 0 1 0 2 4; 0 1 8 12 0 0; 4 0 0 3 2 2; 2 0 1 0 1 1; 3 2 0 6 0 5; 1 0 6 0 0 9\", grad: \"1 1 1; 1 1 1; 1 1 1\"}")
        guard case .matrix(let routed) = pooled else { Issue.record("not a matrix"); return }
        #expect(routed.sum == 9)
        #expect(routed[1, 3] == 1 && routed[0, 0] == 1 && routed[5, 5] == 1, "the maxima 12, 3 and 9 receive the gradient")
        #expect(try expected("{id: q, kind: conv-transpose-output, input: \"1 2; 3 4\", kernel: \"1 0; -1 2\", stride: 2}") == .matrix(Tensor(rows: [
            [1, 0, 2, 0], [-1, 2, -2, 4], [3, 0, 4, 0], [-3, 6, -4, 8]])))
    }

    /// Property: ∂L/∂w and ∂L/∂x of L = Σ G∘z match central finite differences (exact for a
    /// linear L up to rounding: tolerance 1e-6) on seeded random convolutions.
    @Test func convolutionGradientsMatchFiniteDifferences() throws {
        for seed in UInt64(1)...25 {
            var g = SeededGenerator(seed: seed)
            let n = Int.random(in: 3...5, using: &g), k = Int.random(in: 1...3, using: &g)
            let p = Int.random(in: 0...1, using: &g), s = Int.random(in: 1...2, using: &g)
            func random(_ r: Int, _ c: Int) -> Tensor {
                Tensor(shape: [r, c], scalars: (0..<(r * c)).map { _ in Double(Int.random(in: -3...3, using: &g)) })
            }
            let x = random(n, n), w = random(k, k)
            let op = Conv2D(kernel: w, padding: Pair2(p), stride: Pair2(s))
            guard let forward = try? op.forward(x) else { continue }
            let upstream = random(forward.output.shape[0], forward.output.shape[1])
            func literal(_ t: Tensor) -> String { "\"" + Notation.inlineMatrix(t).replacingOccurrences(of: "\u{2212}", with: "-") + "\"" }
            let base = "{id: q, kind: conv2d-backward, input: \(literal(x)), kernel: \(literal(w)), padding: \(p), stride: \(s), grad: \(literal(upstream))"
            guard case .matrix(let gw) = try expected(base + ", ask: kernel}"), case .matrix(let gx) = try expected(base + ", ask: input}") else {
                Issue.record("seed \(seed): not matrices"); continue
            }
            func loss(_ x: Tensor, _ w: Tensor) throws -> Double {
                let z = try Conv2D(kernel: w, padding: Pair2(p), stride: Pair2(s)).forward(x).output
                return zip(z.scalars, upstream.scalars).reduce(0) { $0 + $1.0 * $1.1 }
            }
            let h = 1e-3
            for i in 0..<w.count {
                let plus = nudged(w, i, h), minus = nudged(w, i, -h)
                let numeric = (try loss(x, plus) - loss(x, minus)) / (2 * h)
                #expect(abs(numeric - gw.scalars[i]) < 1e-6, "seed \(seed): ∂L/∂w[\(i)] \(gw.scalars[i]) vs \(numeric)")
            }
            for i in 0..<x.count {
                let plus = nudged(x, i, h), minus = nudged(x, i, -h)
                let numeric = (try loss(plus, w) - loss(minus, w)) / (2 * h)
                #expect(abs(numeric - gx.scalars[i]) < 1e-6, "seed \(seed): ∂L/∂x[\(i)] \(gx.scalars[i]) vs \(numeric)")
            }
        }
    }

    func nudged(_ t: Tensor, _ i: Int, _ h: Double) -> Tensor {
        var scalars = t.scalars
        scalars[i] += h
        return Tensor(shape: t.shape, scalars: scalars)
    }

    /// Property: activation and autodiff derivatives match central differences (h = 1e-5,
    /// error O(h²) ≈ 1e-10 times the third derivative: tolerance 1e-6), away from ReLU's kink.
    @Test func derivativesMatchFiniteDifferences() throws {
        for seed in UInt64(1)...30 {
            var g = SeededGenerator(seed: seed)
            let z = Double(Int.random(in: -300...300, using: &g)) / 100 + 0.005
            for f in ["sigmoid", "tanh", "relu", "softplus"] {
                guard case .number(let d) = try expected("{id: q, kind: activation, function: \(f), z: \(z), ask: derivative}") else { continue }
                let a = try Activation.named(f), h = 1e-5
                let numeric = (a.value(z + h) - a.value(z - h)) / (2 * h)
                #expect(abs(numeric - d) < 1e-6, "seed \(seed): \(f)′(\(z)) = \(d) vs \(numeric)")
            }
            let expression = "x^3 * sin(x) + exp(0.5x)"
            guard case .number(let d) = try expected("{id: q, kind: autodiff, expression: \"\(expression)\", at: {x: \(z)}, ask: derivative}") else { continue }
            func j(_ x: Double) -> Double { x * x * x * sin(x) + exp(0.5 * x) }
            let numeric = (j(z + 1e-5) - j(z - 1e-5)) / 2e-5
            #expect(abs(numeric - d) < 1e-5 * max(1, abs(d)), "seed \(seed): J′(\(z)) = \(d) vs \(numeric)")
        }
    }

    /// `pool2d-output` with `ceil_mode: true` (PyTorch's ceil_mode): a 5×5 input pooled 2×2 gives 3×3 (the
    /// numbers checked with torch's avg_pool2d(ceil_mode=True)); the floor-mode 2×2 answer is named as that
    /// mistake and earns nothing; a value that is not true or false is an error naming the key.
    @Test func poolingCeilModeAndItsRoundingMistake() throws {
        let input = "\"1 2 3 4 5; 6 7 8 9 10; 11 12 13 14 15; 16 17 18 19 20; 21 22 23 24 25\""
        let ex = try exercise("title: T\nquestions:\n  - {id: q, kind: pool2d-output, input: \(input), op: avg, size: 2, ceil_mode: true}")
        let prepared = try ex.prepared(for: "")[0]
        #expect(prepared.expected == .matrix(Tensor(rows: [[4, 6, 7.5], [14, 16, 17.5], [21.5, 23.5, 25]])))
        #expect(prepared.sheet.contains("average pooling, window 2, stride 2, padding 0, ceil_mode (the output size rounded up)"))
        let floor = AnswerGrader.grade(value(.matrix(Tensor(rows: [[4, 6], [14, 16]]))), question: ex.questions[0], prepared: prepared)
        #expect(floor.mistake?.contains("the output size rounded down") == true, "\(floor.feedback)")
        #expect(floor.points == 0)
        let plain = try exercise("title: T\nquestions:\n  - {id: q, kind: pool2d-output, input: \(input), op: avg, size: 2}").prepared(for: "")[0]
        #expect(plain.mistakes.contains { $0.name.contains("rounded up") && $0.answer == prepared.expected })
        #expect {
            _ = try exercise("title: T\nquestions:\n  - {id: q, kind: pool2d-output, input: \(input), ceil_mode: maybe}").prepared(for: "")
        } throws: { error in
            "\(error)".contains("key 'ceil_mode': expected true or false, found 'maybe'")
        }
    }

    /// Property: for every shipped exercise and three students, the expected answer earns full
    /// points and the answer of every known mistake is named as that mistake and earns less.
    @Test func everyNamedMistakeIsNamed() throws {
        let folder = packageRoot.appendingPathComponent("exercises")
        let ids = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        #expect(ids.count >= 8)
        for id in ids {
            let ex = try shippedExercise(id)
            for student in ["", "anna", "zoe"] {
                for (question, prepared) in zip(ex.questions, try ex.prepared(for: student)) {
                    let right = AnswerGrader.grade(value(prepared.expected), question: question, prepared: prepared)
                    #expect(right.correct, "\(id)/\(question.id) (\(student)): the expected answer is not accepted: \(right.feedback)")
                    for mistake in prepared.mistakes where !AnswerGrader.matches(mistake.answer, prepared.expected, question.tolerance) {
                        let wrong = AnswerGrader.grade(value(mistake.answer), question: question, prepared: prepared)
                        #expect(wrong.mistake?.contains(mistake.name) == true, "\(id)/\(question.id) (\(student)): '\(mistake.name)' not named: \(wrong.feedback)")
                        #expect(wrong.points < question.points, "\(id)/\(question.id): '\(mistake.name)' earns full points")
                    }
                }
            }
        }
    }

    /// An answer as a student would write it.
    func value(_ answer: Answer) -> SubmittedValue {
        switch answer {
        case .integer(let n): return .integer(n)
        case .number(let x): return .number(x)
        case .shape(let s): return .list(s.map { .integer($0) })
        case .choice(let c): return .text(c)
        case .matrix(let m): return .text(Notation.inlineMatrix(m, decimals: 12).replacingOccurrences(of: "\u{2212}", with: "-"))
        }
    }

    @Test(arguments: [
        ("conv-variants", "anna", 20.0, [String: String]()),
        ("conv-variants", "carla", 8.34, ["pool-size": "the +1 of the size formula forgotten", "separable-first": "a bias per depthwise channel too",
                                                 "separable-second": "channels forgotten in the depthwise part"]),
        ("conv-variants", "bert", -1, ["conv1d-padded": "padding left out", "valid-mode": "same padding instead of valid",
                                                    "same-mode": "kernel flipped", "matrix-row": "its neighbour", "transposed": "the stride ignored",
                                                    "separable-first": "biases forgotten", "separable-second": "the standard convolution's count",
                                                    "receptive": "strides ignored", "your-conv1d": "kernel flipped"]),
        ("backward-pass", "anna", 12, [:]),
        ("backward-pass", "bert", 6, ["max-routing": "average pooling's routing", "avg-routing": "copied to every cell"]),
        ("backward-pass", "carla", -1, ["max-routing": "min pooling's routing", "kernel-gradient": "transposed shapes", "input-gradient": "kernel flipped in ∂L/∂x"]),
        ("network-basics", "anna", 14, [:]),
        ("network-basics", "bert", 3, ["sigmoid-value": "the derivative instead of the value", "sigmoid-slope": "the value instead of the derivative",
                                                      "tanh-slope": "1 − tanh(z)", "graph-value": "the derivative instead", "graph-slope": "the value instead",
                                                      "hidden-a": "the activation forgotten"]),
        ("network-basics", "carla", -1, ["sigmoid-slope": "without the factor σ(z)", "graph-slope": "sign reversed", "hidden-a": "biases forgotten",
                                                "output-z": "biases forgotten", "perceptron": "the error's sign reversed"]),
        ("network-basics", "dino", -1, ["perceptron": "the bias w₀ not updated"]),
        ("network-basics", "emil", -1, ["perceptron": "the learning rate η left out"]),
    ])
    func sampleSubmissionsGetWhatTheyShow(exercise id: String, file: String, points: Double, mistakes: [String: String]) throws {
        let url = packageRoot.appendingPathComponent("exercises/submissions/\(id)/\(file).yaml")
        let result = Grader.grade(Submission.read(url, displayName: file), exercise: try shippedExercise(id))
        #expect(result.error == nil)
        if points >= 0 { #expect(result.points == points, "\(file): \(result.points)") }
        for (question, name) in mistakes {
            let q = result.questions.first { $0.question == question }
            #expect(q?.mistake?.contains(name) == true, "\(id)/\(file)/\(question): \(q?.feedback ?? "missing")")
        }
    }

    @Test func theSampleCarriesAnErrorForward() throws {
        let url = packageRoot.appendingPathComponent("exercises/submissions/conv-variants/carla.yaml")
        let result = Grader.grade(Submission.read(url, displayName: "p"), exercise: try shippedExercise("conv-variants"))
        let after = try #require(result.questions.first { $0.question == "after-pool" })
        #expect(after.correct)
        #expect(after.carriedForwardFrom == "pool-size")
        #expect(after.feedback == "correct for your answer to pool-size (error carried forward)")
    }

    @Test func malformedSamplesAreResultsNotStops() throws {
        for (id, file) in [("conv-variants", "malformed.yaml"), ("backward-pass", "malformed.json"), ("network-basics", "malformed.yaml")] {
            let url = packageRoot.appendingPathComponent("exercises/submissions/\(id)/\(file)")
            let result = Grader.grade(Submission.read(url, displayName: file), exercise: try shippedExercise(id))
            #expect(result.error != nil, "\(id)/\(file)")
            #expect(result.points == 0)
        }
        let url = packageRoot.appendingPathComponent("exercises/submissions/conv-variants/emil.yaml")
        let result = Grader.grade(Submission.read(url, displayName: "u"), exercise: try shippedExercise("conv-variants"))
        #expect(result.questions.filter { $0.status == .unreadable }.count == 4)
        #expect(result.unknownAnswers == ["not-a-question"])
    }

    @Test(arguments: [
        ("{id: q, kind: activation, function: softmax, z: 1}", "key 'function': softmax acts on a whole layer"),
        ("{id: q, kind: activation, function: sigmoid, z: 1, ask: slope}", "key 'ask': expected value, derivative, found 'slope'"),
        ("{id: q, kind: receptive-field, layers: [{k: 0}]}", "layer 1: kernel, stride and dilation must each be 1 to"),
        ("{id: q, kind: autodiff, expression: \"x +\", at: {x: 1}}", "key 'expression':"),
        ("{id: q, kind: autodiff, expression: \"x*y\", at: {x: 1, y: 2}, variable: z, ask: derivative}", "'z' is not a variable of the expression"),
        ("{id: q, kind: conv-matrix-row, input_size: [3, 3], kernel: \"1 2; 3 4\", cell: [3, 1]}", "key 'cell': the output has rows 1 to 2"),
        ("{id: q, kind: conv2d-backward, input: \"1 2; 3 4\", kernel: \"1\", grad: \"1 2\"}", "the upstream gradient is 1×2 but the output is 2×2"),
        ("{id: q, kind: perceptron-update, weights: \"0 1\", input: \"1 1\", target: 1}", "sample 1 has 2 inputs but the weights"),
        ("{id: q, kind: mlp-forward, layers: [{weights: \"1 2\", bias: \"0\"}], input: \"1 2\", layer: 3}", "key 'layer': the network has layers 1 to 1, got 3"),
    ])
    func badQuestionsNameTheQuestionAndKey(yaml: String, expected: String) {
        let text = message { _ = try exercise("title: T\nquestions:\n  - " + yaml) }
        #expect(text?.contains(expected) == true, "got: \(text ?? "no error")")
        #expect(text?.hasPrefix("exercises/test.yaml, question 'q'") == true, "got: \(text ?? "no error")")
    }
}

import LessonTestSupport
import Foundation
import Testing

/// EXAMPLES.md's RNN as a `--network` file.
private let examplesRNN = """
network:
  U: [[0.5], [-0.3]]
  W: [[0.1, 0.4], [-0.2, 0.3]]
  V: [[0.6, -0.5]]
  inputs: [[1], [0.5], [-1]]
  hidden_activation: tanh
  output_activation: sigmoid
  loss: binary-cross-entropy
  target: [1]
"""

/// EXAMPLES.md's LSTM cell as a `--network` file, with the target 0.5 on ŷ⁽²⁾.
private let examplesLSTM = """
network:
  W_f: [[0.5, 0.4]]
  W_i: [[0.3, 0.6]]
  W_s: [[0.2, 0.8]]
  W_o: [[-0.1, 0.7]]
  inputs: [1, 0.5]
  target: 0.5
"""

private func recurrentFile(_ text: String, name: String = #function) throws -> URL {
    let url = try temporaryFolder(name).appendingPathComponent("net.yaml")
    try Data(text.utf8).write(to: url)
    return url
}

private func json(_ result: CommandResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
}

private func near(_ value: Any?, _ expected: Double, _ tolerance: Double = 5e-7) -> Bool {
    guard let value = value as? Double else { return false }
    return abs(value - expected) < tolerance
}

/// `lesson run rnn` and `lesson run lstm` as a person runs them.
@Suite struct RunRecurrentCommandTests {
    /// The JSON keys the issue names, with EXAMPLES.md's numbers (six decimals).
    @Test func rnnJsonHasTheNamedKeysAndTheReferenceNumbers() throws {
        let file = try recurrentFile(examplesRNN)
        let result = try runLesson(["run", "rnn", "--network", file.path, "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try json(result)
        for key in ["states", "outputs", "loss", "grad_U", "grad_W", "grad_V", "grad_b", "grad_c", "forward", "backward"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        let states = try #require(object["states"] as? [[Double]])
        #expect(states.count == 3 && near(states[2][0], -0.543821) && near(states[0][1], -0.291313))
        let outputs = try #require(object["outputs"] as? [[Double]])
        #expect(outputs.count == 3 && near(outputs[2][0], 0.398920))
        #expect(near(object["loss"], 0.918994))
        let gradW = try #require(object["grad_W"] as? [[Double]])
        #expect(near(gradW[0][0], -0.082666) && near(gradW[0][1], 0.104506) && near(gradW[1][0], 0.046136) && near(gradW[1][1], -0.089345))
        let gradU = try #require(object["grad_U"] as? [[Double]])
        #expect(near(gradU[0][0], 0.208992) && near(gradU[1][0], -0.331553))
        let gradV = try #require(object["grad_V"] as? [[Double]])
        #expect(near(gradV[0][0], 0.326880) && near(gradV[0][1], -0.100590))
        #expect((object["largest_gradient_difference"] as? Double ?? 1) < 1e-8)
    }

    /// `--truncate 1` changes the gradients in the JSON to EXAMPLES.md's truncated values.
    @Test func truncateChangesTheJsonGradients() throws {
        let one = try json(try runLesson(["run", "rnn", "--truncate", "1", "--json", "--no-figures"]))
        let gradW = try #require(one["grad_W"] as? [[Double]])
        #expect(near(gradW[0][0], -0.045154) && near(gradW[1][1], -0.092999))
        let gradU = try #require(one["grad_U"] as? [[Double]])
        #expect(near(gradU[0][0], 0.253990) && near(gradU[1][0], -0.292123))
        #expect(one["truncate"] as? Int == 1)
        let two = try json(try runLesson(["run", "rnn", "--truncate", "2", "--json", "--no-figures"]))
        let gradU2 = try #require(two["grad_U"] as? [[Double]])
        #expect(near(gradU2[0][0], 0.213402) && near(gradU2[1][0], -0.298395))
    }

    @Test func rnnTextShowsEveryStepAndTheCut() throws {
        let result = try runLesson(["run", "rnn", "--truncate", "1", "--no-figures", "--strict"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let text = result.stdout
        #expect(text.contains("z⁽¹⁾₁ = W₁₁s⁽⁰⁾₁ + W₁₂s⁽⁰⁾₂ + U₁₁x⁽¹⁾₁ + b₁ = 0.1×0 + 0.4×0 + 0.5×1 + 0 = 0.5"))
        #expect(text.contains("z⁽²⁾₁ = W₁₁s⁽¹⁾₁ + W₁₂s⁽¹⁾₂ + U₁₁x⁽²⁾₁ + b₁ = 0.1×0.4621 + 0.4×(−0.2913) + 0.5×0.5 + 0 = 0.1797"))
        #expect(text.contains("E₃ = L(ŷ⁽³⁾, (1)) = 0.918994"))
        #expect(text.contains("δ_out = ∂E₃/∂q⁽³⁾ = ŷ − y = (0.3989) − (1) = (−0.6011)"))
        #expect(text.contains("∂E₃/∂s⁽²⁾₁ = W₁₁δ⁽³⁾₁ + W₂₁δ⁽³⁾₂ = 0.1×(−0.254) + (−0.2)×0.2921 = −0.0838"))
        #expect(text.contains("δ⁽³⁾₁ = −0.3606 × (1 − (−0.5438)²) = (−0.3606) × 0.7043 = −0.254"))
        #expect(text.contains("  k = 2 [cut]:"))
        #expect(text.contains("What truncation to K = 1 cut: 2 of 3 (loss term, step) contributions."))
        #expect(text.contains("E₃: steps 2, 1 dropped"))
        #expect(text.contains("Checked against the lesson file, and in agreement with the recomputation: 2 stated values."))
    }

    @Test(arguments: ["many-to-many", "relu", "vanishing-gradient", "truncated"])
    func everyVariantRuns(variant: String) throws {
        let result = try runLesson(["run", "rnn", "--variant", variant, "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("largest difference: "))
        #expect(result.stdout.contains("The vanishing gradient, measured: ‖∂s"))
    }

    @Test func vanishingVariantComparesThreeNetworks() throws {
        let object = try json(try runLesson(["run", "rnn", "--variant", "vanishing-gradient", "--json", "--no-figures"]))
        let measured = try #require(object["vanishing_gradient"] as? [String: Any])
        let entries = try #require(measured["entries"] as? [[String: Any]])
        let norms = entries.compactMap { $0["norm"] as? Double }
        #expect(norms.count == 13)
        #expect(norms[0] < 1e-7 && norms[0] < norms[6] && norms[6] < norms[12])
        let comparisons = try #require(object["vanishing_comparisons"] as? [String: Any])
        #expect(Set(comparisons.keys) == ["tanh, large W", "ReLU, W = I"])
    }

    @Test func lstmJsonHasTheGatesAndGradients() throws {
        let file = try recurrentFile(examplesLSTM)
        let result = try runLesson(["run", "lstm", "--network", file.path, "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try json(result)
        for key in ["states", "outputs", "loss", "grad_W_f", "grad_W_i", "grad_W_s", "grad_W_o", "grad_b_f", "grad_b_i", "grad_b_s", "grad_b_o"] {
            #expect(object[key] != nil, "missing key \(key)")
        }
        let states = try #require(object["states"] as? [[Double]])
        #expect(near(states[0][0], 0.428740) && near(states[1][0], 0.502574))
        let outputs = try #require(object["outputs"] as? [[Double]])
        #expect(near(outputs[0][0], 0.270127) && near(outputs[1][0], 0.269225))
        let forward = try #require(object["forward"] as? [String: Any])
        let steps = try #require(forward["steps"] as? [[String: Any]])
        #expect(near((steps[1]["forget"] as? [Double])?[0], 0.582991) && near((steps[1]["candidate"] as? [Double])?[0], 0.425202))
        #expect((object["largest_gradient_difference"] as? Double ?? 1) < 1e-8)
    }

    @Test func lstmTextShowsTheCarousel() throws {
        let result = try runLesson(["run", "lstm", "--no-figures", "--strict"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("f⁽¹⁾₁ = σ(0.5×0 + 0.4×1 + 0 = 0.4) = σ(0.4) = 0.598688"))
        #expect(result.stdout.contains("carried through the forget gate: ∂E/∂s⁽²⁾ ∘ f⁽²⁾ = (−0.105) ∘ (0.583) = (−0.0612)"))
        #expect(result.stdout.contains("PyTorch's nn.LSTM orders the gates i, f, g, o"))
        let many = try runLesson(["run", "lstm", "--variant", "many-to-many", "--no-figures"])
        #expect(many.status == 0, "stderr: \(many.stderr)")
    }

    @Test(arguments: [
        ("inputs: [[1], [0.5], [-1]]", "inputs: []", "(network.inputs): the sequence is empty (T = 0); give at least one input x⁽¹⁾"),
        ("inputs: [[1], [0.5], [-1]]", "inputs: [[1], [.nan], [-1]]", "(network.inputs[2][1]): expected a finite number, but '.nan' is not a finite number; nan and inf are refused"),
        ("inputs: [[1], [0.5], [-1]]", "inputs: [[1], [0.5, 2], [-1]]", "(network.inputs): x⁽²⁾ has 2 values; expected 1, one per column of U"),
        ("target: [1]", "target: [1, 0]", "(network.target): expected 1 value (one per output unit, the rows of V), got 2"),
        ("target: [1]", "targets: [[1], [0]]", "(network.targets): expected 3 targets, one per input step, got 2"),
        ("W: [[0.1, 0.4], [-0.2, 0.3]]", "W: [[0.1, 0.4]]", "(network.W): expected a 2×2 matrix (h×h, h = 2 hidden units as U has rows), got 1×2"),
        ("V: [[0.6, -0.5]]", "V: [[0.6, -0.5, 1]]", "(network.V): expected an o×2 matrix"),
        ("loss: binary-cross-entropy", "loss: hinge", "(network.loss): unknown loss 'hinge'"),
        ("hidden_activation: tanh", "hidden_activation: softmax", "(network.hidden_activation): 'softmax' cannot be a hidden activation"),
        ("target: [1]", "target: [1]\n  targets: [[1], [0], [1]]", "(network.targets): give either 'target'"),
        ("  U:", "  Q: 1\n  U:", "(network.Q): unknown key 'Q'"),
    ])
    func badRNNFilesAreOneSentenceAndExitOne(original: String, replacement: String, message: String) throws {
        let text = examplesRNN.replacingOccurrences(of: original, with: replacement)
        #expect(text != examplesRNN)
        let file = try recurrentFile(text, name: "bad\(abs(replacement.hashValue))")
        let result = try runLesson(["run", "rnn", "--network", file.path, "--no-figures"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(file.path), line "), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ("W_i: [[0.3, 0.6]]", "W_i: [[0.3, 0.6, 1]]", "(network.W_i): expected a 1×2 matrix"),
        ("target: 0.5", "targets: [0.5]", "(network.targets): expected 2 targets, one per input step, got 1"),
        ("target: 0.5", "target: [0.5, 1]", "(network.target): expected 1 value"),
        ("inputs: [1, 0.5]", "inputs: [[1, 2], [0.5, 1]]", "(network.inputs): x⁽¹⁾ has 2 values; expected 1"),
        ("target: 0.5", "target: 0.5\n  loss: cross-entropy", "(network.loss): the lstm lesson's loss is mse"),
    ])
    func badLSTMFilesAreOneSentenceAndExitOne(original: String, replacement: String, message: String) throws {
        let text = examplesLSTM.replacingOccurrences(of: original, with: replacement)
        #expect(text != examplesLSTM)
        let file = try recurrentFile(text, name: "badlstm\(abs(replacement.hashValue))")
        let result = try runLesson(["run", "lstm", "--network", file.path, "--no-figures"])
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["run", "rnn", "--truncate", "0"], "--truncate must be at least 1 step, got 0"),
        (["run", "rnn", "--learning-rate", "-1"], "--learning-rate must be above 0, got −1"),
        (["run", "lstm", "--learning-rate", "0"], "--learning-rate must be above 0, got 0"),
        (["run", "rnn", "--network", "/nonexistent/net.yaml"], "/nonexistent/net.yaml: the file cannot be read (no such file)"),
        (["run", "rnn", "--variant", "nope"], "lesson 'rnn' has no variant 'nope'; its variants are example, truncated, many-to-many, relu, vanishing-gradient"),
    ])
    func badOptionsAreOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + ["--no-figures"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }
}

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
        let file = try networkFile(examplesRNN)
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

    /// rnn's truncated text says what lstm's says: its finite-difference check is of the truncated
    /// objective, not of ∂E/∂θ (rnn printed nothing). Its small numbers are written m×10ⁿ, not
    /// `%e` ("largest difference: 8.7e-11", "1.414e+00"), and its JSON leaves `truncate` out without
    /// the option, as lstm's does (rnn wrote `"truncate": null`).
    @Test func rnnTruncatedTextAndJsonAgreeWithLstms() throws {
        let text = try runLesson(["run", "rnn", "--truncate", "1", "--no-figures"]).stdout
        #expect(text.contains("largest difference: 8.7×10⁻¹¹\nThis checks the truncated gradient against the objective it is the gradient of, not against E: the full ∂E/∂θ differs from it by up to 0.085585.\n"))
        #expect(text.contains("\n  3   1.414×10⁰\n  2   4.551×10⁻¹\n  1   1.329×10⁻¹\n  0   3.481×10⁻²\n"))
        #expect(!text.contains("e-11") && !text.contains("e+00"))
        let lstm = try runLesson(["run", "lstm", "--truncate", "1", "--no-figures"]).stdout
        #expect(lstm.contains("\nThis checks the truncated gradient against the objective it is the gradient of, not against E: "))
        let plain = try runLesson(["run", "rnn", "--json", "--no-figures"])
        #expect(!plain.stdout.contains("\"truncate\""))
        #expect(try json(plain)["truncate"] == nil)
    }

    /// One step cut from a loss term is "step 1", as lstm writes it (rnn wrote "E₂: steps 1 dropped").
    @Test func rnnNamesOneDroppedStepInTheSingular() throws {
        let text = try runLesson(["run", "rnn", "--variant", "many-to-many", "--truncate", "1", "--no-figures"]).stdout
        #expect(text.contains("\n  E₂: step 1 dropped\n  E₃: steps 2, 1 dropped\n"))
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
        let file = try networkFile(examplesLSTM)
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

    /// `lesson run lstm --truncate K`: the JSON's gradients are the truncated ones (what the update
    /// uses), the full ones stay under backward.full, and K ≥ T gives the gradients of a run
    /// without K. EXAMPLES.md's cell with K = 1: ∂E/∂b_i drops from −0.021456 (full) to
    /// −0.010769 (step 2 alone); the ŷ column keeps its full value (ŷ⁽⁰⁾ = 0).
    @Test func lstmTruncateChangesTheJsonGradients() throws {
        let plain = try json(try runLesson(["run", "lstm", "--json", "--no-figures"]))
        #expect(plain["truncate"] == nil && (plain["backward"] as? [String: Any])?["truncation"] == nil)
        let one = try json(try runLesson(["run", "lstm", "--truncate", "1", "--json", "--no-figures"]))
        #expect(one["truncate"] as? Int == 1)
        #expect(near((one["grad_b_i"] as? [Double])?[0], -0.010769) && near((plain["grad_b_i"] as? [Double])?[0], -0.021456))
        let backward = try #require(one["backward"] as? [String: Any])
        #expect(backward["truncation"] as? Int == 1)
        let full = try #require(backward["full"] as? [String: Any])
        #expect(near((full["b_i"] as? [Double])?[0], -0.021456))
        let chains = try #require(backward["chains"] as? [[String: Any]])
        let links = try #require(chains.first?["links"] as? [[String: Any]])
        #expect(chains.count == 1 && chains[0]["loss_step"] as? Int == 2 && links.map { $0["kept"] as? Bool } == [true, false])
        let gradW = try #require(one["grad_W_i"] as? [[Double]]), plainW = try #require(plain["grad_W_i"] as? [[Double]])
        #expect(gradW[0][0] == plainW[0][0] && abs(gradW[0][1] - plainW[0][1]) > 1e-3)
        // The check is of the truncated objective, so it agrees with the truncated gradients.
        #expect((one["largest_gradient_difference"] as? Double ?? 1) < 1e-8)
        for k in ["2", "3"] {
            let long = try json(try runLesson(["run", "lstm", "--truncate", k, "--json", "--no-figures"]))
            for key in ["grad_W_f", "grad_W_i", "grad_W_s", "grad_W_o"] {
                #expect(long[key] as? [[Double]] == plain[key] as? [[Double]], "K = \(k), \(key)")
            }
        }
    }

    /// The text says truncation is on, which steps each term reaches, and that the update and the
    /// check use the truncated gradient, not ∂E/∂θ.
    @Test func lstmTruncatedTextSaysWhatItCut() throws {
        let result = try runLesson(["run", "lstm", "--variant", "many-to-many-truncated", "--no-figures"])
        #expect(result.status == 0, "\(result.stderr)")
        for line in ["h = 2 units, n = 2 inputs, T = 4 steps, many-to-many; loss ½Σ(ŷ − y)²; BPTT truncated to K = 2",
                     "  k = 2 [cut]:", "  t = 1 (E₁, E₂; cut: E₃, E₄): ∂E/∂s⁽¹⁾",
                     "What truncation to K = 2 cut: 3 of 10 (loss term, step) contributions.", "  E₄: steps 2, 1 dropped",
                     "with the gradients truncated to K = 2 (not the full ∂E/∂W_g, ∂E/∂b_g)",
                     "of the truncated objective (ŷ and s before each window held fixed):",
                     "This checks the truncated gradient against the objective it is the gradient of, not against E"] {
            #expect(result.stdout.contains(line), "missing: \(line)")
        }
    }

    /// `truncate:` in the lesson file: the same rule as rnn, and a bad value names file, line and key.
    @Test(arguments: [("truncate: 1", "truncate: 0", "error: lessons/lstm.yaml, line 5 (variants.truncated.truncate): the truncation K must be at least 1 step, got 0"),
                      ("truncate: 1", "truncate: two", "error: lessons/lstm.yaml, line 5 (variants.truncated.truncate): expected a whole number, found 'two'"),
                      ("truncate: 1", "truncate: 1.5", "error: lessons/lstm.yaml, line 5 (variants.truncated.truncate): expected a whole number, found '1.5'")])
    func badTruncateInTheLessonFileIsNamed(original: String, replacement: String, message: String) throws {
        let home = try temporaryFolder("lstm-truncate-\(replacement.filter(\.isLetter))")
        try FileManager.default.createDirectory(at: home.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        let yaml = """
            title: T
            summary: S
            example: {network: {W_f: [[0.5, 0.4]], W_i: [[0.3, 0.6]], W_s: [[0.2, 0.8]], W_o: [[-0.1, 0.7]], inputs: [1, 0.5], target: 0.5}}
            variants:
              truncated: {\(original)}
            """.replacingOccurrences(of: original, with: replacement)
        try Data(yaml.utf8).write(to: home.appendingPathComponent("lessons/lstm.yaml"))
        expectRefusal(try runLesson(["run", "lstm", "--variant", "truncated", "--no-figures"], home: home), message)
        #expect(try runLesson(["run", "lstm", "--no-figures"], home: home).status == 0)
    }

    @Test(arguments: [
        ("inputs: [[1], [0.5], [-1]]", "inputs: []", "error: $TMP/net.yaml, line 5 (network.inputs): the sequence is empty (T = 0); give at least one input x⁽¹⁾"),
        ("inputs: [[1], [0.5], [-1]]", "inputs: [[1], [.nan], [-1]]", "error: $TMP/net.yaml, line 5 (network.inputs[2][1]): expected a finite number, but '.nan' is not a finite number; nan and inf are refused"),
        ("inputs: [[1], [0.5], [-1]]", "inputs: [[1], [0.5, 2], [-1]]", "error: $TMP/net.yaml, line 5 (network.inputs): x⁽²⁾ has 2 values; expected 1, one per column of U"),
        ("target: [1]", "target: [1, 0]", "error: $TMP/net.yaml, line 9 (network.target): expected 1 value, one per output unit, got 2"),
        ("target: [1]", "targets: [[1], [0]]", "error: $TMP/net.yaml, line 9 (network.targets): expected 3 targets, one per input step, got 2"),
        ("W: [[0.1, 0.4], [-0.2, 0.3]]", "W: [[0.1, 0.4]]", "error: $TMP/net.yaml, line 3 (network.W): expected a 2×2 matrix (h×h, h = 2 hidden units as U has rows), got 1×2"),
        ("V: [[0.6, -0.5]]", "V: [[0.6, -0.5, 1]]", "error: $TMP/net.yaml, line 4 (network.V): expected an o×2 matrix (one column per hidden unit, as U has 2 rows), got 1×3"),
        ("loss: binary-cross-entropy", "loss: hinge", "error: $TMP/net.yaml, line 8 (network.loss): unknown loss 'hinge'; expected one of mse, sse, binary-cross-entropy, cross-entropy"),
        ("hidden_activation: tanh", "hidden_activation: softmax", "error: $TMP/net.yaml, line 6 (network.hidden_activation): 'softmax' cannot be a hidden activation; expected one of tanh, relu, sigmoid, linear"),
        ("target: [1]", "target: [1]\n  targets: [[1], [0], [1]]", "error: $TMP/net.yaml, line 10 (network.targets): give either 'target' (a loss on the last output) or 'targets' (one per step), not both"),
        ("  U:", "  Q: 1\n  U:", "error: $TMP/net.yaml, line 2 (network.Q): unknown key 'Q'; the keys allowed here are U, W, V, b, c, inputs, initial_state, hidden_activation, output_activation, loss, target, targets"),
    ])
    func badRNNFilesAreOneSentenceAndExitOne(original: String, replacement: String, message: String) throws {
        try expectEditedNetworkRefused(examplesRNN, replacing: original, with: replacement, lesson: "rnn", message: message)
    }

    @Test(arguments: [
        ("W_i: [[0.3, 0.6]]", "W_i: [[0.3, 0.6, 1]]", "error: $TMP/net.yaml, line 3 (network.W_i): expected a 1×2 matrix (h×(h + n) with h = 1 and n = 1, as W_f), got 1×3"),
        ("target: 0.5", "targets: [0.5]", "error: $TMP/net.yaml, line 7 (network.targets): expected 2 targets, one per input step, got 1"),
        ("target: 0.5", "target: [0.5, 1]", "error: $TMP/net.yaml, line 7 (network.target): expected 1 value, one per output unit, got 2"),
        ("inputs: [1, 0.5]", "inputs: [[1, 2], [0.5, 1]]", "error: $TMP/net.yaml, line 6 (network.inputs): x⁽¹⁾ has 2 values; expected 1, the columns of W_f after the first h = 1"),
        ("target: 0.5", "target: 0.5\n  loss: cross-entropy", "error: $TMP/net.yaml, line 8 (network.loss): the lstm lesson's loss is mse, ½Σ(ŷ − y)² on the cell's output; got 'cross-entropy'"),
    ])
    func badLSTMFilesAreOneSentenceAndExitOne(original: String, replacement: String, message: String) throws {
        try expectEditedNetworkRefused(examplesLSTM, replacing: original, with: replacement, lesson: "lstm", message: message)
    }

    @Test(arguments: [
        (["run", "rnn", "--truncate", "0"], "error: --truncate must be at least 1 step, got 0"),
        (["run", "rnn", "--learning-rate", "-1"], "error: --learning-rate must be above 0, got −1"),
        (["run", "lstm", "--learning-rate", "0"], "error: --learning-rate must be above 0, got 0"),
        (["run", "lstm", "--truncate", "0"], "error: --truncate must be at least 1 step, got 0"),
        (["run", "lstm", "--truncate", "-2"], "error: --truncate must be at least 1 step, got -2"),
        (["run", "lstm", "--truncate", "two"], "error: The value 'two' is invalid for '--truncate <K>'; --help lists the options"),
        (["run", "lstm", "--truncate", "1.5"], "error: The value '1.5' is invalid for '--truncate <K>'; --help lists the options"),
        (["run", "lstm", "--variant", "nope"], "error: lesson 'lstm' has no variant 'nope'; its variants are example, many-to-many, truncated, many-to-many-truncated"),
        (["run", "rnn", "--network", "/nonexistent/net.yaml"], "error: /nonexistent/net.yaml: the file cannot be read (no such file)"),
        (["run", "rnn", "--variant", "nope"], "error: lesson 'rnn' has no variant 'nope'; its variants are example, truncated, many-to-many, relu, vanishing-gradient"),
    ])
    func badOptionsAreOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + ["--no-figures"])
        expectRefusal(result, message)
    }
}

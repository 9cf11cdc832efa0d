import LessonTestSupport
import Foundation
import Testing

/// The issue's example network, written to a file for `--network`.
private let issueNetwork = """
network:
  input: [0.5, -1.0]
  target: [1.0]
  loss: mse
  l2: 0.0
  layers:
    - weights: [[0.1, -0.2], [0.4, 0.3]]
      bias: [0.0, 0.1]
      activation: tanh
    - weights: [[0.5, -0.6]]
      bias: [0.2]
      activation: linear
"""

private func networkFile(_ text: String, name: String = #function) throws -> URL {
    let url = try temporaryFolder(name).appendingPathComponent("net.yaml")
    try Data(text.utf8).write(to: url)
    return url
}

/// `lesson run mlp` and `lesson run backprop` as a person runs them.
@Suite struct RunNetworkCommandTests {
    /// `--json` carries loss and per-layer z, a, δ and gradients in the weights' orientation;
    /// the numbers are those of an independent computation (plain Python, math.tanh).
    @Test func backpropJsonOfTheIssueExample() throws {
        let file = try networkFile(issueNetwork)
        let result = try runLesson(["run", "backprop", "--network", file.path, "--json", "--no-figures", "--learning-rate", "0.5"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(abs((object["loss"] as? Double ?? .nan) - 0.2295306789377191) < 1e-15)
        let layers = try #require(object["layers"] as? [[String: Any]])
        #expect(layers.count == 2)
        let first = layers[0], second = layers[1]
        #expect((first["z"] as? [Double])?.first == 0.25)
        #expect(abs(((first["delta"] as? [Double]) ?? [])[0] - -0.31844914467023044) < 1e-15)
        let grad = try #require(first["grad_weights"] as? [[Double]])
        #expect(grad.count == 2 && grad.allSatisfy { $0.count == 2 }, "2 units × 2 inputs, like W⁽¹⁾")
        #expect(abs(grad[1][0] - 0.20326220063944364) < 1e-15)
        #expect(abs(((second["grad_bias"] as? [Double]) ?? [])[0] - -0.6775406687981455) < 1e-15)
        let update = try #require(object["update"] as? [String: Any])
        #expect(abs((update["loss_after"] as? Double ?? .nan) - 0.006273380771087536) < 1e-14)
        #expect((object["largest_gradient_difference"] as? Double ?? 1) < 1e-8)
    }

    @Test func backpropTextShowsEveryStep() throws {
        let result = try runLesson(["run", "backprop", "--variant", "classification", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("softmax meets cross-entropy: δᵢ = Σⱼ (∂L/∂aⱼ)(∂aⱼ/∂zᵢ)"))
        #expect(result.stdout.contains("δ⁽³⁾₃ = a⁽³⁾₃ − y₃ = "))
        #expect(result.stdout.contains("δ⁽²⁾₁ = (w⁽³⁾₁₁δ⁽³⁾₁ + w⁽³⁾₂₁δ⁽³⁾₂ + w⁽³⁾₃₁δ⁽³⁾₃ + w⁽³⁾₄₁δ⁽³⁾₄ + w⁽³⁾₅₁δ⁽³⁾₅ + w⁽³⁾₆₁δ⁽³⁾₆) × f′(z⁽²⁾₁)"))
        #expect(result.stdout.contains("Gradient descent, θ ← θ − α ∂L/∂θ with α = 0.1:"))
        #expect(result.stdout.contains("largest difference: "))
        let hand = try runLesson(["run", "backprop", "--variant", "by-hand", "--no-figures", "--strict"])
        #expect(hand.status == 0)
        #expect(hand.stdout.contains("sigmoid meets binary cross-entropy"))
        #expect(hand.stdout.contains("Checked against the lesson file, and in agreement with the recomputation: 2 stated values"))
        let l2 = try runLesson(["run", "backprop", "--variant", "l2", "--no-figures"])
        #expect(l2.stdout.contains("+ (λ/m)w⁽¹⁾₁₁ = "))
    }

    @Test func mlpClassificationIsAProbabilityVector() throws {
        let result = try runLesson(["run", "mlp", "--variant", "classification", "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let output = try #require(object?["output"] as? [Double])
        #expect(output.count == 6)
        #expect(abs(output.reduce(0, +) - 1) < 1e-12)
        #expect(object?["architecture"] as? String == "2 → 4 → 4 → 6")
    }

    @Test func writesOverviewAndLayerFrames() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "backprop", "--out", folder.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == ["forward.png", "backward.png", "forward-layer-1.png", "forward-layer-2.png", "forward-layer-3.png",
                          "backward-layer-1.png", "backward-layer-2.png", "backward-layer-3.png"])
    }

    /// Weights so large the gradients overflow: a sentence, not a failed precondition.
    @Test func anOverflowingUpdateIsOneSentenceAndExitOne() throws {
        let text = issueNetwork.replacingOccurrences(of: "weights: [[0.5, -0.6]]\n      bias: [0.2]",
                                                     with: "weights: [[1e308, -1e308]]\n      bias: [1e308]")
        #expect(text != issueNetwork)
        let file = try networkFile(text)
        let result = try runLesson(["run", "backprop", "--network", file.path, "--no-figures"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: the update θ − α·∂L/∂θ gives a weight or bias that is not a finite number"), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ("weights: [[0.5, -0.6]]", "weights: [[0.5, -0.6, 0.1]]", "net.yaml, line 10 (network.layers[2].weights): the weights of layer 2 have 3 columns but layer 1 has 2 units"),
        ("target: [1.0]", "target: [1.0, 2.0]", "net.yaml, line 3 (network.target): the target has 2 values but the last layer has 1 unit"),
        ("activation: linear", "activation: swish", "(network.layers[2].activation): unknown activation 'swish'"),
        ("loss: mse", "loss: l1", "(network.loss): unknown loss 'l1'"),
        ("activation: tanh", "activation: softmax", "(network.layers[1].activation): softmax is only allowed in the last layer"),
        ("  layers:", "  layerz:", "(network.layerz): unknown key 'layerz'"),
        ("[[0.1, -0.2], [0.4, 0.3]]", "[[0.1, -0.2], [0.4]]", "(network.layers[1].weights[2]): this row has 1 number but the first row has 2"),
    ])
    func badNetworkFilesAreOneSentenceAndExitOne(original: String, replacement: String, message: String) throws {
        let text = issueNetwork.replacingOccurrences(of: original, with: replacement)
        #expect(text != issueNetwork)
        let file = try networkFile(text, name: "bad\(abs(replacement.hashValue))")
        let result = try runLesson(["run", "backprop", "--network", file.path, "--no-figures"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: \(file.path), line ") || result.stderr.hasPrefix("error: \(file.path)"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        (["run", "backprop", "--network", "/nonexistent/net.yaml"], "/nonexistent/net.yaml: the file cannot be read (no such file)"),
        (["run", "backprop", "--target", "1 0"], "--target: the target has 2 values but the last layer has 1 unit"),
        (["run", "mlp", "--input", "1 2 3"], "--input: the input has 3 values but the first layer's weights have 2 columns"),
        (["run", "backprop", "--learning-rate", "-1"], "--learning-rate must be above 0, got −1"),
        (["run", "mlp", "--variant", "nope"], "lesson 'mlp' has no variant 'nope'; its variants are example, classification"),
    ])
    func badOptionsAreOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + ["--no-figures"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }
}

/// `lesson run autodiff`, `perceptron` and `activations`.
@Suite struct RunGraphAndPerceptronCommandTests {
    @Test func autodiffNotesExample() throws {
        let result = try runLesson(["run", "autodiff", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("v₁ = x^2   (feeds v₂ and v₃)"))
        #expect(result.stdout.contains("Result: J = −0.764921; ∂J/∂x = 4.560792"))
        #expect(result.stdout.contains("∂J/∂v₁ += ∂J/∂v₃ · ∂v₃/∂v₁ = 0.644125×3   (∂v₃/∂v₁ = 3)   → ∂J/∂v₁ = 1.932374"))
        let half = try runLesson(["run", "autodiff", "--at", "x=0.5", "--json", "--no-figures"])
        let object = try JSONSerialization.jsonObject(with: Data(half.stdout.utf8)) as? [String: Any]
        #expect(abs((object?["value"] as? Double ?? .nan) - 0.542485) < 5e-7)
        #expect(abs(((object?["gradient"] as? [String: Double])?["x"] ?? .nan) - -3.334146) < 5e-7)
    }

    @Test func autodiffAnyExpression() throws {
        let result = try runLesson(["run", "autodiff", "--expr", "x*y + sin(x)/y", "--at", "x=1,y=2", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // ∂/∂x = y + cos(x)/y = 2.270151, ∂/∂y = x − sin(x)/y² = 0.789632.
        #expect(result.stdout.contains("∂J/∂x = 2.270151, ∂J/∂y = 0.789632"))
    }

    @Test(arguments: [
        (["--expr", "cos(x"], "the expression \"cos(x\" does not parse at the end (column 6): expected ')' to close cos( opened at column 4"),
        (["--expr", "x + ", "--at", "x=1"], "does not parse at the end (column 5)"),
        (["--expr", "x*y", "--at", "x=1"], "the expression uses y but no value was given for it"),
        (["--expr", "log(x)", "--at", "x=0"], "J = log(x) = log(0) is not a finite number at x = 0"),
        (["--at", "x"], "--at x: expected name=value"),
    ])
    func badExpressionsSayWhere(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "autodiff", "--no-figures"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }

    @Test func perceptronConvergesOnAndAndOrAndCyclesOnXor() throws {
        let result = try runLesson(["run", "perceptron", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("All 4 inequalities hold: these weights implement AND."))
        #expect(result.stdout.contains("Perceptron rule on AND"))
        #expect(result.stdout.components(separatedBy: "Converged after").count == 3, "AND and OR converge")
        #expect(result.stdout.contains("No convergence: epoch"))
        #expect(result.stdout.contains("4 of 4 rows right: one hidden layer solves XOR."))
    }

    @Test func activationsWritesOnePlotPerFunctionAndAnOverview() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "activations", "--out", folder.path, "--at", "0"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("  σ(z)   0.5000\n  σ′(z)  0.2500"))
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == ["sigmoid.png", "tanh.png", "relu.png", "softplus.png", "overview.png"])
        let bad = try runLesson(["run", "activations", "--from", "2", "--to", "1", "--no-figures"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--from must be less than --to"))
    }
}

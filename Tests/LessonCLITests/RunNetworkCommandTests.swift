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
        expectRefusal(result, "error: the update θ − α·∂L/∂θ gives a weight or bias that is not a finite number (the loss or its gradients overflow); use smaller weights, inputs or learning rate")
    }

    @Test(arguments: [
        ("weights: [[0.5, -0.6]]", "weights: [[0.5, -0.6, 0.1]]", "error: $TMP/net.yaml, line 10 (network.layers[2].weights): the weights of layer 2 have 3 columns but layer 1 has 2 units; the shapes do not chain: layer 2 needs one column per unit of layer 1"),
        ("target: [1.0]", "target: [1.0, 2.0]", "error: $TMP/net.yaml, line 3 (network.target): the target has 2 values but the last layer has 1 unit; give one target per output unit"),
        ("activation: linear", "activation: swish", "error: $TMP/net.yaml, line 12 (network.layers[2].activation): unknown activation 'swish'; expected one of sigmoid, tanh, relu, softplus, linear, softmax, step"),
        ("loss: mse", "loss: l1", "error: $TMP/net.yaml, line 4 (network.loss): unknown loss 'l1'; expected one of mse, sse, binary-cross-entropy, cross-entropy"),
        ("activation: tanh", "activation: softmax", "error: $TMP/net.yaml, line 9 (network.layers[1].activation): softmax is only allowed in the last layer, but layer 1 of 2 uses it; use sigmoid, tanh, relu, softplus, linear or step in hidden layers"),
        ("  layers:", "  layerz:", "error: $TMP/net.yaml, line 7 (network.layerz): unknown key 'layerz'; the keys allowed here are input, target, inputs, targets, loss, l2, layers"),
        ("[[0.1, -0.2], [0.4, 0.3]]", "[[0.1, -0.2], [0.4]]", "error: $TMP/net.yaml, line 7 (network.layers[1].weights[2]): this row has 1 number but the first row has 2; every row needs the same count"),
    ])
    func badNetworkFilesAreOneSentenceAndExitOne(original: String, replacement: String, message: String) throws {
        try expectEditedNetworkRefused(issueNetwork, replacing: original, with: replacement, lesson: "backprop", message: message)
    }

    @Test(arguments: [
        (["run", "backprop", "--network", "/nonexistent/net.yaml"], "error: /nonexistent/net.yaml: the file cannot be read (no such file)"),
        (["run", "backprop", "--target", "1 0"], "error: --target: the target has 2 values but the last layer has 1 unit; give one target per output unit"),
        (["run", "mlp", "--input", "1 2 3"], "error: --input: the input has 3 values but the first layer's weights have 2 columns; give one input per column"),
        (["run", "backprop", "--learning-rate", "-1"], "error: --learning-rate must be above 0, got −1"),
        (["run", "mlp", "--variant", "nope"], "error: lesson 'mlp' has no variant 'nope'; its variants are example, classification"),
    ])
    func badOptionsAreOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + ["--no-figures"])
        expectRefusal(result, message)
    }
}

/// `lesson run autodiff`, `perceptron` and `activations`.
@Suite struct RunGraphAndPerceptronCommandTests {
    @Test func autodiffAtAnotherPoint() throws {
        let half = try runLesson(["run", "autodiff", "--at", "x=0.5", "--json", "--no-figures"])
        let object = try JSONSerialization.jsonObject(with: Data(half.stdout.utf8)) as? [String: Any]
        #expect(abs((object?["value"] as? Double ?? .nan) - 0.542485) < 5e-7)
        #expect(abs(((object?["gradient"] as? [String: Double])?["x"] ?? .nan) - -3.334146) < 5e-7)
    }

    @Test(arguments: [
        (["--expr", "cos(x"], "error: the expression \"cos(x\" does not parse at the end (column 6): expected ')' to close cos( opened at column 4"),
        (["--expr", "x + ", "--at", "x=1"], "error: the expression \"x + \" does not parse at the end (column 5): expected a number, a variable, a function or '('"),
        (["--expr", "x*y", "--at", "x=1"], "error: the expression uses y but no value was given for it; give one such as y=1"),
        (["--expr", "log(x)", "--at", "x=0"], "error: J = log(x) = log(0) is not a finite number at x = 0"),
        (["--at", "x"], "error: --at x: expected name=value, such as x=1 or x=1,y=2"),
    ])
    func badExpressionsSayWhere(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "autodiff", "--no-figures"] + arguments)
        expectRefusal(result, message)
    }

    @Test func activationsWritesOnePlotPerFunctionAndAnOverview() throws {
        let folder = try temporaryFolder()
        let result = try runLesson(["run", "activations", "--out", folder.path, "--at", "0"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(names == ["sigmoid.png", "tanh.png", "relu.png", "softplus.png", "overview.png"])
        let bad = try runLesson(["run", "activations", "--from", "2", "--to", "1", "--no-figures"])
        expectRefusal(bad, "error: --from must be less than --to, got 2 and 1")
    }
}

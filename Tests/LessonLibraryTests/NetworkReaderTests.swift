import Foundation
import Testing
import LessonCore
@testable import LessonLibrary

private let issueExample = """
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

private func read(_ text: String) throws -> NetworkExample {
    let document = try YAMLValue.parse(text, file: "net.yaml")
    return try NetworkReader.read(try document.require("network", expected: "a network"))
}

@Suite struct NetworkReaderTests {
    @Test func readsTheIssueExampleInTheNotesOrientation() throws {
        let example = try read(issueExample)
        #expect(example.input == [0.5, -1])
        #expect(example.target == [1])
        #expect(example.network.loss == .mse)
        #expect(example.network.layers.map(\.activation) == [.tanh, .linear])
        // Row i holds the weights into unit i: W⁽¹⁾ is 2 units × 2 inputs, W⁽²⁾ 1 × 2.
        #expect(example.network.layers[0].weights[1, 0] == 0.4)
        #expect(example.network.layers[1].weights.shape == [1, 2])
        #expect(example.network.architecture == "2 → 2 → 1")
    }

    @Test(arguments: [
        ("weights: [[0.5, -0.6]]", "weights: [[0.5, -0.6, 0.1]]",
         "net.yaml, line 10 (network.layers[2].weights): the weights of layer 2 have 3 columns but layer 1 has 2 units; the shapes do not chain: layer 2 needs one column per unit of layer 1"),
        ("target: [1.0]", "target: [1.0, 0.0]",
         "net.yaml, line 3 (network.target): the target has 2 values but the last layer has 1 unit; give one target per output unit"),
        ("activation: linear", "activation: gelu",
         "net.yaml, line 12 (network.layers[2].activation): unknown activation 'gelu'; expected one of sigmoid, tanh, relu, softplus, linear, softmax, step"),
        ("loss: mse", "loss: hinge",
         "net.yaml, line 4 (network.loss): unknown loss 'hinge'; expected one of mse, sse, binary-cross-entropy, cross-entropy"),
        ("activation: tanh", "activation: softmax",
         "net.yaml, line 9 (network.layers[1].activation): softmax is only allowed in the last layer, but layer 1 of 2 uses it"),
        ("bias: [0.0, 0.1]", "bias: [0.0]",
         "net.yaml, line 8 (network.layers[1].bias): layer 1 has 2 units (rows of its weights) but 1 bias; give one bias per unit"),
        ("input: [0.5, -1.0]", "input: [0.5]",
         "net.yaml, line 2 (network.input): the input has 1 value but the first layer's weights have 2 columns"),
        ("l2: 0.0", "l2: 0.0\n  dropout: 0.5",
         "(network.dropout): unknown key 'dropout'; the keys allowed here are input, target, inputs, targets, loss, l2, layers"),
        ("loss: mse", "loss: binary-cross-entropy",
         "(network.loss): the loss binary-cross-entropy takes log a and log(1 − a) of every output"),
    ])
    func badNetworksNameFileLineAndKey(original: String, replacement: String, message: String) throws {
        let text = issueExample.replacingOccurrences(of: original, with: replacement)
        #expect(text != issueExample)
        do {
            _ = try read(text)
            Issue.record("no error for \(replacement)")
        } catch let error as InputError {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    @Test func missingBiasMeansZeros() throws {
        let example = try read(issueExample.replacingOccurrences(of: "      bias: [0.2]\n", with: ""))
        #expect(example.network.layers[1].bias == [0])
    }
}

@Suite struct NetworkLessonFileTests {
    static var directory: LessonDirectory {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return LessonDirectory(url: folder.appendingPathComponent("lessons"))
    }

    /// Every variant of every lesson of this issue loads, runs, and agrees with what it states.
    @Test(arguments: ["mlp", "backprop", "perceptron", "autodiff", "activations"])
    func everyVariantRuns(id: String) throws {
        let file = try Self.directory.load(id)
        let lesson = try #require(LessonRegistry.lesson(id))
        for variant in file.variants {
            let output = try lesson.run(file, variant: variant)
            #expect(output.mismatches.isEmpty, "\(id) \(variant.name): \(output.mismatches)")
            #expect(!output.figures.isEmpty, "\(id) \(variant.name)")
            #expect(!output.text.isEmpty)
            _ = try output.json()
        }
    }

    @Test func notesNetworkHas37And62Parameters() throws {
        let file = try Self.directory.load("mlp")
        #expect(try NetworkLessonExample(file.variant(nil)).example.network.parameterCount == 37)
        #expect(try NetworkLessonExample(file.variant("classification")).example.network.parameterCount == 62)
    }
}

@Suite struct NetworkLessonMismatchTests {
    /// A stated loss that the recomputation does not give is a mismatch, not an error.
    @Test func wrongStatedLossIsReported() throws {
        let text = """
        title: t
        summary: s
        example:
          expected: {loss: 0.25, output: [0.322459]}
          network:
            input: [0.5, -1.0]
            target: [1.0]
            loss: mse
            layers:
              - {weights: [[0.1, -0.2], [0.4, 0.3]], bias: [0.0, 0.1], activation: tanh}
              - {weights: [[0.5, -0.6]], bias: [0.2], activation: linear}
        """
        let file = try LessonFile(id: "backprop", document: try YAMLValue.parse(text, file: "t.yaml"))
        let output = try BackpropLesson.run(file, variant: try file.variant(nil))
        #expect(output.mismatches == [Mismatch(subject: "loss", stated: "0.25", recomputed: "0.229531")])
        #expect(output.text.contains("1 mismatch between the lesson file and the recomputation:\n  loss: stated 0.25, recomputed 0.229531"))
    }
}

/// `inputs`/`targets` lists: a batch of m examples, one row each.
@Suite struct NetworkReaderBatchTests {
    private func read(_ text: String) throws -> NetworkExample {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).yaml")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try NetworkReader.load(url, displayName: "net.yaml")
    }

    private let layers = """
      loss: mse
      layers:
        - weights: [[0.5, -0.3]]
          activation: linear
    """

    @Test func readsInputsAndTargets() throws {
        let example = try read("network:\n  inputs: [[1, 0.5], [0, -1]]\n  targets: [[0.8], [-0.2]]\n" + layers)
        #expect(example.batchSize == 2 && example.inputs == [[1, 0.5], [0, -1]] && example.targets == [[0.8], [-0.2]])
        #expect(example.input == [1, 0.5] && example.target == [0.8])
        let single = try read("network:\n  input: [1, 0.5]\n  target: [0.8]\n" + layers)
        #expect(single.batchSize == 1)
    }

    @Test func rejectsMismatchedOrDoubledBatches() throws {
        #expect(throws: InputError.self) { try read("network:\n  inputs: [[1, 0.5], [0, -1]]\n  targets: [[0.8]]\n" + layers) }
        do {
            _ = try read("network:\n  input: [1, 0.5]\n  inputs: [[1, 0.5]]\n  target: [0.8]\n" + layers)
            Issue.record("input and inputs together should be rejected")
        } catch let error as InputError {
            #expect(error.message.contains("give either 'input' (one example) or 'inputs' (one row per example), not both"), "\(error.message)")
        }
    }
}

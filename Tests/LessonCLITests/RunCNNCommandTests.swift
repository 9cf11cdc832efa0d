import LessonTestSupport
import Foundation
import Testing

/// `lesson run cnn` as a person runs it: output, exit codes, JSON, figures, bad input.
@Suite struct RunCNNCommandTests {
    @Test func theExampleTracesEveryLayerForwardAndBackward() throws {
        let result = try runLesson(["run", "cnn", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let text = result.stdout
        #expect(text.contains("Network: image 6×6 → conv 2 filters 3×3 (padding 0, stride 1) → 2@4×4 → ReLU → 2@4×4 → max pool 2×2, stride 2 → 2@2×2 → flatten 8 → dense 8 → 3 → softmax → cross-entropy"))
        #expect(text.contains("  z₁[1,1] = 1×1 + 3×0 + 3×(−1) + 3×2 + 0×0 + 1×(−2) + 3×1 + 3×0 + 1×(−1) + 0.5 = 4.5"))
        #expect(text.contains("  p₁[1,1] = max(4.5, 0, 5.5, 0) = 5.5, from a₁[2,1]"))
        #expect(text.contains("  f = (5.5, 4.5, 4.5, 4.5, 1.5, 1.5, 5.5, 5.5), 8 values"))
        #expect(text.contains("probabilities ŷ = (0.190612, 0.699414, 0.109974)"))
        #expect(text.contains("  ∂L/∂p₁[1,1] = 0.0491 → a₁[2,1]"))
        #expect(text.contains("  δ₁[2,1] = 0.0491×1 = 0.0491 (z₁[2,1] = 5.5 > 0: passes)"))
        #expect(text.contains("  ∂L/∂b₁ = Σ δ₁ = 0.0491 + (−0.0902) + (−0.0411) + 0.0682 = −0.0139"))
        #expect(text.contains("  loss before: 0.357513; after one step: 0.186937 (lower)"))
        #expect(text.contains("over 47 parameters"))
        #expect(text.contains("Checked against the lesson file, and in agreement with the recomputation: 36 stated values."))
    }


    @Test func jsonCarriesEveryLayersValuesAndGradients() throws {
        let result = try runLesson(["run", "cnn", "--json", "--no-figures", "--learning-rate", "0.05"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        struct Payload: Decodable {
            struct Forward: Decodable { var flattened: [Double]; var probabilities: [Double]; var featureMaps: [[[Double]]] }
            struct Backward: Decodable { var gradBiases: [Double]; var gradFilters: [[[Double]]]; var reluMasks: [[[Double]]]; var gradFlattened: [Double] }
            struct Update: Decodable { var learningRate: Double; var lossBefore: Double; var lossAfter: Double }
            var forward: Forward
            var backward: Backward
            var update: Update
            var largestGradientDifference: Double
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let payload = try decoder.decode(Payload.self, from: Data(result.stdout.utf8))
        #expect(payload.forward.flattened == [5.5, 4.5, 4.5, 4.5, 1.5, 1.5, 5.5, 5.5])
        #expect(payload.forward.featureMaps.count == 2 && payload.forward.featureMaps[0].count == 4)
        #expect(abs(payload.backward.gradBiases[0] - (-0.013930901535)) < 1e-11)
        #expect(abs(payload.backward.gradFilters[0][2][1] - (-0.39369570687)) < 1e-11)
        #expect(payload.backward.reluMasks[0][0] == [1, 0, 1, 0])
        #expect(payload.backward.gradFlattened.count == 8)
        #expect(payload.update.learningRate == 0.05)
        #expect(payload.update.lossAfter < payload.update.lossBefore)
        #expect(payload.largestGradientDifference < 1e-8)
    }

    @Test func figuresAreWrittenOnePerLayerEachWayAndAnOverview() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cnn-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try runLesson(["run", "cnn", "--out", out.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names.filter { $0.hasSuffix(".png") } == [
            "backward-1-conv.png", "backward-2-relu.png", "backward-3-pool.png", "backward-4-flatten.png", "backward-5-dense.png",
            "forward-1-conv.png", "forward-2-relu.png", "forward-3-pool.png", "forward-4-flatten.png", "forward-5-dense.png",
            "overview.png",
        ])
    }

    static let badInput: [([String], String)] = [
        (["--target", "0 1"], "error: the target has 2 values but the dense layer has 3 classes (rows of its weights); give one target per class\n"),
        (["--image", "1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8"],
         "error: the dense weights have 8 columns but the flattened pooled maps have 18 values (2 maps of 3×3 from the 8×8 image); the shapes do not chain: give the dense layer 18 columns\n"),
        (["--dense-weights", "1 2 3; 4 5 6; 7 8 9"],
         "error: the dense weights have 3 columns but the flattened pooled maps have 8 values (2 maps of 2×2 from the 6×6 image); the shapes do not chain: give the dense layer 8 columns\n"),
        (["--dense-bias", "0 0"], "error: the dense weights have 3 rows (classes) but 2 biases; give one dense bias per class\n"),
        (["--learning-rate", "-1"], "error: --learning-rate must be above 0, got −1\n"),
        (["--image", "1 2; 3 4"], "error: the kernel (3 rows) is larger than the padded input (2 + 2×0 = 2 rows), so n + 2p − d(k − 1) − 1 = −1 is below 0 and there is no output\n"),
        (["--target", "1 0; 0 1"], "error: --target \"1 0; 0 1\": expected one row of numbers, got 2×2\n"),
        (["--image", Array(repeating: Array(repeating: "1e308", count: 6).joined(separator: " "), count: 6).joined(separator: "; ")],
         "error: the convolution with filter 1 overflows (a value that is not a finite number); use smaller image values or weights\n"),
        (["--image", Array(repeating: Array(repeating: "1e308", count: 6).joined(separator: " "), count: 6).joined(separator: "; "), "--json"],
         "error: the convolution with filter 1 overflows (a value that is not a finite number); use smaller image values or weights\n"),
    ]

    /// A step so large the updated logits overflow (softmax of ±∞ is undefined, as in PyTorch): the text
    /// says NaN, the JSON is one sentence, neither crashes. (A bright image, 1e150 everywhere, no longer
    /// overflows: its cross-entropy after the step is the finite −log-softmax of finite logits.)
    @Test func anOverflowingUpdateIsWrittenOutOrRefusedInJSON() throws {
        let text = try runLesson(["run", "cnn", "--no-figures", "--learning-rate", "1e200"])
        #expect(text.status == 0, "stderr: \(text.stderr)")
        #expect(text.stdout.contains("after one step: NaN"))
        let json = try runLesson(["run", "cnn", "--no-figures", "--json", "--learning-rate", "1e200"])
        #expect(json.status == 1)
        #expect(json.stderr == "error: the trace holds an undefined value (NaN) at update.lossAfter, which JSON cannot represent; the numbers overflow or leave the domain of an operation, so use other inputs, weights or learning rate\n")
        #expect(json.stdout.isEmpty)
    }

    /// The same bright image gives a finite loss after the step: −log-softmax of finite logits.
    @Test func aBrightImageKeepsAFiniteLossAfterTheStep() throws {
        let image = Array(repeating: Array(repeating: "1e150", count: 6).joined(separator: " "), count: 6).joined(separator: "; ")
        let json = try runLesson(["run", "cnn", "--no-figures", "--json", "--image", image])
        #expect(json.status == 0, "stderr: \(json.stderr)")
        #expect(json.stdout.contains("\"loss_after\""))
    }

    @Test(arguments: badInput)
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "cnn", "--no-figures"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }
}

import LessonTestSupport
import Foundation
import Testing

/// `lesson run cnn` as a person runs it: output, exit codes, JSON, figures, bad input.
@Suite struct RunCNNCommandTests {
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
        (["--target", "0 1"], "error: the target has 2 values but the dense layer has 3 classes (rows of its weights); give one target per class"),
        (["--image", "1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8; 1 2 3 4 5 6 7 8"],
         "error: the flattened pooled maps now have 18 values (2 maps of 3×3) but the example's dense weights have 8 columns; give --dense-weights with 18 columns, one row per class"),
        (["--filter", "1 0; 0 1"], "error: the flattened pooled maps now have 4 values (1 map of 2×2) but the example's dense weights have 8 columns; give --dense-weights with 4 columns, one row per class"),
        (["--pool", "7"], "error: max pooling cannot be applied to the 4×4 feature maps: the window (7 rows) is larger than the padded input (4 + 2×0 = 4 rows), so there is no output"),
        (["--filter", "1 0; 0 1", "--padding", "same"], "error: --padding same: \"same\" padding needs d(k − 1) = 1×(2 − 1) = 1 zeros along the rows, which cannot be split evenly between the two sides, and this lesson pads both sides alike; use an odd kernel, or 'lesson run conv2d --padding same' (or conv2d-backward, conv2d-modes, conv1d, conv-channels), which pad as Keras does with the extra zero at the bottom and right"),
        (["--dense-weights", "1 2 3; 4 5 6; 7 8 9"],
         "error: the dense weights have 3 columns but the flattened pooled maps have 8 values (2 maps of 2×2 from the 6×6 image); the shapes do not chain: give the dense layer 8 columns"),
        (["--dense-bias", "0 0"], "error: the dense weights have 3 rows (classes) but 2 biases; give one dense bias per class"),
        (["--learning-rate", "-1"], "error: --learning-rate must be above 0, got −1"),
        (["--image", "1 2; 3 4"], "error: the kernel (3 rows) is larger than the padded input (2 + 2×0 = 2 rows), so n + 2p − d(k − 1) − 1 = −1 is below 0 and there is no output"),
        (["--target", "1 0; 0 1"], "error: --target \"1 0; 0 1\": expected one row of numbers, got 2×2"),
        (["--image", Array(repeating: Array(repeating: "1e308", count: 6).joined(separator: " "), count: 6).joined(separator: "; ")],
         "error: the convolution with filter 1 overflows (a value that is not a finite number); use smaller image values or weights"),
        (["--image", Array(repeating: Array(repeating: "1e308", count: 6).joined(separator: " "), count: 6).joined(separator: "; "), "--json"],
         "error: the convolution with filter 1 overflows (a value that is not a finite number); use smaller image values or weights"),
    ]

    /// A step so large the updated logits overflow (softmax of ±∞ is undefined, as in PyTorch): the
    /// JSON is one sentence and no crash (the text says NaN: `runs/cnn.overflowing-update.txt`). (A
    /// bright image, 1e150 everywhere, no longer overflows: its cross-entropy after the step is the
    /// finite −log-softmax of finite logits.)
    @Test func anOverflowingUpdateIsRefusedInJSON() throws {
        let json = try runLesson(["run", "cnn", "--no-figures", "--json", "--learning-rate", "1e200"])
        expectRefusal(json, "error: the trace holds an undefined value (NaN) at update.lossAfter, which JSON cannot represent; the numbers overflow or leave the domain of an operation, so use other inputs, weights or learning rate")
    }

    /// The same bright image gives a finite loss after the step: −log-softmax of finite logits.
    @Test func aBrightImageKeepsAFiniteLossAfterTheStep() throws {
        let image = Array(repeating: Array(repeating: "1e150", count: 6).joined(separator: " "), count: 6).joined(separator: "; ")
        let json = try runLesson(["run", "cnn", "--no-figures", "--json", "--image", image])
        #expect(json.status == 0, "stderr: \(json.stderr)")
        struct Payload: Decodable { var update: Update; struct Update: Decodable { var lossAfter: Double } }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(Payload.self, from: Data(json.stdout.utf8)).update.lossAfter.isFinite)
    }

    /// Its own filter, bias, padding, stride and pool: z[i,j] = x[i, j+1] + x[i+1, j] + 0.5 on a 3×3
    /// image is (6.5, 8.5; 12.5, 14.5), one 2×2 pool keeps 14.5, and dense weights (1; −1) give
    /// logits (14.5, −14.5).
    @Test func ownFiltersAndWindow() throws {
        let result = try runLesson(["run", "cnn", "--image", "1 2 3; 4 5 6; 7 8 9", "--filter", "0 1; 1 0", "--biases", "0.5",
                                    "--padding", "0", "--stride", "1", "--pool", "2", "--dense-weights", "1; -1",
                                    "--dense-bias", "0 0", "--target", "1 0", "--json-compact", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let forward = object?["forward"] as? [String: Any]
        #expect(forward?["feature_maps"] as? [[[Double]]] == [[[6.5, 8.5], [12.5, 14.5]]])
        #expect(forward?["flattened"] as? [Double] == [14.5])
        #expect(forward?["logits"] as? [Double] == [14.5, -14.5])
    }

    /// Integer filters on the example's integer image tie two maxima of a pooling window: the
    /// gradient check of w₁ differs by 9.8×10⁻² there, and the text names the kink instead of
    /// leaving a student to doubt backprop. The example itself sits on no kink and says nothing.
    @Test func aGradientCheckOnAKinkSaysWhere() throws {
        let tied = try runLesson(["run", "cnn", "--filter", "0 1; 1 0", "--filter", "1 0; 0 -1", "--biases", "0.5 0", "--pool", "2", "--no-figures"])
        #expect(tied.status == 0, "stderr: \(tied.stderr)")
        #expect(tied.stdout.contains("  largest difference: 9.8×10⁻² (w₁[2,1]) over 37 parameters\n"
                                     + "  The differences above 10⁻⁶ (w₁) are not errors of backprop: this run sits on kinks of L, "
                                     + "where it has no derivative (a tied maximum in p₁[1,2])."), "\(tied.stdout.suffix(900))")
        #expect(tied.stdout.contains("p₁[1,2] = max(2.5, 4.5, 3.5, 4.5) = 4.5, from a₁[1,4] (tied; the first in row-major order wins, as in PyTorch)"))
        let plain = try runLesson(["run", "cnn", "--no-figures"])
        #expect(!plain.stdout.contains("kinks of L"))
    }

    @Test(arguments: badInput)
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "cnn", "--no-figures"] + arguments)
        expectRefusal(result, message)
    }
}

import LessonTestSupport
import Foundation
import Testing

/// `lesson run separable` as a person runs it.
@Suite struct RunSeparableCommandTests {
    @Test func jsonHasTheLayerAndTheModel() throws {
        let result = try runLesson(["run", "separable", "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let model = object?["model"] as? [String: Any]
        #expect(model?["standard_total"] as? Int == 8586)
        #expect(model?["separable_total"] as? Int == 1427)
        let layer = object?["layer"] as? [String: Any]
        #expect((layer?["parameters"] as? [String: Any])?["total"] as? Int == 35)
    }

    /// Its own input and depthwise kernels: each h channel is its input channel cross-correlated
    /// with its own kernel, and z mixes them, checked against sums written here.
    @Test func ownInputAndDepthwiseKernels() throws {
        let result = try runLesson(["run", "separable", "--input", "1 2 0; 0 1 3; 2 2 1 | 1 0 1; 0 1 0; 1 0 1",
                                    "--depthwise", "1 0; 0 1 | 0 1; 1 0", "--pointwise", "1 -1; 2 0.5", "--bias", "0.5 -1",
                                    "--json-compact", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let layer = (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["layer"] as? [String: Any]
        let h = (layer?["depthwise_output"] as? [String: Any])?["scalars"] as? [Double]
        // Channel 1 with [[1, 0], [0, 1]]: x[i][j] + x[i+1][j+1]; channel 2 with [[0, 1], [1, 0]]: x[i][j+1] + x[i+1][j].
        #expect(h == [2, 5, 2, 2, /* channel 2 */ 0, 2, 2, 0])
        let z = (layer?["output"] as? [String: Any])?["scalars"] as? [Double]
        // z₁ = h₁ − h₂ + 0.5, z₂ = 2h₁ + 0.5h₂ − 1.
        #expect(z == [2.5, 3.5, 0.5, 2.5, /* filter 2 */ 3, 10, 4, 3])
    }

    @Test(arguments: [
        (["--input", "1 2; 3 4 | 5 6; 7 8"], "error: --input has 2 channels but the example has 3 depthwise kernels; give --depthwise with one kernel per channel, separated by '|'"),
        (["--input", "1 2; 3 4 | 5 6; 7 8", "--depthwise", "1 | 2"], "error: the input has 2 channels but the example's pointwise weights are 2×3; give --pointwise as filters × 2 (one column per channel)"),
        (["--depthwise", "1 0; 0 1 | 1 1"], "error: --depthwise: channel 2 is 1×2 but channel 1 is 2×2; channels must have the same size"),
        (["--pointwise", "1 2"], "error: the pointwise weights are 1×2 but must be filters × 3 (one column per input channel)"),
        (["--bias", "1"], "error: there are 2 pointwise filters but 1 bias; each filter needs one bias"),
        (["--padding", "-2"], "error: padding must be 0 or more along the rows, got −2"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "separable", "--no-figures"] + arguments)
        expectRefusal(result, message)
    }
}

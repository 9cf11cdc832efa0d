import LessonTestSupport
import Foundation
import Testing

/// `lesson run conv2d-backward`: the JSON gradients and the upstream-shape error.
@Suite struct RunConv2DBackwardCommandTests {
    @Test func jsonCarriesTheThreeGradients() throws {
        let result = try runLesson(["run", "conv2d-backward", "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["grad_bias"] as? Double == 2)
        #expect(object?["grad_kernel"] as? [[Double]] == [[5, 8, 0], [-12, -4, 2], [26, -4, 0]])
        #expect((object?["grad_input"] as? [[Double]])?.first == [1, -1, -1, 1, 0])
        #expect((object?["kernel_steps"] as? [Any])?.count == 9)
        #expect((object?["input_steps"] as? [Any])?.count == 25)
    }

    @Test func aGradientOfTheWrongShapeIsOneSentence() throws {
        let result = try runLesson(["run", "conv2d-backward", "--no-figures", "--grad", "1 2; 3 4"])
        expectRefusal(result, "error: the upstream gradient is 2×2 but the output is 3×3; ∂L/∂z must have the output's shape")
    }
}

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

    @Test func ownInputWithAGradient() throws {
        let result = try runLesson(["run", "conv2d-backward", "--no-figures", "--input", "1 2 3; 4 5 6; 7 8 9",
                                    "--kernel", "1 2; 3 4", "--grad", "1 1; 1 1"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("∂L/∂w[1,1] = 1×1 + 1×2 + 1×4 + 1×5 = 12"))
        #expect(result.stdout.contains("∂L/∂x[2,2] = 1×4 + 1×3 + 1×2 + 1×1 = 10"))
    }

    @Test func aGradientOfTheWrongShapeIsOneSentence() throws {
        let result = try runLesson(["run", "conv2d-backward", "--no-figures", "--grad", "1 2; 3 4"])
        #expect(result.status == 1)
        #expect(result.stderr == "error: the upstream gradient is 2×2 but the output is 3×3; ∂L/∂z must have the output's shape\n")
    }
}

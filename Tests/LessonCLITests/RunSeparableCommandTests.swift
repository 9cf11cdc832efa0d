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

    @Test(arguments: [
        (["--pointwise", "1 2"], "error: the pointwise weights are 1×2 but must be filters × 3 (one column per input channel)"),
        (["--bias", "1"], "error: there are 2 pointwise filters but 1 bias; each filter needs one bias"),
        (["--padding", "-2"], "error: padding must be 0 or more along the rows, got -2"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "separable", "--no-figures"] + arguments)
        expectRefusal(result, message)
    }
}

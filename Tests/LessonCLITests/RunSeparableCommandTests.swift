import LessonTestSupport
import Foundation
import Testing

/// `lesson run separable` as a person runs it.
@Suite struct RunSeparableCommandTests {
    @Test func notesParameterCountsAreRecomputed() throws {
        let result = try runLesson(["run", "separable", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("[Separable]Conv2D(8, 7, strides=2)    (None, 11, 11, 8)      400                65"))
        #expect(result.stdout.contains("[Separable]Conv2D(16, 5, strides=2)   (None, 4, 4, 16)     3,216               344"))
        #expect(result.stdout.contains("[Separable]Conv2D(32, 3)              (None, 2, 2, 32)     4,640               688"))
        #expect(result.stdout.contains("total                                                      8,586             1,427"))
        #expect(result.stdout.contains("z[1,1,1] = (−1)×1 + 7×(−1) + 10×2 + 0 = 12"))
        #expect(result.stdout.contains("in agreement with the recomputation"))
    }

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
        (["--pointwise", "1 2"], "the pointwise weights are 1×2 but must be filters × 3 (one column per input channel)"),
        (["--bias", "1"], "there are 2 pointwise filters but 1 bias; each filter needs one bias"),
        (["--padding", "-2"], "padding must be 0 or more along the rows, got -2"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(["run", "separable", "--no-figures"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

import LessonTestSupport
import Foundation
import Testing

/// A variant's heading cites only its own example: the lesson-level source no longer names the
/// regression network or the 'Simple Example' graph that other variants replace.
@Suite struct VariantHeaderCommandTests {
    @Test(arguments: [
        (["backprop", "--variant", "by-hand"], "regression with 2 hidden layers"),
        (["mlp", "--variant", "classification"], "regression with 2 hidden layers"),
        (["autodiff", "--variant", "logistic"], "cos(sin(x²) + 3x²)"),
    ])
    func headingDoesNotCiteAnotherVariantsNetwork(arguments: [String], foreign: String) throws {
        let result = try runLesson(["run"] + arguments + ["--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let heading = result.stdout.split(separator: "\n").prefix(3).joined(separator: "\n")
        #expect(!heading.contains(foreign), "\(heading)")
    }

    @Test func theExampleStillCitesItsNetwork() throws {
        let result = try runLesson(["run", "mlp", "--no-figures"])
        #expect(result.stdout.split(separator: "\n").prefix(3).joined().contains("regression with 2 hidden layers of 4 nodes"))
    }
}

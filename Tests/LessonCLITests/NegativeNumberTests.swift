import Foundation
import LessonLibrary
import LessonTestSupport
import Testing

/// Every option of every lesson that takes a value accepts one that starts with a minus
/// (`--kernel "-1 0 1"`, `--bias -2.5`): the value may be wrong for the option, but it is never
/// taken for another option.
@Suite struct NegativeNumberTests {
    /// The long names of the options of `lesson run <id>` that take a value, read from the
    /// argument parser's own description of the command.
    static func valueOptions(_ lesson: String) throws -> [String] {
        let result = try runLesson(["run", lesson, "--experimental-dump-help"])
        let root = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let arguments = (root?["command"] as? [String: Any])?["arguments"] as? [[String: Any]] ?? []
        return arguments.filter { $0["kind"] as? String == "option" }.compactMap { argument in
            (argument["names"] as? [[String: Any]])?.first { $0["kind"] as? String == "long" }?["name"] as? String
        }
    }

    @Test(arguments: LessonRegistry.ids)
    func everyValueOptionTakesALeadingMinus(_ lesson: String) throws {
        let options = try Self.valueOptions(lesson)
        #expect(options.contains("variant"), "the options of \(lesson) were read: \(options)")
        for option in options {
            let result = try runLesson(["run", lesson, "--\(option)", "-1", "--no-figures"])
            let parserMistakes = ["Missing value", "Unknown option", "Unexpected argument"]
            #expect(!parserMistakes.contains { result.stderr.contains($0) },
                    "lesson run \(lesson) --\(option) -1 was refused by the parser: \(result.stderr)")
        }
    }
}

import LessonTestSupport
import Foundation
import Testing

/// `--json-compact`: the same JSON value as `--json`, on one line, for every lesson.
@Suite struct JSONCompactCommandTests {
    @Test(arguments: ["conv2d", "pooling", "backprop", "rnn"])
    func compactIsThePrettyValueOnOneLine(lesson: String) throws {
        let pretty = try runLesson(["run", lesson, "--json", "--no-figures"])
        let compact = try runLesson(["run", lesson, "--json-compact", "--no-figures"])
        #expect(pretty.status == 0 && compact.status == 0, "\(lesson): \(compact.stderr)")
        #expect(compact.stdout.hasSuffix("}\n") && compact.stdout.dropLast().allSatisfy { $0 != "\n" },
                "\(lesson): one line ending in a newline")
        #expect(compact.stdout.utf8.count < pretty.stdout.utf8.count * 2 / 3, "\(lesson): compact is not smaller")
        let a = try JSONSerialization.jsonObject(with: Data(pretty.stdout.utf8)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: Data(compact.stdout.utf8)) as? NSDictionary
        #expect(a != nil && a == b, "\(lesson): --json-compact gives another value than --json")
    }
}

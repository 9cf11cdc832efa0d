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

    @Test func conv2dCompactStartsWithTheSortedKeys() throws {
        let result = try runLesson(["run", "conv2d", "--json-compact", "--no-figures"])
        #expect(result.stdout.hasPrefix(#"{"applied_kernel":[[1,-1,0],[0,2,-2],[-1,0,2]],"bias":0,"dilation":[1,1],"figures":[],"#))
        #expect(result.stdout.contains(#""output":[[2,5,-1],[-15,-7,2],[31,-6,1]]"#))
    }
}

import Foundation
import LessonCore
import LessonLibrary
import Testing

/// `lessons/pooling.yaml` as written: every variant runs and agrees with what it states.
@Suite struct PoolingLessonTests {
    static var lessons: LessonDirectory {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return LessonDirectory(url: folder.appendingPathComponent("lessons"))
    }

    static func run(_ variant: String?, edit: (inout PoolingLesson.Example) -> Void = { _ in }) throws -> LessonOutput {
        let file = try lessons.load(PoolingLesson.id)
        let chosen = try file.variant(variant)
        var example = try PoolingLesson.Example(chosen)
        edit(&example)
        var heading = try LessonHeading(file: file, variant: chosen)
        heading.description = nil
        return try PoolingLesson.run(example, heading: heading)
    }

    @Test(arguments: ["example", "backward", "same-average", "same-max", "feature-map", "global-average"])
    func everyVariantAgreesWithWhatItStates(variant: String) throws {
        let output = try Self.run(variant)
        #expect(output.mismatches.isEmpty, "\(output.mismatches)")
        #expect(output.text.contains("Checked against the lesson file"))
    }

    @Test func theCatalogKnowsPooling() {
        #expect(LessonRegistry.lesson("pooling") != nil)
    }

    @Test func sameAverageSaysTheStatedTableWasTruncated() throws {
        let output = try Self.run("same-average")
        #expect(output.text.contains("From the course notes: seeds/003, 'Average Pooling'"))
        #expect(output.text.contains("Note: The stated table was truncated to 1 decimal, not rounded"))
        #expect(output.text.contains("   1.444   5.889   4.333\n   6.889  11.444  12.333"))
    }

    @Test func aWrongStatedValueIsAMismatch() throws {
        let output = try Self.run("example") { $0.statedOutput = Tensor(rows: [[3, 12, 4], [4, 3, 2], [3, 6, 8]]) }
        #expect(output.mismatches.map(\.subject) == ["y[3,3]"])
        #expect(output.text.contains("y[3,3]: stated 8, recomputed 9"))
        let table = try Self.run("same-average") { $0.statedTable = try? PrintedTable.parse("1.4 5.9 4.3; 6.9 11.5 12.3") }
        #expect(table.mismatches.map(\.subject) == ["stated table"])
    }

    @Test func jsonHoldsTheExactOutputTheBackwardTraceAndTheTableCheck() throws {
        let json = try Self.run("same-average") { $0.grad = Tensor(shape: [2, 3], repeating: 9) }.json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        // JSONDecoder reads doubles exactly (JSONSerialization on Linux may be off in the last bit).
        struct Output: Decodable { var output: [[Double]] }
        let output = try JSONDecoder().decode(Output.self, from: Data(json.utf8)).output
        let ninths: [[Double]] = [[13, 53, 39], [62, 103, 111]].map { row in row.map { $0 / 9 } }
        #expect(output == ninths)
        #expect((object["table_check"] as? [String: Any])?["verdict"] as? String == "truncated")
        let backward = try #require(object["backward"] as? [String: Any])
        #expect(backward["gradient_sum"] as? Double == 54)
        #expect((object["steps"] as? [Any])?.count == 6)
        #expect(object["count_include_pad"] as? Bool == true)
    }

    @Test(arguments: [
        ("op: median", "lessons/pooling.yaml, line 5 (example.op): unknown op 'median'; expected one of max, avg, min"),
        ("decimals: 40", "lessons/pooling.yaml, line 5 (example.decimals): decimals must be 0 to 12, got 40"),
        ("window: 2", "window"),
        ("grad: \"1 2; 3\"", "row 2 has 1 number but row 1 has 2"),
    ])
    func aMalformedLessonFileNamesTheLineAndKey(line: String, message: String) throws {
        let text = """
            title: t
            summary: s
            example:
              input: "1 2; 3 4"
              \(line)
            """
        let file = try LessonFile(id: "pooling", document: try YAMLValue.parse(text, file: "lessons/pooling.yaml"))
        #expect {
            _ = try PoolingLesson.Example(try file.variant(nil))
        } throws: { error in
            (error as? InputError)?.message.contains(message) == true
        }
    }

    /// A one-variant pooling lesson file: max 2×2 over 1…9 stating the output 5 6; 8 9, with `padding`
    /// and, when asked, `ceil-mode: true`.
    static func file(padding: String, ceilMode: Bool = false) throws -> LessonFile {
        try LessonFile(id: "pooling", document: try YAMLValue.parse("""
            title: t
            summary: s
            example:
              input: "1 2 3; 4 5 6; 7 8 9"
              op: max
              size: 2
              padding: \(padding)\(ceilMode ? "\n  ceil-mode: true" : "")
              expected:
                output: "5 6; 8 9"
            """, file: "lessons/pooling.yaml"))
    }

    /// A lesson file's `padding: same` pads as Keras does, and states its output; `padding: full` is refused where it is written.
    @Test func lessonFilePaddingSame() throws {
        func file(_ padding: String) throws -> LessonFile { try Self.file(padding: padding) }
        let same = try file("same")
        let output = try PoolingLesson.run(same, variant: try same.variant(nil))
        #expect(output.mismatches.isEmpty, "\(output.mismatches)")
        #expect(output.text.contains("padding same (Keras): 0 before, 1 after"))
        let full = try file("full")
        #expect {
            _ = try PoolingLesson.Example(try full.variant(nil))
        } throws: { error in
            let text = "\(error)"
            return text.contains("lessons/pooling.yaml") && text.contains("pooling takes no padding 'full'")
        }
    }

    /// A lesson file's `ceil-mode: true` rounds the output size up as PyTorch's ceil_mode=True; with `padding: same` it is refused.
    @Test func lessonFileCeilMode() throws {
        func file(_ padding: String) throws -> LessonFile { try Self.file(padding: padding, ceilMode: true) }
        let ceil = try file("0")
        let output = try PoolingLesson.run(ceil, variant: try ceil.variant(nil))
        #expect(output.mismatches.isEmpty, "\(output.mismatches)")
        #expect(output.text.contains("Operation: max pooling 2×2, stride 2, ceil_mode."))
        #expect(output.text.contains("  rows and columns: o = ⌈(3 + 2×0 − 2)/2⌉ + 1 = ⌈1/2⌉ + 1 = 2 (the last window reaches 1 past the padding)"))
        let same = try file("same")
        #expect {
            _ = try PoolingLesson.Example(try same.variant(nil))
        } throws: { error in
            "\(error)".contains("ceil-mode with padding same")
        }
    }
}

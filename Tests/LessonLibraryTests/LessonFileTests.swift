import Foundation
import Testing
import LessonCore
@testable import LessonLibrary

/// Lesson files: good ones load, bad ones are named precisely.
@Suite struct LessonFileTests {
    func lesson(_ yaml: String) throws -> LessonFile {
        try LessonFile(id: "test", document: try YAMLValue.parse(yaml, file: "lessons/test.yaml"))
    }

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as InputError { return error.message } catch { return "\(error)" }
    }

    @Test func variantsInheritTheExampleButNotItsExpectations() throws {
        let file = try lesson("""
            title: T
            summary: S
            example:
              input: "1 2; 3 4"
              kernel: "1"
              expected: {output: "1 2; 3 4"}
            variants:
              padded:
                padding: 1
            """)
        let padded = try file.variant("padded")
        #expect(try padded["input"]?.matrix() == Tensor(rows: [[1, 2], [3, 4]]))
        #expect(padded["expected"] == nil)
        #expect(try file.variant(nil)["expected"] != nil)
    }

    @Test(arguments: [
        ("title: [unclosed", "lessons/test.yaml: not valid YAML"),
        ("summary: S\nexample: {input: 1}", "lessons/test.yaml, line 1: the key 'title' is missing; it should hold the lesson's title"),
        ("title: T\nsummary: S\nexample: 3", "lessons/test.yaml, line 3 (example): the example must be a mapping of parameters"),
        ("- a\n- b", "lessons/test.yaml, line 1: a lesson file must be a mapping with title, summary and example"),
    ])
    func malformedFilesNameFileLineAndKey(yaml: String, expected: String) {
        let text = message { _ = try lesson(yaml) }
        #expect(text?.hasPrefix(expected) == true, "got: \(text ?? "no error")")
    }

    @Test func aRaggedMatrixInAFileNamesItsLineAndKey() throws {
        let file = try lesson("""
            title: T
            summary: S
            example:
              input:
                - [1, 2, 3]
                - [4, 5]
              kernel: "1"
            """)
        let text = message { _ = try Conv2DLesson.Example(try file.variant(nil)) }
        #expect(text == "lessons/test.yaml, line 6 (example.input[2]): this row has 2 numbers but the first row has 3; every row needs the same count")
    }

    @Test func aTypoInAKeyIsCaught() throws {
        let file = try lesson("title: T\nsummary: S\nexample:\n  input: \"1\"\n  kernel: \"1\"\n  strde: 2\n")
        let text = message { _ = try Conv2DLesson.Example(try file.variant(nil)) }
        #expect(text?.contains("line 6 (example.strde): unknown key 'strde'") == true, "got: \(text ?? "none")")
    }

    @Test func aMalformedWorkedSumIsNamed() throws {
        let file = try lesson("""
            title: T
            summary: S
            example:
              input: "1 2; 3 4"
              kernel: "1"
              expected:
                cells:
                  "[1,1]": "1 × 1 = "
            """)
        let text = message { _ = try Conv2DLesson.Example(try file.variant(nil)) }
        #expect(text?.hasPrefix("lessons/test.yaml, line 8 (example.expected.cells.[1,1]): the sum") == true, "got: \(text ?? "none")")
    }

    @Test func anUnknownVariantListsTheKnownOnes() throws {
        let file = try lesson("title: T\nsummary: S\nexample: {input: \"1\", kernel: \"1\"}\nvariants:\n  a: {padding: 1}\n")
        let text = message { _ = try file.variant("b") }
        #expect(text == "lesson 'test' has no variant 'b'; its variants are example, a")
    }
}

/// Every lesson file in lessons/ runs, in every variant; only `slide` variants may disagree with the run.
@Suite struct ShippedLessonsTests {
    @Test func everyVariantOfEveryLessonRuns() throws {
        let directory = try LessonDirectory.locate()
        let ids = try directory.ids()
        #expect(ids.contains("conv2d"))
        for id in ids {
            let file = try directory.load(id)
            guard let lesson = LessonRegistry.lesson(id) else { continue }
            for variant in file.variants {
                let output = try lesson.run(file, variant: variant)
                #expect(!output.text.isEmpty, "\(id)/\(variant.name)")
                #expect(!output.figures.isEmpty, "\(id)/\(variant.name) has no figures")
                if !variant.name.hasPrefix("slide") {
                    #expect(output.mismatches.isEmpty, "\(id)/\(variant.name): \(output.mismatches)")
                }
                _ = try output.json()
            }
        }
    }
}

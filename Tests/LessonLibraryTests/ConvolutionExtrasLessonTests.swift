import Foundation
import LessonCore
import LessonLibrary
import Testing

/// The lesson files of conv-matrix, conv-transpose, separable and image-filters: every variant
/// runs and agrees with what the file states, and a wrong stated value is reported.
@Suite struct ConvolutionExtrasLessonTests {
    static var directory: LessonDirectory {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return LessonDirectory(url: folder.appendingPathComponent("lessons"))
    }

    @Test(arguments: ["conv-matrix", "conv-transpose", "separable", "image-filters"])
    func everyVariantRunsWithoutMismatches(id: String) throws {
        let file = try Self.directory.load(id)
        guard let lesson = LessonRegistry.lesson(id) else {
            Issue.record("lesson \(id) is not in the catalog")
            return
        }
        for variant in file.variants {
            let output: LessonOutput
            if id == "image-filters" {
                // Its image path is relative to the lessons folder, which `run(file:variant:)` locates itself.
                let example = try ImageFiltersLesson.Example(variant, folder: Self.directory.url)
                output = try ImageFiltersLesson.run(example, heading: LessonHeading(title: file.title, source: file.source, variant: variant.name))
            } else {
                output = try lesson.run(file, variant: variant)
            }
            #expect(output.mismatches.isEmpty, "\(id) variant \(variant.name): \(output.mismatches)")
            #expect(!output.figures.isEmpty, "\(id) variant \(variant.name) has no figures")
            #expect(output.text.contains(file.title))
        }
    }

    @Test func aWrongStatedRowOfMIsReported() throws {
        let text = """
            title: t
            summary: s
            example:
              input: "4 5 8 7; 1 8 8 8; 3 6 6 4; 6 5 7 8"
              kernel: "1 4 1; 1 4 3; 3 3 1"
              expected:
                output: "122 148; 126 135"
                rows:
                  "1": "1 4 1 0 1 4 3 0 3 3 1 0 0 0 0 1"
            """
        let file = try LessonFile(id: "conv-matrix", document: try YAMLValue.parse(text, file: "test.yaml"))
        let output = try ConvMatrixLesson.run(file, variant: try file.variant(nil))
        #expect(output.mismatches.map(\.subject) == ["z[2,2]", "M[1,16]"])
        #expect(output.text.contains("2 mismatches between the lesson file and the recomputation"))
    }

    @Test func aWrongKerasCountIsReported() throws {
        let file = try Self.directory.load("separable")
        var example = try SeparableLesson.Example(try file.variant(nil))
        example.stated.separable = [65, 344, 689, 0, 330]
        let output = try SeparableLesson.run(example, heading: LessonHeading(title: file.title, source: nil, variant: "example"))
        #expect(output.mismatches.map(\.description) == ["SeparableConv2D parameters of layer 3: stated 689, recomputed 688"])
    }
}

import Foundation
import LessonCore
import LessonLibrary
import Testing

/// `lessons/cnn.yaml` as written: every variant runs and agrees with what it states, and a
/// wrong statement is reported.
@Suite struct CNNLessonTests {
    static var lessons: LessonDirectory {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return LessonDirectory(url: folder.appendingPathComponent("lessons"))
    }

    static func run(_ variant: String?, edit: (inout CNNLesson.Example) -> Void = { _ in }) throws -> LessonOutput {
        let file = try lessons.load(CNNLesson.id)
        let chosen = try file.variant(variant)
        var example = try CNNLesson.Example(chosen)
        edit(&example)
        return try CNNLesson.run(example, heading: LessonHeading(title: file.title, source: file.source, variant: chosen.name))
    }

    @Test(arguments: ["example", "image-8x8"])
    func everyVariantAgreesWithWhatItStates(variant: String) throws {
        let output = try Self.run(variant)
        #expect(output.mismatches.isEmpty, "\(output.mismatches)")
        #expect(output.text.contains("Checked against the lesson file"))
        #expect(output.figures.count == 11)
    }

    @Test func aWrongStatedGradientIsAMismatch() throws {
        let output = try Self.run(nil) { $0.expected.gradBiases = [-0.0139, -0.035189] }
        #expect(output.mismatches.map(\.subject) == ["∂L/∂b₁"])
        #expect(output.text.contains("1 mismatch between the lesson file and the recomputation"))
    }

    @Test func aLessonFileWithAnUnknownKeyNamesIt() throws {
        let text = """
            title: t
            summary: s
            example:
              image: "1 2; 3 4"
              filter: "1"
            """
        let file = try LessonFile(id: "cnn", document: try YAMLValue.parse(text, file: "cnn.yaml"))
        #expect(throws: InputError.self) { try CNNLesson.Example(try file.variant(nil)) }
        do { _ = try CNNLesson.Example(try file.variant(nil)) } catch let error as InputError {
            #expect(error.message.contains("unknown key 'filter'"), "\(error.message)")
        }
    }
}

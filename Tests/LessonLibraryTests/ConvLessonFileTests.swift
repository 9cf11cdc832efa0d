import Foundation
import Testing
import LessonCore
@testable import LessonLibrary

/// The lesson files of this issue: every variant loads, runs, and agrees with what it states
/// (except the slide variant, which must report the slide's −14).
@Suite struct ConvLessonFileTests {
    static let root: URL = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }()

    static func load(_ id: String) throws -> LessonFile {
        let url = root.appendingPathComponent("lessons").appendingPathComponent(id + ".yaml")
        return try LessonFile(id: id, document: try YAMLValue.load(url, displayName: "lessons/\(id).yaml"))
    }

    static var lessons: [any Lesson.Type] {
        [Conv1DLesson.self, Conv2DModesLesson.self, ConvArithmeticLesson.self, ConvChannelsLesson.self]
    }

    @Test func everyVariantRunsAndAgreesWithWhatItStates() throws {
        for lesson in Self.lessons {
            let file = try Self.load(lesson.id)
            #expect(LessonRegistry.lesson(lesson.id) != nil, "\(lesson.id) is in the catalog")
            for variant in file.variants {
                let output = try lesson.run(file, variant: variant)
                if lesson.id == "conv2d-modes" && variant.name == "slide" {
                    #expect(output.mismatches.map(\.subject) == ["same: z[3,2]"])
                    #expect(output.mismatches.first?.stated == "−14")
                    #expect(output.mismatches.first?.recomputed == "−6")
                } else {
                    #expect(output.mismatches.isEmpty, "\(lesson.id) \(variant.name): \(output.mismatches)")
                }
                #expect(!output.figures.isEmpty, "\(lesson.id) \(variant.name)")
                let json = try output.json()
                #expect(json.contains("\"lesson\" : \"\(lesson.id)\""), "\(lesson.id) \(variant.name)")
            }
        }
    }

    @Test func theExampleOfEachLessonStatesSomethingToCheck() throws {
        let conv1d = try Conv1DLesson.Example(try Self.load("conv1d").variant(nil))
        #expect(conv1d.statedOutput == [3, 1, 0, 1, 1, 2])
        #expect(conv1d.statedSums.map(\.name) == [2, 3])
        let modes = try Conv2DModesLesson.Example(try Self.load("conv2d-modes").variant(nil))
        #expect(Set(modes.statedOutputs.keys) == ["full", "valid", "same"])
        let arithmetic = try ConvArithmeticLesson.Example(try Self.load("conv-arithmetic").variant(nil))
        #expect(arithmetic.statedShape == [3, 3])
        let channels = try ConvChannelsLesson.Example(try Self.load("conv-channels").variant(nil))
        #expect(channels.statedParameters == 56)
    }

    @Test func aMismatchInAWorkedSumIsReported() throws {
        var example = try Conv1DLesson.Example(try Self.load("conv1d").variant(nil))
        example.statedSums = [(name: 2, sum: try StatedSum.parse("1×4 + (−2)×1 + 1×1 = 4"))]
        let output = try Conv1DLesson.run(example, heading: LessonHeading(title: "t", source: nil, variant: "example"))
        #expect(output.mismatches.map(\.subject) == ["z₂ (worked sum)"])
        #expect(output.text.contains("the stated terms add up to 3, not 4"))
    }
}

import Foundation
import Testing
import LessonCore
@testable import LessonLibrary

/// lessons/param-count.yaml: every variant agrees with what it states; a wrong statement is reported.
@Suite struct ParamCountLessonTests {
    func lessonFile() throws -> LessonFile {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return try LessonDirectory(url: folder.appendingPathComponent("lessons")).load("param-count")
    }

    @Test func everyVariantAgreesWithItsStatedNumbers() throws {
        let file = try lessonFile()
        #expect(file.variants.count == 6)
        for variant in file.variants {
            let output = try ParamCountLesson.run(file, variant: variant)
            #expect(output.mismatches.isEmpty, "variant \(variant.name): \(output.mismatches)")
            #expect(output.figures.count == 1)
        }
    }

    @Test func aWrongStatedCountIsReportedWithItsFormula() throws {
        var example = ParamCountLesson.Example(model: "input(784) dense(10)")
        example.statedTotal = 7840
        example.statedParams = [7840]
        let output = try ParamCountLesson.run(example, heading: LessonHeading(title: "T", source: nil, variant: "custom"))
        #expect(output.mismatches.map(\.subject) == ["params of layer 1 (dense(10))", "total params"])
        #expect(output.mismatches[0].details == ["(inputs + 1)·units = (784 + 1)·10 = 7,850"])
    }
}

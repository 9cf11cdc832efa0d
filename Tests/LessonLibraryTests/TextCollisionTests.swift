import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// No two texts of any lesson's figures meet, and none runs off the canvas, in every variant of
/// every lesson, at text scale 1 and at `--text-scale` 1.25 and 1.5 (the same 1280×720 canvas,
/// larger text). Boxes are the texts as drawn (`NetworkLabelOverlapTests.box`), so a layout that
/// places text for 1× only is caught wherever it is. A text may shrink to fit its place, but
/// never under the projector's floor of 18 px.
@Suite struct TextCollisionTests {
    static let scales = [1.0, 1.25, 1.5]

    /// Every variant of every lesson, as "lesson/variant".
    static let variants: [String] = {
        let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))
        return LessonRegistry.ids.flatMap { id -> [String] in
            guard let file = try? directory.load(id) else { return ["\(id)/unreadable"] }
            return file.variants.map { "\(id)/\($0.name)" }
        }
    }()

    /// Every problem of one variant's figures at `textScale`, one line each.
    static func problems(_ pair: String, textScale: Double) throws -> [String] {
        let parts = pair.split(separator: "/").map(String.init)
        let lesson = try #require(LessonRegistry.lesson(parts[0]))
        let file = try LessonDirectory(url: packageRoot.appendingPathComponent("lessons")).load(parts[0])
        let output = try lesson.run(file, variant: try file.variant(parts[1]))
        #expect(!output.figures.isEmpty, "\(pair) draws no figure")
        return try output.figures.flatMap {
            try NetworkLabelOverlapTests.problems($0, in: pair, textScale: textScale, floor: ProjectorTextFloorTests.textFloor)
        }
    }

    @Test(arguments: variants, scales)
    func noTwoTextsMeet(_ pair: String, textScale: Double) throws {
        let problems = try Self.problems(pair, textScale: textScale)
        #expect(problems.isEmpty, "\(pair) at text scale \(textScale): \(problems.count) problems: \(problems.prefix(10).joined(separator: " | "))")
    }
}

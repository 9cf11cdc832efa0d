import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// No two texts of any lesson's example figures meet, and none runs off the canvas, at text scale
/// 1 and at `--text-scale` 1.25 and 1.5 (the same 1280×720 canvas, larger text). Boxes are the
/// texts as drawn (`NetworkLabelOverlapTests.box`), so a layout that places text for 1× only is
/// caught wherever it is. A text may shrink to fit its place, but never under the projector's
/// floor of 18 px.
@Suite struct TextCollisionTests {
    static let scales = [1.0, 1.25, 1.5]

    /// Every problem of `id`'s example at `textScale`, one line each.
    static func problems(_ id: String, textScale: Double) throws -> [String] {
        let lesson = try #require(LessonRegistry.lesson(id))
        let file = try LessonDirectory(url: packageRoot.appendingPathComponent("lessons")).load(id)
        let output = try lesson.run(file, variant: try file.variant(nil))
        #expect(!output.figures.isEmpty, "\(id) draws no figure")
        return try output.figures.flatMap { try NetworkLabelOverlapTests.problems($0, in: id, textScale: textScale, floor: ProjectorTextFloorTests.textFloor) }
    }

    @Test(arguments: LessonRegistry.ids, scales)
    func noTwoTextsMeet(_ id: String, textScale: Double) throws {
        let problems = try Self.problems(id, textScale: textScale)
        let report = "\(id) at text scale \(textScale): \(problems.count) problems: \(problems.prefix(10).joined(separator: " | "))"
        if let known = Self.known[id], known.scales.contains(textScale) {
            withKnownIssue(Comment(rawValue: known.reason), isIntermittent: true) { #expect(problems.isEmpty, "\(report)") }
        } else {
            #expect(problems.isEmpty, "\(report)")
        }
    }

    /// Lessons whose figure code still places some text for 1× only, at the scales listed; each is
    /// checked again once that code is fixed (intermittent, so a fix does not fail the test).
    static let known: [String: (scales: Set<Double>, reason: String)] = [
    ]
}

import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// `--text-scale 1.5` draws every text half as large again on the same 1280×720 canvas: no text
/// of any lesson's example runs off the slide (left, right, top or bottom). Each run is measured as drawn (its start and advance
/// width, recorded with the SVG's text layer), not from the layout code.
@Suite struct TextScaleOnSlideTests {
    static let textScale = 1.5

    /// Each run of `figure` that starts left of the slide or ends right of it, or reaches above or
    /// below it (from just above its capitals to just under its descenders), at `textScale`.
    static func offTheSlide(_ figure: Figure, lesson: String, textScale: Double) throws -> [String] {
        let runs = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, textScale: textScale)).drawnText
        return runs.compactMap { run in
            let (top, bottom) = (run.y - 0.91 * run.size, run.y + 0.19 * run.size)
            return run.x >= -0.5 && run.x + run.width <= figure.width + 0.5 && top >= -0.5 && bottom <= figure.height + 0.5 ? nil
                : "\(lesson) \(figure.name): '\(run.text)' at x \(Int(run.x))…\(Int(run.x + run.width)), y \(Int(top))…\(Int(bottom)) of \(Int(figure.width))×\(Int(figure.height))"
        }
    }

    @Test(arguments: LessonRegistry.ids)
    func noTextOfTheExampleRunsOffTheSlide(_ id: String) throws {
        let lesson = try #require(LessonRegistry.lesson(id))
        let file = try LessonDirectory(url: packageRoot.appendingPathComponent("lessons")).load(id)
        let output = try lesson.run(file, variant: try file.variant(nil))
        var problems: [String] = []
        for figure in output.figures { problems += try Self.offTheSlide(figure, lesson: id, textScale: Self.textScale) }
        #expect(!output.figures.isEmpty, "\(id) draws no figure")
        let report = "\(problems.count) texts off the slide: \(problems.prefix(12).joined(separator: " | "))"
        if let known = Self.knownOffTheSlide[id] {
            withKnownIssue(Comment(rawValue: known), isIntermittent: true) { #expect(problems.isEmpty, "\(report)") }
        } else {
            #expect(problems.isEmpty, "\(report)")
        }
    }

    /// Lessons whose own figure code (not the shared captions, legends and grid labels) still
    /// places a text for 1× only; each is checked again once that code is fixed (the issue is
    /// intermittent so a fix does not fail this test).
    static let knownOffTheSlide: [String: String] = [:]

    /// The optimizers' plots end above their axis labels and the caption as drawn: at 1.25 and
    /// 1.5 no two texts of the comparison or of a step frame meet (the "x" and "step" labels ran
    /// into the two-line caption before), and every text stays on the slide.
    @Test func optimizerPlotsLeaveRoomForScaledText() throws {
        let file = try LessonDirectory(url: packageRoot.appendingPathComponent("lessons")).load("optimizers")
        let lesson = try #require(LessonRegistry.lesson("optimizers"))
        let figures = try lesson.run(file, variant: try file.variant(nil)).figures
        for scale in [1.25, 1.5] {
            for figure in [figures[0], figures[1], figures[figures.count - 1]] {
                let problems = try NetworkLabelOverlapTests.problems(figure, in: "optimizers ×\(scale)", textScale: scale)
                #expect(problems.isEmpty, "\(problems.prefix(6).joined(separator: "; "))")
            }
        }
    }

    /// The check can fail: a label placed for 1× text at the right edge, or a line at the bottom, runs off at 1.5×.
    @Test func aLabelThatOnlyFitsUnscaledIsCaught() throws {
        let figure = Figure(name: "edge", description: "a label at the right edge") { canvas in
            canvas.text("a label at the edge", x: 1275, y: 300, size: 20, canvas.theme.foreground, align: .right)
            canvas.text("left-aligned near the edge", x: 1000, y: 400, size: 20, canvas.theme.foreground, align: .left)
        }
        #expect(try Self.offTheSlide(figure, lesson: "test", textScale: 1).count == 0)
        let problems = try Self.offTheSlide(figure, lesson: "test", textScale: 1.5)
        #expect(problems.count == 1 && problems[0].contains("'left-aligned near the edge'"), "\(problems)")
        let low = Figure(name: "low", description: "a line at the bottom") { canvas in
            canvas.text("a line just above the bottom", x: 640, y: 706, size: 20, canvas.theme.foreground)
        }
        #expect(try Self.offTheSlide(low, lesson: "test", textScale: 1).isEmpty)
        #expect(try Self.offTheSlide(low, lesson: "test", textScale: 1.5).count == 1)
    }
}

import Foundation
import Testing
import LessonCore
import LessonFigures
@testable import LessonGrader

/// The PNG of a matrix answer with wrong cells, decoded and looked at pixel by pixel.
@Suite struct WrongCellsFigureTests {
    func blend(_ color: Color, _ alpha: Double, over background: Color) -> (Int, Int, Int) {
        let mix = background.mixed(with: color.withAlpha(1), amount: alpha)
        return (Int((mix.red * 255).rounded()), Int((mix.green * 255).rounded()), Int((mix.blue * 255).rounded()))
    }

    func close(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Bool {
        abs(a.0 - b.0) <= 2 && abs(a.1 - b.1) <= 2 && abs(a.2 - b.2) <= 2
    }

    @Test(arguments: ["light", "dark"])
    func exactlyTheWrongCellsAreMarked(themeName: String) throws {
        let theme = try #require(Theme.named(themeName))
        let yaml = """
            title: T
            questions:
              - id: m
                kind: conv2d-output
                input: "1 0 3 0 2; 0 3 4 0 2; 1 0 2 0 1; 8 12 0 1 0; 0 6 3 2 0"
                kernel: "1 -1 0; 0 2 -2; -1 0 2"
                padding: 1
            """
        // Two wrong cells: [2,3] (0-based 1,2) and [5,5] (0-based 4,4).
        let given = "8 2 3 -4 4; -7 2 9 -1 2; 26 -15 -7 2 -1; 3 31 -6 1 -3; -20 2 14 3 0"
        let result = Grader.grade(submission("student: t\nanswers: {m: \"\(given)\"}"), exercise: try exercise(yaml)).questions[0]
        let detail = try #require(result.matrixDetail)
        #expect(detail.wrong == [7, 24])
        let figure = WrongCellsFigure.figure(detail, student: "t", question: "m", showExpected: true)
        let image = try PNGCodec.decode(try FigureRenderer.render(figure, options: RenderOptions(theme: theme)))
        #expect(image.width == 1280 && image.height == 720)
        let grid = WrongCellsFigure.grid(for: [5, 5])
        // A cell's fill is drawn with its alpha over the figure's background.
        let wrongFill = blend(theme.negative, 0.30, over: theme.background)
        let rightFill = blend(theme.done, 0.12, over: theme.background)
        for r in 0..<5 {
            for c in 0..<5 {
                let rect = grid.cellRect(r, c)
                let p = image.pixel(x: Int(rect.x + 10), y: Int(rect.y + 10))
                let pixel = (Int(p.r), Int(p.g), Int(p.b))
                let isWrong = detail.wrong.contains(r * 5 + c)
                #expect(close(pixel, isWrong ? wrongFill : rightFill), "\(theme.name): cell [\(r + 1),\(c + 1)] pixel \(pixel), wrong: \(isWrong)")
            }
        }
        // The first wrong cell carries the dashed `current` outline on its border.
        let first = grid.cellRect(1, 2)
        var found = false
        for dx in 0..<Int(first.width) {
            let p = image.pixel(x: Int(first.x) + dx, y: Int(first.y))
            if close((Int(p.r), Int(p.g), Int(p.b)), blend(theme.current, 1, over: theme.background)) { found = true; break }
        }
        #expect(found, "\(theme.name): no current-coloured outline on the first wrong cell's top edge")
    }

    /// A sheet figure draws the given matrices only: no grid of "?" that would state the
    /// asked output's shape; the input's cells hold its numbers.
    @Test func sheetFigureDrawsOnlyTheGivenMatrices() throws {
        let ex = try shippedExercise("conv-5x5")
        let prepared = try ex.prepared(for: "")
        let question = try #require(prepared.first)
        #expect(question.sheetMatrices.map(\.label) == ["input", "kernel"])
        let asked = question.sheetMatrices + [SheetMatrix(label: "output", values: nil, shape: [3, 3])]
        let figure = SheetFigure.figure(asked, name: "q", title: "T")
        #expect(!figure.description.contains("output"))
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions())
        #expect(!surface.drawnText.contains { $0.text == "?" })
        #expect(surface.drawnText.contains { $0.text.hasPrefix("input (5×5)") })
    }
}

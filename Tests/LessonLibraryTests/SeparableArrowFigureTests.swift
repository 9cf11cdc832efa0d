import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import Testing

/// `separable` pointwise: the arrow from P ends at z's first cell, not at the "filter 1" label.
@Suite struct SeparableArrowFigureTests {
    @Test func pointwiseArrowEndsAtTheZCell() throws {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        let file = try LessonDirectory(url: folder.appendingPathComponent("lessons")).load(SeparableLesson.id)
        let output = try SeparableLesson.run(file, variant: try file.variant(nil))
        let figure = try #require(output.figures.first { $0.name == "pointwise" })
        let texts = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText
        let first = try #require(texts.first { $0.bold && $0.x > 900 }, "z's first cell, drawn bold")
        let label = try #require(texts.first { $0.text == "filter 1" })
        #expect(label.x > first.x, "the filter label sits right of z, out of the arrow's way")
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions())
        let (width, _, argb) = surface.pixels()
        let y = Int(first.y - first.size * 0.36)
        let current = Theme.light.current
        func isCurrent(_ x: Int) -> Bool {
            let p = argb[y * width + x]
            let (r, g, b) = (Double(p >> 16 & 0xFF), Double(p >> 8 & 0xFF), Double(p & 0xFF))
            return abs(r - current.red * 255) < 40 && abs(g - current.green * 255) < 40 && abs(b - current.blue * 255) < 40
        }
        // Leftwards from the number to the cell's outline (in `current`), then past it: the
        // arrowhead continues in `current` a few pixels left of the cell, where white showed before.
        let edge = try #require(stride(from: Int(first.x), to: Int(first.x) - 60, by: -1).first(where: isCurrent))
        let outside = stride(from: edge - 6, to: edge - 14, by: -1)
        let hit = outside.contains(where: isCurrent)
        #expect(hit, "the arrow's head touches the z cell's row just left of it")
    }
}

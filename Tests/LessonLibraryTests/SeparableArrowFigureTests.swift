import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import Testing

/// `separable` pointwise: the arrow from P ends at z's first cell, not at the "filter 1" label.
@Suite struct SeparableArrowFigureTests {
    /// The repository's `lessons/separable.yaml`, found from this file upwards.
    static func lessonFile() throws -> LessonFile {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return try LessonDirectory(url: folder.appendingPathComponent("lessons")).load(SeparableLesson.id)
    }

    @Test func pointwiseArrowEndsAtTheZCell() throws {
        let file = try Self.lessonFile()
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

    /// An h and z wider than tall are cut only where the 300 pixels of a side run out: the
    /// padding-1 variant's 4×4 shows 2 rows of all 4 columns (it showed 2×2), and a 2×3 run
    /// (its own input and kernels) shows every value, with no sentence about a cut.
    @Test func pointwiseShowsEveryColumnThatFits() throws {
        let file = try Self.lessonFile()
        func texts(_ example: SeparableLesson.Example) throws -> [String] {
            let output = try SeparableLesson.run(example, heading: LessonHeading(title: "separable"))
            let figure = try #require(output.figures.first { $0.name == "pointwise" })
            return try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText.map(\.text)
        }
        let padded = try texts(try SeparableLesson.Example(try file.variant("padding-1")))
        #expect(padded.contains("h and z are 4×4: their top-left 2×4 shown"), "\(padded.prefix(4))")
        var example = try SeparableLesson.Example(try file.variant(nil))
        example.input = [Tensor(rows: [[1, 2, 0, 4], [0, 1, 3, 1], [2, 2, 1, 0]]), Tensor(rows: [[1, 0, 1, 1], [0, 1, 0, 2], [1, 0, 1, 3]])]
        example.depthwise = [Tensor(rows: [[1, 0], [0, 1]]), Tensor(rows: [[0, 1], [1, 0]])]
        example.pointwise = Tensor(rows: [[1, -1], [2, 0.5]])
        example.bias = [0, 0]
        example.stated = .init()
        let small = try texts(example)
        #expect(!small.contains { $0.contains("top-left") }, "\(small.prefix(4))")
        // h₁ = (2, 5, 1 | 2, 2, 3), h₂ = (0, 2, 1 | 2, 0, 3); z₂ = 2h₁ + 0.5h₂ = (4, 11, 2.5 | 5, 4, 7.5):
        // its third column (2.5, 7.5) was cut before.
        for value in ["11", "2.5", "7.5"] { #expect(small.contains(value), "\(value) in \(small)") }
    }

    /// The bias column's heading "b" keeps an em from P's heading, so the two do not read as one
    /// line "P (filters × channels) b" (it was 8 px off), at text scale 1 and 1.5.
    @Test func theBiasHeadingStandsApartFromPs() throws {
        let file = try Self.lessonFile()
        let output = try SeparableLesson.run(file, variant: try file.variant(nil))
        let figure = try #require(output.figures.first { $0.name == "pointwise" })
        for scale in [1.0, 1.5] {
            let texts = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, textScale: scale)).drawnText
            let p = try #require(texts.first { $0.text == "P (filters × channels)" })
            let b = try #require(texts.first { $0.text == "b" && abs($0.y - p.y) < 1 })
            #expect(b.x - (p.x + p.width) >= p.size - 0.01, "scale \(scale): \(b.x - (p.x + p.width)) px between the headings at \(p.size) px")
        }
    }
}

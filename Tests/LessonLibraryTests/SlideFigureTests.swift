import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import Testing

/// `conv2d --variant slide`: the slide's −3 and −8 show on the frames, next to the recomputed values.
@Suite struct SlideFigureTests {
    private let lessons = LessonDirectory(url: {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("lessons")
    }())

    private func texts(_ lesson: String, variant: String, figure name: String) throws -> [String] {
        let file = try lessons.load(lesson)
        let output = try Conv2DLesson.run(file, variant: try file.variant(variant))
        let figure = try #require(output.figures.first { $0.name == name })
        return try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText.map(\.text)
    }

    @Test func statedValuesAreDrawnBesideTheRecomputedOnes() throws {
        let step8 = try texts("conv2d", variant: "slide", figure: "step-8")
        #expect(step8.contains("slide −8"), "the z[3,2] cell notes the slide's −8: \(step8)")
        #expect(step8.contains("slide −3"), "the kernel weight notes the slide's −3")
        #expect(step8.contains("−6"))
        #expect(step8.contains("the slide states −8 here; recomputed −6"))
        #expect(step8.contains("slide states otherwise"))

        let step1 = try texts("conv2d", variant: "slide", figure: "step-1")
        #expect(step1.contains("slide −3") && !step1.contains("slide −8"), "z[3,2] is not written yet at step 1")
        let overview = try texts("conv2d", variant: "slide", figure: "overview")
        #expect(overview.contains("slide −8") && overview.contains("slide −3"))

        let example = try texts("conv2d", variant: "example", figure: "step-8")
        #expect(!example.contains { $0.hasPrefix("slide") }, "a variant that agrees with itself shows no notes")
    }

    /// conv-matrix --variant symbolic: M, x and z show symbols on every frame, not numbers.
    @Test func symbolicConvMatrixFramesShowSymbols() throws {
        let file = try lessons.load(ConvMatrixLesson.id)
        let output = try ConvMatrixLesson.run(file, variant: try file.variant("symbolic"))
        let frame = try #require(output.figures.first { $0.name == "step-2" })
        let texts = try FigureRenderer.surface(for: frame, options: RenderOptions(format: .svg)).drawnText.map(\.text)
        for symbol in ["k1", "k4", "x9", "z2"] { #expect(texts.contains(symbol), "\(symbol) in \(texts)") }
        #expect(texts.contains("row 2 · x = z2 = z[1,2] = k1·x2 + k2·x3 + k3·x5 + k4·x6"))
        #expect(!texts.contains("47"), "no numbers for z in the symbolic frames")
    }

    /// conv2d-modes: "valid" has the same colour in every comparison figure (blue, `current`),
    /// whatever its place among the runs of a variant.
    @Test func validHasOneColourInEveryComparison() throws {
        let file = try lessons.load(Conv2DModesLesson.id)
        for variant in ["example", "convolution"] {
            let output = try Conv2DModesLesson.run(file, variant: try file.variant(variant))
            let runs = try #require(output.payload as? Conv2DModesLesson.Payload).runs
            let index = try #require(runs.firstIndex { $0.name == "valid" })
            let layout = Conv2DModesFigures.layout(for: runs.map(\.trace))
            let figure = try #require(output.figures.first { $0.name == "comparison" })
            let surface = try FigureRenderer.surface(for: figure, options: RenderOptions())
            let (width, _, argb) = surface.pixels()
            let texts = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText
            let kernelLabel = try #require(texts.first { $0.text == "kernel" }, "\(variant): the comparison shows the kernel")
            let kernelTexts = texts.filter { $0.y > kernelLabel.y && abs($0.x - kernelLabel.x) < 150 }.map(\.text)
            #expect(kernelTexts.prefix(runs[0].trace.kernel.count) == ArraySlice(runs[0].trace.kernel.scalars.map { Notation.number($0) }))
            let grid = layout.outputs[index]
            // The outline (3 px, centred on the edge) at the middle of the grid's left side.
            let p = argb[Int(grid.y + grid.height / 2) * width + Int(grid.x)]
            let blue = Theme.light.current
            let (r, g, b) = (Double(p >> 16 & 0xFF), Double(p >> 8 & 0xFF), Double(p & 0xFF))
            #expect(abs(r - blue.red * 255) < 12 && abs(g - blue.green * 255) < 12 && abs(b - blue.blue * 255) < 12,
                    "\(variant): valid is run \(index + 1), outlined in \(String(p & 0xFFFFFF, radix: 16))")
        }
    }
}

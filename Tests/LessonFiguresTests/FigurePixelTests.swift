import LessonCore
import LessonFigures
import Testing

/// Rendered PNGs decoded and looked at: the pixels that must be highlighted are.
@Suite struct FigurePixelTests {
    private func decoded(_ figure: Figure, _ options: RenderOptions) throws -> RGBAImage {
        try PNGCodec.decode(try FigureRenderer.render(figure, options: options))
    }

    @Test(arguments: [1.0, 1.5, 2.0])
    func darkThemeFrameHasDarkBackgroundAndTheWindowHighlighted(scale: Double) throws {
        let trace = try Fixtures.exampleTrace()
        let theme = Theme.dark
        let frames = ConvolutionFigures.frames(trace)
        let layout = ConvolutionFigures.layout(for: trace)
        for (index, step) in trace.steps.enumerated() {
            let image = try decoded(frames[index], RenderOptions(format: .png, theme: theme, scale: scale))
            #expect(image.width == Int(1280 * scale) && image.height == Int(720 * scale))
            #expect(close(rgb(image, 3, 3), channels(theme.background)), "step \(index + 1): background")
            let inWindow = composite(theme.highlight, alpha: 0.30, over: theme.background)
            for r in 0..<layout.input.rows {
                for c in 0..<layout.input.columns {
                    let cell = layout.input.cellRect(r, c)
                    let pixel = rgb(image, (cell.x + 9) * scale, (cell.y + 9) * scale)
                    let expected = step.windowRows.contains(r) && step.windowColumns.contains(c) ? inWindow : channels(theme.cellFill)
                    #expect(close(pixel, expected), "step \(index + 1), scale \(scale): input cell (\(r),\(c)) is \(String(pixel, radix: 16))")
                }
            }
            let written = layout.output.cellRect(step.row, step.column)
            #expect(close(rgb(image, (written.x + 9) * scale, (written.y + 9) * scale),
                          composite(theme.current, alpha: 0.28, over: theme.background)),
                    "step \(index + 1): the output cell written is not marked")
        }
    }

    @Test func lightThemeBackgroundIsWhite() throws {
        let image = try decoded(try Fixtures.exampleFrames()[0], RenderOptions(format: .png, theme: .light))
        #expect(rgb(image, 3, 3) == 0xFFFFFF)
        #expect(rgb(image, 1276, 716) == 0xFFFFFF)
    }

    @Test func filmstripTilesShowEachStepsWindow() throws {
        let trace = try Fixtures.exampleTrace()
        let frames = ConvolutionFigures.frames(trace)
        let theme = Theme.light
        let strip = try #require(Filmstrip.figure(from: frames + [ConvolutionFigures.overview(trace)], title: "example"))
        let layout = Filmstrip.layout(count: 9, frameWidth: 1280, frameHeight: 720)
        #expect(strip.width == layout.width && strip.height == layout.height)
        let image = try decoded(strip, RenderOptions(format: .png, theme: theme))
        let grid = ConvolutionFigures.layout(for: trace).input
        let inWindow = composite(theme.highlight, alpha: 0.30, over: theme.background)
        for (index, step) in trace.steps.enumerated() {
            let origin = layout.tileOrigin(index)
            for (r, c) in [(0, 0), (1, 1), (2, 2), (4, 4), (0, 4), (4, 0)] {
                let cell = grid.cellRect(r, c)
                let x = origin.x + (cell.x + cell.width * 0.15) * layout.scale
                let y = origin.y + (cell.y + cell.height * 0.15) * layout.scale
                let expected = step.windowRows.contains(r) && step.windowColumns.contains(c) ? inWindow : channels(theme.cellFill)
                #expect(close(rgb(image, x, y), expected, tolerance: 3), "tile \(index + 1): cell (\(r),\(c))")
            }
        }
    }

    @Test(arguments: [(1, 1, 1), (2, 2, 1), (4, 2, 2), (9, 3, 3), (10, 4, 3), (25, 5, 5), (400, 20, 20)])
    func filmstripHasAboutAsManyColumnsAsRows(count: Int, columns: Int, rows: Int) {
        let layout = Filmstrip.layout(count: count, frameWidth: 1280, frameHeight: 720)
        #expect(layout.columns == columns && layout.rows == rows)
        #expect(layout.width <= 3600, "a long trace still gives an image that can be rendered: \(layout.width)")
        let last = layout.tileOrigin(count - 1)
        #expect(last.x + layout.tileWidth <= layout.width && last.y + layout.tileHeight <= layout.height)
    }

    @Test func filmstripNeedsTwoSteps() {
        let one = Figure(name: "step-1", description: "one", step: 1) { _ in }
        let overview = Figure(name: "overview", description: "all") { _ in }
        #expect(Filmstrip.figure(from: [one, overview], title: "t") == nil)
    }

    @Test func legendSwatchesHaveTheirColours() throws {
        let theme = Theme.dark
        let figure = Figure(name: "legend", description: "a legend", width: 800, height: 60) { canvas in
            Legend([Legend.Entry("δ_1 < 0", color: theme.negative), Legend.Entry("window", color: theme.highlight, swatch: .outline)],
                   size: 20).draw(on: canvas, x: 20, y: 30)
        }
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .png, theme: theme))
        let image = try PNGCodec.decode(try surface.encoded())
        #expect(close(rgb(image, 29, 30), channels(theme.negative)), "the fill swatch")
        #expect(surface.drawnText.map(\.text) == ["δ1 < 0", "window"])
        #expect(surface.drawnText.first?.spans.map(\.text) == ["δ", "1", " < 0"], "the label's subscript is a piece of its run")
        // The outline swatch starts after the first label; its edge is the highlight colour.
        let second = try #require(surface.drawnText.last)
        let swatchLeft = second.x - 20 * 0.4 - 20 * 0.9
        #expect(close(rgb(image, swatchLeft + 2, 30), channels(theme.highlight), tolerance: 40), "the outline swatch")
    }
}

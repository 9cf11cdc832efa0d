import LessonCore
import LessonFigures
import Testing

/// The pooling figures, checked by decoding the PNG and looking at the pixels that must be highlighted.
@Suite struct PoolingFiguresTests {
    static let input = Tensor(rows: [[3, 0, 1, 0, 2, 4], [0, 1, 8, 12, 0, 0], [4, 0, 0, 3, 2, 2],
                                     [2, 0, 1, 0, 1, 1], [3, 2, 0, 6, 0, 5], [1, 0, 6, 0, 0, 9]])

    /// The colour a short way inside the top-left corner of a cell (away from its number and note).
    static func corner(_ image: RGBAImage, _ grid: Grid, _ r: Int, _ c: Int) -> (r: Int, g: Int, b: Int) {
        let rect = grid.cellRect(r, c)
        let p = image.pixel(x: Int(rect.x + rect.width * 0.15), y: Int(rect.y + rect.height * 0.15))
        return (Int(p.r), Int(p.g), Int(p.b))
    }

    static func isBlue(_ p: (r: Int, g: Int, b: Int)) -> Bool { p.b > p.r + 40 }
    static func isOrange(_ p: (r: Int, g: Int, b: Int)) -> Bool { p.r > p.b + 25 && p.g > p.b }
    static func isWhite(_ p: (r: Int, g: Int, b: Int)) -> Bool { p.r > 245 && p.g > 245 && p.b > 245 }

    @Test func forwardFrameMarksTheWindowAndTheFirstOfTiedWinners() throws {
        // Step 8: window rows 5–6, columns 3–4 holds 0 6; 6 0 — a tie the first 6 (x[5,4]) wins.
        let trace = try Pool2D(op: .max, size: Pair2(2)).forward(Self.input)
        let figure = PoolingFigures.frames(trace)[7]
        #expect(figure.name == "step-8")
        let image = try PNGCodec.decode(try FigureRenderer.render(figure, options: RenderOptions()))
        #expect(image.width == 1280 && image.height == 720)
        let layout = PoolingFigures.layout(for: trace)
        #expect(Self.isBlue(Self.corner(image, layout.input, 4, 3)), "the winner x[5,4] is marked in the current colour")
        #expect(Self.isOrange(Self.corner(image, layout.input, 5, 2)), "the tied x[6,3] is only in the window")
        #expect(Self.isOrange(Self.corner(image, layout.input, 4, 2)), "x[5,3] is in the window")
        #expect(Self.isWhite(Self.corner(image, layout.input, 0, 0)), "x[1,1] is outside the window")
        #expect(Self.isBlue(Self.corner(image, layout.output, 2, 1)), "y[3,2] is the cell being written")
        #expect(Self.isWhite(Self.corner(image, layout.output, 2, 2)), "y[3,3] is not written yet")
    }

    @Test func paddedCellsAreShadedAndNeverMarkedAsWinners() throws {
        let trace = try Pool2D(op: .max, size: Pair2(2), stride: Pair2(1), padding: Pair2(1))
            .forward(Tensor(rows: [[-5, -4], [-3, -9]]))
        let image = try PNGCodec.decode(try FigureRenderer.render(PoolingFigures.frames(trace)[0], options: RenderOptions()))
        let layout = PoolingFigures.layout(for: trace)
        #expect(layout.input.rows == 4 && layout.input.columns == 4)
        #expect(Self.isBlue(Self.corner(image, layout.input, 1, 1)), "x[1,1] = −5 wins over three −∞")
        let padded = Self.corner(image, layout.input, 0, 0)
        #expect(!Self.isBlue(padded) && !Self.isWhite(padded), "padding in the window is shaded, not marked")
    }

    @Test func backwardFrameDrawsAnArrowToWhereTheGradientLands() throws {
        let pool = Pool2D(op: .max, size: Pair2(2))
        let trace = try pool.forward(Self.input)
        let backward = try pool.backward(trace, upstream: Tensor(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
        let frames = PoolingFigures.backwardFrames(trace, backward)
        #expect(frames.count == 9)
        #expect(frames[0].name == "step-backward-1")
        // Step 6: ∂L/∂y[2,3] = 6 goes to x[3,5] (the first of the tied 2s).
        let image = try PNGCodec.decode(try FigureRenderer.render(frames[5], options: RenderOptions()))
        let layout = PoolingFigures.backwardLayout(for: backward)
        #expect(Self.isOrange(Self.corner(image, layout.gradient, 2, 4)), "∂L/∂x[3,5] just received the gradient")
        #expect(!Self.isOrange(Self.corner(image, layout.gradient, 2, 5)), "the tied x[3,6] receives nothing")
        #expect(Self.isBlue(Self.corner(image, layout.upstream, 1, 2)), "∂L/∂y[2,3] is the cell being routed")
        // The arrow crosses the gap between the grids at the height of its line.
        let from = layout.upstream.cellCenter(1, 2), to = layout.gradient.cellCenter(2, 4)
        let x = (layout.upstream.x + layout.upstream.width + layout.gradient.x) / 2
        // Routes start at a dot in the source cell's upper right.
        let start = (from.0 + layout.upstream.cellSize * 0.3, from.1 - layout.upstream.cellSize * 0.3)
        let y = start.1 + (to.1 - start.1) * (x - start.0) / (to.0 - start.0)
        let hits = (-3...3).map { image.pixel(x: Int(x), y: Int(y) + $0) }.filter { Int($0.r) > Int($0.b) + 60 }
        #expect(!hits.isEmpty, "an orange arrow crosses x = \(Int(x)) near y = \(Int(y))")
        // Above the arrow there is nothing but background.
        let blank = image.pixel(x: Int(x), y: Int(y) - 60)
        #expect(blank.r > 245 && blank.b > 245)
    }

    @Test func everyFigureRendersInEveryFormatAndTheme() throws {
        let pool = Pool2D(op: .avg, size: Pair2(3), stride: Pair2(1), padding: Pair2(1))
        let trace = try pool.forward(Tensor(rows: [[1, 2, 3], [4, 5, 6]]))
        let backward = try pool.backward(trace, upstream: trace.output)
        let figures = PoolingFigures.frames(trace) + [PoolingFigures.overview(trace)]
            + PoolingFigures.backwardFrames(trace, backward) + [PoolingFigures.backwardOverview(trace, backward)]
        #expect(figures.count == 6 + 1 + 6 + 1)
        for format in [FigureFormat.png, .svg, .pdf] {
            for theme in [Theme.light, .dark] {
                for figure in figures {
                    #expect(!(try FigureRenderer.render(figure, options: RenderOptions(format: format, theme: theme))).isEmpty)
                }
            }
        }
    }
}

import Testing
import LessonCore
@testable import LessonFigures

/// Rendered frames of the new convolution figures: the cells that must be highlighted are.
@Suite struct ConvFigurePixelTests {
    /// The colour at (x, y) of a rendered PNG surface as (red, green, blue), 0…255.
    static func pixel(_ surface: Surface, _ x: Double, _ y: Double) -> (r: Int, g: Int, b: Int) {
        let image = surface.pixels()
        let argb = image.argb[Int(y) * image.width + Int(x)]
        return (Int((argb >> 16) & 0xFF), Int((argb >> 8) & 0xFF), Int(argb & 0xFF))
    }

    /// Orange (the highlight role), even when laid at 30 % over white: red well above blue, green
    /// between them. White, grey padding and the light channel tints all have red − blue below 30.
    static func isHighlight(_ p: (r: Int, g: Int, b: Int)) -> Bool { p.r > 200 && p.r - p.b > 50 && p.g - p.b > 25 }

    @Test func arithmeticFrameShadesExactlyTheDilatedTaps() throws {
        let arithmetic = try ConvolutionArithmetic(input: Pair2(7), kernel: Pair2(3), padding: Pair2(1), stride: Pair2(2),
                                                   dilation: Pair2(2))
        let frames = ConvArithmeticFigures.frames(arithmetic)
        #expect(frames.count == 9)
        let surface = try FigureRenderer.surface(for: frames[4], options: RenderOptions())
        let grid = ConvArithmeticFigures.layout(for: arithmetic).input
        // Position 5 is output [2,2]: its window starts at padded (2, 2) and taps every second cell.
        for u in 0..<3 {
            for v in 0..<3 {
                let (x, y) = grid.cellCenter(2 + 2 * u, 2 + 2 * v)
                #expect(Self.isHighlight(Self.pixel(surface, x, y)), "tap [\(u),\(v)]")
            }
        }
        // Cells between the taps, inside the window, are not taps.
        for (r, c) in [(3, 3), (2, 3), (5, 4)] {
            let (x, y) = grid.cellCenter(r, c)
            #expect(!Self.isHighlight(Self.pixel(surface, x, y)), "gap [\(r),\(c)]")
        }
        // The output cell of this position is marked with the current (blue) colour.
        let out = ConvArithmeticFigures.layout(for: arithmetic).output
        let (ox, oy) = out.cellCenter(1, 1)
        let p = Self.pixel(surface, ox, oy)
        #expect(p.b > p.r + 40, "output [2,2] is blue, got \(p)")
    }

    @Test func conv1dFrameHighlightsTheWindowAndNothingElse() throws {
        let trace = try Conv1D(kernel: [1, -2, 1], padding: 1).forward([4, 1, 1, 2, 3, 5, 8, 13])
        let frame = Conv1DFigures.frames(trace)[3]
        let surface = try FigureRenderer.surface(for: frame, options: RenderOptions())
        let layout = Conv1DFigures.layout(for: trace)
        // Step 4 reads padded positions 3, 4, 5 (0-based); sample the cell's lower-left corner, away from the digits.
        for position in 0..<layout.signal.columns {
            let rect = layout.signal.cellRect(0, position)
            let highlighted = Self.isHighlight(Self.pixel(surface, rect.x + 6, rect.y + rect.height - 6))
            #expect(highlighted == (3...5).contains(position), "position \(position)")
        }
    }

    /// Keras's "same" with an even kernel: one zero at the right end only, shaded grey (E4E4E4) in the overview.
    @Test func conv1dSameShadesOnlyTheRightEndZero() throws {
        let trace = try Conv1D(kernel: [1, 2], extraPadding: 1).forward([1, 2, 3, 4])
        let surface = try FigureRenderer.surface(for: Conv1DFigures.overview(trace), options: RenderOptions())
        let layout = Conv1DFigures.layout(for: trace)
        #expect(layout.signal.columns == 5)
        for position in 0..<layout.signal.columns {
            let rect = layout.signal.cellRect(0, position)
            let p = Self.pixel(surface, rect.x + 6, rect.y + rect.height - 6)
            #expect((p == (r: 0xE4, g: 0xE4, b: 0xE4)) == (position == 4), "position \(position): \(p)")
        }
    }

    @Test func channelFrameMarksTheSameWindowOnEveryChannel() throws {
        let input = Tensor(shape: [3, 4, 4], scalars: (0..<48).map { Double($0 % 5) })
        let filters = [Tensor(shape: [3, 3, 3], repeating: 1), Tensor(shape: [3, 3, 3], repeating: -1)]
        let trace = try MultiChannelConv2D(filters: filters, biases: [0, 1], padding: Pair2(1), stride: Pair2(2)).forward(input)
        let frames = ConvChannelsFigures.frames(trace)
        #expect(frames.count == 8)
        let surface = try FigureRenderer.surface(for: frames[3], options: RenderOptions())
        let layout = ConvChannelsFigures.layout(for: trace, step: 3)
        // Step 4: filter 1, output [2,2], window padded rows 2–4, columns 2–4 (0-based) on every channel:
        // the projector-size window shows exactly those cells, the small map of the channel marks them.
        #expect(layout.windows.count == 3 && layout.maps.count == 3)
        for (window, map) in zip(layout.windows, layout.maps) {
            #expect(window.shownRows == 2..<5 && window.shownColumns == 2..<5)
            let cell = window.cellRect(3, 3)
            #expect(Self.isHighlight(Self.pixel(surface, cell.x + 5, cell.y + cell.height - 5)))
            let inside = map.cellRect(3, 3), outside = map.cellRect(0, 0)
            #expect(Self.isHighlight(Self.pixel(surface, inside.x + inside.width / 2, inside.y + inside.height / 2)))
            #expect(!Self.isHighlight(Self.pixel(surface, outside.x + outside.width / 2, outside.y + outside.height / 2)))
        }
    }

    /// Two 5×5 output maps do not fit beside the channels with 24 px numbers: each frame draws the
    /// current map as a window around the cell written and small maps of both; 3×3 maps fit whole.
    @Test func largeChannelOutputsAreWindowedAroundTheStep() throws {
        let input = Tensor(shape: [3, 5, 5], scalars: (0..<75).map { Double($0 % 3) })
        let filters = [Tensor(shape: [3, 3, 3], repeating: 1), Tensor(shape: [3, 3, 3], repeating: -1)]
        let trace = try MultiChannelConv2D(filters: filters, biases: [0, 1], padding: Pair2(1), stride: Pair2(1)).forward(input)
        for index in trace.steps.indices {
            let step = trace.steps[index], layout = ConvChannelsFigures.layout(for: trace, step: index)
            let grid = try #require(layout.outputs.first)
            #expect(layout.outputs.count == 1 && layout.outputFilters == [step.filter] && layout.outputOverview.count == 2)
            #expect(grid.shownRows.contains(step.row) && grid.shownColumns.contains(step.column), "step \(index + 1)")
            #expect(grid.cellSize * 0.4 >= 24 - 1e-9 && grid.x + grid.width <= 1280 && layout.windows.allSatisfy { $0.cellSize * 0.4 >= 24 - 1e-9 })
        }
        let strided = try MultiChannelConv2D(filters: filters, biases: [0, 1], padding: Pair2(1), stride: Pair2(2)).forward(input)
        let whole = ConvChannelsFigures.layout(for: strided, step: 0)
        #expect(whole.outputs.count == 2 && whole.outputOverview.isEmpty && whole.outputs.allSatisfy { $0.rows == 3 && $0.columns == 3 })
    }

    @Test func stepNamesSortInOrder() {
        #expect(Figure.stepName(0, of: 9) == "step-1")
        #expect(Figure.stepName(0, of: 18) == "step-01")
        #expect(Figure.stepName(99, of: 100) == "step-100")
    }
}

import Foundation
import Testing
import LessonCore
@testable import LessonFigures

/// Frames of the 5×5 example, decoded back from PNG and looked at pixel by pixel.
@Suite struct ConvolutionFigureTests {
    let trace: ConvolutionTrace

    init() throws {
        let input = Tensor(rows: [[1, 0, 3, 0, 2], [0, 3, 4, 0, 2], [1, 0, 2, 0, 1], [8, 12, 0, 1, 0], [0, 6, 3, 2, 0]])
        let kernel = Tensor(rows: [[1, -1, 0], [0, 2, -2], [-1, 0, 2]])
        trace = try Conv2D(kernel: kernel, padding: Pair2(1), stride: Pair2(2)).forward(input)
    }

    /// The colour a cell's fill would have: `color` at `alpha` over `background`.
    func blend(_ color: Color, _ alpha: Double, over background: Color) -> (Int, Int, Int) {
        let mix = background.mixed(with: color.withAlpha(1), amount: alpha)
        return (Int((mix.red * 255).rounded()), Int((mix.green * 255).rounded()), Int((mix.blue * 255).rounded()))
    }

    /// A pixel near the top-left corner of a cell, clear of the number and the grid line.
    func cornerPixel(_ image: RGBAImage, _ grid: Grid, _ r: Int, _ c: Int) -> (Int, Int, Int) {
        let rect = grid.cellRect(r, c)
        let p = image.pixel(x: Int(rect.x + 6), y: Int(rect.y + 6))
        return (Int(p.r), Int(p.g), Int(p.b))
    }

    func close(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Bool {
        abs(a.0 - b.0) <= 2 && abs(a.1 - b.1) <= 2 && abs(a.2 - b.2) <= 2
    }

    @Test func theHighlightedCellsAreExactlyTheWindowOfEachStep() throws {
        let frames = ConvolutionFigures.frames(trace)
        let layout = ConvolutionFigures.layout(for: trace)
        let theme = Theme.light
        let highlighted = blend(theme.highlight, 0.30, over: theme.cellFill)
        for (index, step) in trace.steps.enumerated() {
            let png = try FigureRenderer.render(frames[index], options: RenderOptions())
            let image = try PNGCodec.decode(png)
            #expect(image.width == 1280 && image.height == 720)
            let window = Set(step.terms.map { $0.paddedRow * 100 + $0.paddedColumn })
            for r in 0..<layout.input.rows {
                for c in 0..<layout.input.columns {
                    let inWindow = window.contains(r * 100 + c)
                    let pixel = cornerPixel(image, layout.input, r, c)
                    #expect(close(pixel, highlighted) == inWindow,
                            "step \(index + 1), input cell [\(r),\(c)] pixel \(pixel), in window: \(inWindow)")
                }
            }
            let current = blend(theme.current, 0.28, over: theme.cellFill)
            let outputPixel = cornerPixel(image, layout.output, step.row, step.column)
            // The current output cell is inside its 4-pixel outline; sample just inside it.
            let rect = layout.output.cellRect(step.row, step.column)
            let inner = image.pixel(x: Int(rect.x + rect.width / 2), y: Int(rect.y + 8))
            #expect(close((Int(inner.r), Int(inner.g), Int(inner.b)), current) || close(outputPixel, current),
                    "step \(index + 1): output cell not marked")
        }
    }

    @Test func darkThemeFillsTheBackground() throws {
        let surface = try FigureRenderer.surface(for: ConvolutionFigures.overview(trace),
                                                 options: RenderOptions(theme: .dark))
        let pixels = surface.pixels()
        let corner = pixels.argb[0]
        #expect(corner == 0xFF12_1212, "top-left pixel \(String(corner, radix: 16))")
    }

    @Test func scaleTwoDoublesThePixels() throws {
        let png = try FigureRenderer.render(ConvolutionFigures.overview(trace), options: RenderOptions(scale: 2))
        let image = try PNGCodec.decode(png)
        #expect(image.width == 2560 && image.height == 1440)
    }

    @Test func renderingIsByteIdenticalFromRunToRun() throws {
        let figure = ConvolutionFigures.frames(trace)[3]
        for format in FigureFormat.allCases {
            let first = try FigureRenderer.render(figure, options: RenderOptions(format: format))
            let second = try FigureRenderer.render(figure, options: RenderOptions(format: format))
            // Compare without printing the bytes on failure.
            let identical = first.elementsEqual(second)
            #expect(identical, "\(format): \(first.count) and \(second.count) bytes differ")
            #expect(!first.isEmpty)
        }
    }

    @Test func svgAndPdfHaveTheirMagicBytes() throws {
        let figure = ConvolutionFigures.overview(trace)
        let svg = try FigureRenderer.render(figure, options: RenderOptions(format: .svg))
        let pdf = try FigureRenderer.render(figure, options: RenderOptions(format: .pdf))
        #expect(String(decoding: svg.prefix(5), as: UTF8.self) == "<?xml")
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
    }
}

import LessonCore
import LessonFigures
import Testing

/// Rendered figures of conv-matrix, conv-transpose and image-filters, checked pixel by pixel.
@Suite struct ConvolutionExtrasFigureTests {
    /// (red, green, blue) of the pixel at figure coordinates (x, y), at scale 1.
    func rgb(_ figure: Figure, _ points: [(Double, Double)]) throws -> [(Int, Int, Int)] {
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions())
        let (width, _, argb) = surface.pixels()
        return points.map { x, y in
            let p = argb[Int(y) * width + Int(x)]
            return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
        }
    }

    /// A point inside cell (r, c) of a grid, away from its text and its outline.
    func inside(_ grid: Grid, _ r: Int, _ c: Int) -> (Double, Double) {
        let rect = grid.cellRect(r, c)
        return (rect.x + rect.width * 0.18, rect.y + rect.height * 0.82)
    }

    @Test func matrixFrameHighlightsTheCurrentRowsWeightsOnly() throws {
        let m = try ConvolutionMatrix(kernel: Tensor(rows: [[1, 4, 1], [1, 4, 3], [3, 3, 1]]), inputShape: [4, 4])
        let trace = try m.multiply(Tensor(rows: [[4, 5, 8, 7], [1, 8, 8, 8], [3, 6, 6, 4], [6, 5, 7, 8]]))
        let figures = ConvolutionMatrixFigures.figures(trace)
        let layout = ConvolutionMatrixFigures.layout(for: trace, row: 1)
        // Frame 2 is row 2 (read at its own layout): its weights start in column 2 (k1 at x2).
        let pixels = try rgb(figures[1], [inside(layout.matrix, 1, 1), inside(layout.matrix, 0, 0), inside(layout.matrix, 1, 0),
                                          inside(layout.flattened, 0, 1), inside(layout.flattened, 0, 0)])
        // Orange (E69F00) at 45 % on white has blue ≈ 140; at 10 % ≈ 230; an empty cell of another row is white.
        #expect(pixels[0].2 < 160 && pixels[0].0 > 230, "current row's weight k1 \(pixels[0])")
        #expect(pixels[1].2 > 215 && pixels[1].2 < 245, "another row's weight is faint \(pixels[1])")
        #expect(pixels[2].0 < 250 && pixels[2].2 > 240, "the current row's zero is tinted blue, not orange \(pixels[2])")
        #expect(pixels[3].2 < 200, "x2 is in the window \(pixels[3])")
        #expect(pixels[4].2 > 200, "x1 is not in the window of row 2 \(pixels[4])")
    }

    @Test func scatterFrameMarksTheCopyAndShadesCroppedCells() throws {
        let trace = try ConvTranspose2D(kernel: Tensor(rows: [[1, 1, 1], [1, 1, 1], [1, 1, 1]]), padding: Pair2(1), stride: Pair2(2))
            .forward(Tensor(rows: [[1, 2], [3, 4]]))
        let figures = ConvTransposeFigures.figures(trace)
        let layout = ConvTransposeFigures.layout(for: trace)
        // Step 4 is y[2,2]: its copy covers canvas rows and columns 3–5 (0-based 2…4).
        let pixels = try rgb(figures[3], [inside(layout.canvas, 3, 3), inside(layout.canvas, 0, 0), inside(layout.canvas, 1, 1),
                                          inside(layout.canvas, 4, 4)])
        #expect(pixels[0].2 < 190 && pixels[0].0 > 230, "the copy of y[2,2] is highlighted \(pixels[0])")
        #expect(pixels[1] == (0xE4, 0xE4, 0xE4), "a cropped canvas cell has the padding colour \(pixels[1])")
        #expect(pixels[2] == (255, 255, 255), "a kept cell outside the copy is plain \(pixels[2])")
        #expect(pixels[3].2 < 230 && pixels[3].2 > 170, "a cropped cell inside the copy is lightly highlighted \(pixels[3])")
    }

    @Test func sideBySideShowsThePictureAndItsFilteredGrayLevels() throws {
        var image = Tensor(shape: [20, 30], repeating: 30)
        for r in 5..<15 { for c in 8..<20 { image[r, c] = 220 } }
        let trace = try ImageFilter(kernel: try ImageKernel.named("edge")).apply(image)
        let figure = ImageFilterFigures.figures(trace, imageName: "test")[0]
        let layout = ImageFilterFigures.pictureLayout(inputShape: image.shape, outputShape: trace.output.shape)
        func at(_ box: (x: Double, y: Double, width: Double, height: Double), _ r: Int, _ c: Int) -> (Double, Double) {
            (box.x + (Double(c) + 0.5) * layout.scale, box.y + (Double(r) + 0.5) * layout.scale)
        }
        let pixels = try rgb(figure, [at(layout.input, 10, 12), at(layout.input, 2, 2), at(layout.output, 10, 12), at(layout.output, 5, 12),
                                      at(layout.output, 2, 25)])
        #expect(pixels[0] == (220, 220, 220), "inside the bright block \(pixels[0])")
        #expect(pixels[1] == (30, 30, 30), "the dark background \(pixels[1])")
        #expect(pixels[2] == (0, 0, 0), "edge detection of a flat area is 0 \(pixels[2])")
        #expect(pixels[3] == (255, 255, 255), "the block's top edge: |z| clamped to 255 \(pixels[3])")
        #expect(pixels[4] == (0, 0, 0), "flat background \(pixels[4])")
    }
}

import LessonCore
import LessonFigures
import LessonTestSupport
import Testing

/// conv-matrix's M and conv-transpose's Cᵀ, too large for 24 px numbers drawn whole, are drawn as
/// a window at 24 px plus a map of the whole matrix with the window outlined, and the figure says
/// so. Checked in the SVG's text layer (what is written, at what size) and in the PNG's pixels.
@Suite struct ConvMatrixWindowTests {
    static let kernel = Tensor(rows: [[1, 4, 1], [1, 4, 3], [3, 3, 1]])
    static let input = Tensor(rows: [[4, 5, 8, 7], [1, 8, 8, 8], [3, 6, 6, 4], [6, 5, 7, 8]])

    static func svgRuns(_ figure: Figure) throws -> [SVGText.Run] {
        SVGText.runs(in: String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self))
    }

    /// The notes' padding-1 example: M is 16×16, so every frame is a window.
    static func paddedTrace() throws -> ConvolutionMatrixTrace {
        try ConvolutionMatrix(kernel: kernel, inputShape: [4, 4], padding: Pair2(1)).multiply(input)
    }

    /// Every frame's window holds its row and every column its weights fall in; the window's
    /// cells keep 60 px (24 px numbers); the map is all of M.
    @Test func everyFrameShowsItsRowAndItsWeightsAtProjectorSize() throws {
        let trace = try Self.paddedTrace()
        for (index, row) in trace.matrix.rows.enumerated() {
            let layout = ConvolutionMatrixFigures.layout(for: trace, row: index)
            #expect(layout.zoomed, "row \(index + 1)")
            #expect(layout.matrix.shownRows.contains(index), "row \(index + 1) in the window")
            #expect(row.entries.allSatisfy { layout.matrix.shownColumns.contains($0.column) }, "row \(index + 1): its weights in view")
            #expect(layout.flattened.shownColumns == layout.matrix.shownColumns && layout.product.shownRows == layout.matrix.shownRows)
            #expect(layout.matrix.cellSize * 0.4 >= ConvolutionFigures.minimumNumberSize - 1e-9)
            #expect(layout.map.map { [$0.rows, $0.columns] } == [16, 16])
        }
    }

    /// Frame 6 (row 6 of M) writes the window's entries of row 6, x and z at 24 px or more, says
    /// that M is cut and which part is shown, and labels the map.
    @Test func theWindowsNumbersAreInTheSVGAtTwentyFourPixels() throws {
        let trace = try Self.paddedTrace()
        let figure = ConvolutionMatrixFigures.figures(trace)[5]
        let runs = try Self.svgRuns(figure)
        let layout = ConvolutionMatrixFigures.layout(for: trace, row: 5)
        let row6 = layout.matrix.shownColumns.map { Notation.number(trace.matrix.matrix[5, $0]) }
        let numbers = runs.filter { Double($0.text) != nil }
        #expect(numbers.allSatisfy { $0.size >= 24 - 1e-6 }, "\(numbers.filter { $0.size < 24 }.prefix(5))")
        // The cells of M are written row by row: row 6's window entries appear in order.
        let texts = numbers.map(\.text)
        #expect(texts.count >= row6.count)
        let found = (0...(texts.count - row6.count)).contains { Array(texts[$0..<($0 + row6.count)]) == row6 }
        #expect(found, "row 6 of M, columns \(layout.matrix.shownColumns): \(row6)")
        #expect(texts.contains(Notation.number(trace.product[5])), "z6 = \(trace.product[5])")
        let all = runs.map(\.text)
        #expect(all.contains { $0.contains("M (16×16) is too large for projector-size numbers") && $0.contains("rows \(layout.matrix.firstRow + 1)–\(layout.matrix.shownRows.upperBound)") })
        #expect(all.contains("all of M, 16×16"))
        #expect(runs.allSatisfy { $0.size >= 18 - 1e-6 }, "\(runs.filter { $0.size < 18 }.map(\.text))")
    }

    /// In the PNG, the map has the window's outline (dark) on its edge, the current row's weights in
    /// full orange and another row's in a lighter tint.
    @Test func theMapOutlinesTheWindowAndMarksTheRow() throws {
        let trace = try Self.paddedTrace()
        let figure = ConvolutionMatrixFigures.figures(trace)[5]
        let layout = ConvolutionMatrixFigures.layout(for: trace, row: 5)
        let map = try #require(layout.map)
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions())
        let (width, _, argb) = surface.pixels()
        func rgb(_ x: Double, _ y: Double) -> (Int, Int, Int) {
            let p = argb[Int(y) * width + Int(x)]
            return (Int((p >> 16) & 0xFF), Int((p >> 8) & 0xFF), Int(p & 0xFF))
        }
        // The outline's top edge, halfway across the window's columns.
        let top = map.cellRect(layout.matrix.firstRow, layout.matrix.firstColumn)
        let right = map.cellRect(layout.matrix.firstRow, layout.matrix.shownColumns.upperBound - 1)
        let edge = rgb((top.x + right.x + right.width) / 2, top.y)
        #expect(edge.0 < 80 && edge.1 < 80 && edge.2 < 80, "window outline on the map \(edge)")
        let weight = try #require(trace.matrix.rows[5].entries.first)
        let current = map.cellCenter(5, weight.column)
        let other = try #require(trace.matrix.rows[15].entries.first)
        let faint = map.cellCenter(15, other.column)
        let (a, b) = (rgb(current.0, current.1), rgb(faint.0, faint.1))
        #expect(a.0 > 200 && a.2 < 60, "row 6's weight in full orange \(a)")
        #expect(b.0 > 200 && b.2 > 100 && b.2 < 230, "row 16's weight tinted \(b)")
    }

    /// The symbolic 3×3 ⊛ 2×2 case fits whole at 60 px cells: no window, no map, symbols at 24 px.
    @Test func theSymbolicCaseIsDrawnWhole() throws {
        let trace = try ConvolutionMatrix(kernel: Tensor(rows: [[1, 2], [3, 4]]), inputShape: [3, 3])
            .multiply(Tensor(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
        let layout = ConvolutionMatrixFigures.layout(for: trace, row: 2)
        #expect(!layout.zoomed)
        #expect([layout.matrix.rows, layout.matrix.columns] == [4, 9])
        let runs = try Self.svgRuns(ConvolutionMatrixFigures.figures(trace, symbolic: true)[2])
        let symbols = runs.filter { $0.text.range(of: "^[kxz][0-9]+$", options: .regularExpression) != nil }
        #expect(symbols.count >= 9 + 4 + 4 + 36 / 4)
        #expect(symbols.allSatisfy { $0.size >= 24 - 1e-6 }, "\(symbols.filter { $0.size < 24 }.prefix(4))")
    }

    /// conv-transpose's stride-2 Cᵀ (25×4): blocks of its first rows with numbers at 24 px, a map of
    /// the whole Cᵀ outlining each block, and the sentence saying so.
    @Test func theTransposedMatrixIsAWindowWithNumbersAndAMap() throws {
        let trace = try ConvTranspose2D(kernel: Self.kernel, stride: Pair2(2)).forward(Tensor(rows: [[1, 2], [3, 4]]))
        let layout = ConvTransposeFigures.matrixLayout(for: trace)
        #expect(layout.shape == [25, 4])
        #expect(layout.showsNumbers && layout.map != nil)
        #expect(layout.shownRows == Array(0..<layout.shownRows.count) && layout.shownRows.count < 25)
        #expect(layout.blocks.allSatisfy { $0.matrix.cellSize * 0.4 >= 24 - 1e-9 })
        let figure = try #require(ConvTransposeFigures.figures(trace).first { $0.name == "matrix" })
        let runs = try Self.svgRuns(figure)
        let numbers = runs.filter { Double($0.text) != nil }
        #expect(numbers.allSatisfy { $0.size >= 24 - 1e-6 })
        // Each shown row's out value is written, and Cᵀ's entries (4 per row) and y (4 per block).
        let perBlock = layout.blocks.map { $0.matrix.rows * 4 + 4 + $0.out.rows }.reduce(0, +)
        #expect(numbers.count == perBlock, "\(numbers.count) numbers")
        let outs = layout.shownRows.map { Notation.number(trace.output.scalars[$0]) }
        #expect(outs.allSatisfy { out in numbers.contains { $0.text == out } })
        let texts = runs.map(\.text)
        #expect(texts.contains { $0.hasPrefix("Cᵀ (25×4) is too large for projector-size numbers: rows 1–\(layout.shownRows.count) shown") })
        #expect(texts.contains("all of Cᵀ, 25×4"))
        #expect(!texts.contains { $0.contains("shaded cells hold kernel weights") })
    }

    /// A Cᵀ too wide for one block of 24 px numbers (a 3×5 input, a 3×3 kernel, stride 2: 77×15)
    /// is drawn without numbers, its rows in the blocks that give the largest cells, every grid
    /// on the slide and apart. Before, nine blocks asked for 60 px cells that could not fit across
    /// were given negative cells, and their labels ran over each other.
    @Test(arguments: [
        // Blocks taller than y (77 rows against 15), and y taller than the blocks (20 rows in two, y 15).
        (Tensor(rows: [[1, 2, 1], [3, 4, 3], [1, 0, -1]]), 2, [77, 15]),
        (Tensor(rows: [[1], [2]]), 1, [20, 15]),
    ])
    func aTransposedMatrixWithoutNumbersStaysOnTheSlide(kernel: Tensor, stride: Int, shape: [Int]) throws {
        let input = Tensor(rows: [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15]])
        let trace = try ConvTranspose2D(kernel: kernel, stride: Pair2(stride)).forward(input)
        let layout = ConvTransposeFigures.matrixLayout(for: trace)
        #expect(layout.shape == shape)
        #expect(!layout.showsNumbers && layout.map == nil)
        #expect(layout.shownRows == Array(0..<shape[0]))
        let grids = layout.blocks.flatMap { [$0.matrix, $0.y, $0.out] }
        #expect(grids.allSatisfy { $0.cellSize >= 12 }, "cells \(grids.map(\.cellSize))")
        for grid in grids {
            #expect(grid.x >= 0 && grid.x + grid.width <= 1280 && grid.y >= 120 && grid.y + grid.height <= 640,
                    "a grid at \(grid.x), \(grid.y), \(grid.width)×\(grid.height)")
        }
        for (left, right) in zip(grids, grids.dropFirst()) {
            #expect(left.x + left.width < right.x, "grids overlap: \(left.x + left.width) ≥ \(right.x)")
        }
        let figure = try #require(ConvTransposeFigures.figures(trace).first { $0.name == "matrix" })
        let runs = try Self.svgRuns(figure)
        #expect(runs.contains { $0.text.contains("shaded cells hold kernel weights") })
        // The block labels sit on the slide, one after another, none over the next.
        let drawn = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText
        let labels = drawn.filter { $0.text.hasPrefix("Cᵀ rows") }.sorted { $0.x < $1.x }
        #expect(labels.count == layout.blocks.count && labels.count > 1)
        for (left, right) in zip(labels, labels.dropFirst()) { #expect(left.x + left.width < right.x, "\(left.text) runs into \(right.text)") }
        #expect(labels.allSatisfy { $0.x >= 0 && $0.x + $0.width <= 1280 })
    }

    /// A Cᵀ small enough (stride 1: 16×4) is drawn whole, as before.
    @Test func aSmallTransposedMatrixIsDrawnWhole() throws {
        let trace = try ConvTranspose2D(kernel: Self.kernel).forward(Tensor(rows: [[1, 2], [3, 4]]))
        let layout = ConvTransposeFigures.matrixLayout(for: trace)
        #expect(layout.map == nil && layout.showsNumbers)
        #expect(layout.shownRows == Array(0..<16))
    }
}

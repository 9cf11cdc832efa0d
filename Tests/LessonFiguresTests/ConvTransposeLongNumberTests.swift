import LessonTestSupport
import LessonCore
import LessonFigures
import Testing

/// conv-transpose's grids widen for long numbers as conv2d's do. Before, in
/// `lesson run conv-transpose --input "123456.789 -0.00012; 1e-3 -2.5" --kernel "0.333 -1.5; 2.25 -1000"`
/// the step frames drew the canvas's "−123456789.0003" at 7.1 px and the added product
/// "+(−185185.1835)" at 7.7 px, the overview 7.8 px, the matrix view 6.6 px. Now every number
/// and added product of a step frame reads at least 18 px, the overview's too, and the matrix
/// view's (two blocks of Cᵀ, y and out share the slide) at least 10 px.
@Suite struct ConvTransposeLongNumberTests {
    @Test func longNumbersKeepNearTheFloor() throws {
        let input = Tensor(shape: [2, 2], scalars: [123456.789, -0.00012, 1e-3, -2.5])
        let kernel = Tensor(shape: [2, 2], scalars: [0.333, -1.5, 2.25, -1000])
        let trace = try ConvTranspose2D(kernel: kernel).forward(input)
        let tensors = [trace.input, trace.kernel, trace.canvas, trace.output, trace.transposedMatrix] + trace.steps.map(\.canvasAfter)
        let numbers = Set(tensors.flatMap { $0.scalars.map { Notation.number($0) } })
        let notes = Set(trace.steps.flatMap { $0.placements.map { "+" + Notation.factor($0.product) } })
        var seen = Set<String>()
        for figure in ConvTransposeFigures.figures(trace) {
            let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
            let floor = figure.name == "matrix" ? 10.0 : 18.0
            for run in SVGText.runs(in: svg) where numbers.contains(run.text) || notes.contains(run.text) {
                seen.insert(run.text)
                #expect(run.size >= floor, "\(figure.name): \(run.text) drawn at \(run.size) px")
            }
        }
        #expect(seen.contains("−123456789.8343") && seen.contains("+(−185185.1835)"), "\(seen.sorted())")
        let layout = ConvTransposeFigures.layout(for: trace)
        #expect(layout.input.x >= 60 - 1e-9 && layout.canvas.x + layout.canvas.width <= 1280 - 60 + 1e-9, "grids within the margins")
        // At a larger text scale the cells grow only while no column gets narrower than at scale 1
        // (the canvas's was 176 px at 1.5 against 198 px at 1, its numbers smaller).
        let scaled = ConvTransposeFigures.layout(for: trace, textScale: 1.5)
        for (name, grid, unscaled) in [("input", scaled.input, layout.input), ("kernel", scaled.kernel, layout.kernel),
                                       ("canvas", scaled.canvas, layout.canvas)] {
            #expect(grid.columnWidth >= unscaled.columnWidth - 1e-9, "\(name): \(grid.columnWidth) px at 1.5, \(unscaled.columnWidth) px at 1")
        }
    }
}

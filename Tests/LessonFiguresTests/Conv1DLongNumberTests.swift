import LessonTestSupport
import LessonCore
import LessonFigures
import Testing

/// conv1d's columns widen for long numbers as conv2d's do (the cells stay as high). Before, in
/// `lesson run conv1d --input "123456.789 -0.00012 3.14159 1e-3 -2.5 7" --kernel "0.333 -1.5 2.25"`
/// the step frames drew "123456.789" at 12.7 px in a 90 px square; now every signal value, weight
/// and output reads at the cell-number floor (24 px), and the strips stay within the slide.
@Suite struct Conv1DLongNumberTests {
    @Test func longNumbersReadAtTheFloor() throws {
        let trace = try Conv1D(kernel: [0.333, -1.5, 2.25]).forward([123456.789, -0.00012, 3.14159, 1e-3, -2.5, 7])
        let numbers = Set((trace.paddedInput + trace.kernel).map { Notation.number($0) } + trace.output.map { Notation.number($0, decimals: 2) })
        var seen = Set<String>()
        for figure in Conv1DFigures.frames(trace) + [Conv1DFigures.overview(trace)] {
            let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
            for run in SVGText.runs(in: svg) where numbers.contains(run.text) {
                seen.insert(run.text)
                #expect(run.size >= 24 - 1e-9, "\(figure.name): \(run.text) drawn at \(run.size) px")
            }
        }
        #expect(seen.contains("123456.789") && seen.contains("41118.18"), "\(seen.sorted())")
        let layout = Conv1DFigures.layout(for: trace)
        #expect(layout.column > layout.cell && layout.cell == 90, "column \(layout.column), cell \(layout.cell)")
        #expect(layout.signal.x >= 70 - 1e-9 && layout.signal.x + layout.signal.width <= 1280 - 70 + 1e-9, "the strip within the margins")
    }

    /// Where the numbers fit, the cells stay square (the lesson's own example).
    @Test func shortNumbersKeepSquareCells() throws {
        let trace = try Conv1D(kernel: [1, -2, 1]).forward([4, 1, 1, 2, 3, 5, 8, 13])
        let layout = Conv1DFigures.layout(for: trace)
        #expect(layout.column == layout.cell && layout.signal.columnWidth == layout.cell)
    }
}

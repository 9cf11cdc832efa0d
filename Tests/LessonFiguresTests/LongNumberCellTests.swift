import LessonTestSupport
import LessonCore
import LessonFigures
import Testing

/// Long numbers in a convolution's cells read from the back of a hall: the grids' columns widen
/// (as far as the slide holds) instead of shrinking the numbers to fit square cells.
@Suite struct LongNumberCellTests {
    /// Every cell number and every weight laid on the window, with its size in the SVG's text layer.
    private func cellTexts(_ trace: ConvolutionTrace, step: Int) throws -> (numbers: [SVGText.Run], notes: [SVGText.Run]) {
        let figure = ConvolutionFigures.frames(trace)[step]
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        let runs = SVGText.runs(in: svg)
        let tensors = [trace.paddedInput, trace.appliedKernel, trace.output]
        let numbers = Set(tensors.flatMap { $0.scalars.map { Notation.number($0) } })
        let notes = Set(trace.appliedKernel.scalars.map { "×" + Notation.number($0) })
        return (runs.filter { numbers.contains($0.text) }, runs.filter { notes.contains($0.text) })
    }

    /// The tester's matrix of long numbers: "123456.789" was drawn at 11.9 px in an 84 px cell;
    /// now every number is at least 22 px (within a tenth of the 24 px floor: the row of grids
    /// fills the slide), and the values are the ones Notation prints.
    @Test func longNumbersKeepNearTheFloor() throws {
        let input = Tensor(shape: [3, 3], scalars: [123456.789, -0.00012, 3.14159, 1e-3, -2.5, 13.0 / 9, 1_000_000, 2, 3])
        let kernel = Tensor(shape: [2, 2], scalars: [0.333, -1.5, 2.25, -1000])
        let trace = try Conv2D(kernel: kernel).forward(input)
        let (numbers, notes) = try cellTexts(trace, step: 0)
        #expect(numbers.contains { $0.text == Notation.number(123456.789) })
        for run in numbers { #expect(run.size >= 22, "\(run.text) drawn at \(run.size) px") }
        for run in notes { #expect(run.size >= 18, "note \(run.text) drawn at \(run.size) px") }
        let layout = ConvolutionFigures.layout(for: trace, step: 0)
        #expect(layout.input.columnWidth > layout.input.cellSize, "the input's columns are wider than its cells are high")
        #expect(layout.input.x >= 60 - 1e-9 && layout.output.x + layout.output.width <= 1280 - 60 + 1e-9, "grids within the margins")
    }

    /// A 1/9 blur kernel: its "×0.1111" notes were 17.4 px and its weights 22.6 px in square
    /// cells; now notes keep 18 px and every number at least 22 px, on every step.
    @Test func aBlurKernelsWeightsKeepTheirFloors() throws {
        var random = SplitMix64(seed: 9)
        let input = Tensor(shape: [5, 5], scalars: (0..<25).map { _ in Double(random.next() % 13) })
        let trace = try Conv2D(kernel: Tensor(shape: [3, 3], repeating: 1.0 / 9)).forward(input)
        for step in [0, 4, trace.steps.count - 1] {
            let (numbers, notes) = try cellTexts(trace, step: step)
            #expect(!notes.isEmpty)
            for run in numbers { #expect(run.size >= 22, "step \(step + 1): \(run.text) drawn at \(run.size) px") }
            for run in notes { #expect(run.size >= 18, "step \(step + 1): note \(run.text) drawn at \(run.size) px") }
        }
    }

    /// At --text-scale 1.5 the cells grow less where a widened column would be narrower than at
    /// 1: no number, note or label is drawn smaller than at 1 ("123456.789" went 22.5 → 21.3 px).
    @Test func aLargerTextScaleKeepsTheWidenedColumns() throws {
        let input = Tensor(shape: [3, 3], scalars: [123456.789, -0.00012, 3.14159, 1e-3, -2.5, 13.0 / 9, 1_000_000, 2, 3])
        let long = try Conv2D(kernel: Tensor(shape: [2, 2], scalars: [0.333, -1.5, 2.25, -1000])).forward(input)
        let blur = try Conv2D(kernel: Tensor(shape: [3, 3], repeating: 1.0 / 9)).forward(Tensor(shape: [5, 5], repeating: 7))
        for trace in [long, blur] {
            let figure = ConvolutionFigures.frames(trace)[0]
            func sizes(_ scale: Double) throws -> [String: Double] {
                let runs = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, textScale: scale)).drawnText
                return runs.reduce(into: [:]) { least, run in least[run.text] = min(least[run.text] ?? .infinity, run.size) }
            }
            let (one, scaled) = (try sizes(1), try sizes(1.5))
            #expect(one.keys.contains(Notation.number(trace.output[0, 0])))
            // Every text drawn at both scales (a caption wrapped at 1.5 has other lines).
            for (text, size) in one.sorted(by: { $0.key < $1.key }) {
                guard let drawn = scaled[text] else { continue }
                #expect(drawn >= size - 0.01, "'\(text)' \(size) px at 1, \(drawn) px at 1.5")
            }
        }
    }

    /// Short numbers need no wider column: the layout of the slides' example keeps square cells.
    @Test func shortNumbersKeepSquareCells() throws {
        let input = Tensor(shape: [4, 4], scalars: (0..<16).map { Double($0 % 5) })
        let trace = try Conv2D(kernel: Tensor(shape: [2, 2], scalars: [1, 0, -1, 2])).forward(input)
        let layout = ConvolutionFigures.layout(for: trace, step: 0)
        for grid in [layout.input, layout.kernel, layout.output] { #expect(grid.cellWidth == nil) }
    }
}

import LessonTestSupport
import LessonCore
import LessonFigures
import Testing

/// conv2d-backward's grids widen for long numbers as conv2d's do. Before, the kernel frames drew
/// "123456.789" at 10.6 px and ∂L/∂w's "123454.2913" at 9.6 px, the input frames "−1004.167" at
/// 11.6 px and the note "×−1000" at 17.9 px, the overview's four grids 10.8 px at the least. Now
/// every number of a step frame reads at least 21 px (three grids of such numbers fill the
/// slide), the overview's at least 14 px, and every note 18 px.
@Suite struct BackwardLongNumberTests {
    private func runs(_ figure: Figure) throws -> [SVGText.Run] {
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        return SVGText.runs(in: svg)
    }

    @Test func longNumbersKeepNearTheFloor() throws {
        let input = Tensor(shape: [3, 3], scalars: [123456.789, -0.00012, 3.14159, 1e-3, -2.5, 13.0 / 9, 1_000_000, 2, 3])
        let kernel = Tensor(shape: [2, 2], scalars: [0.333, -1.5, 2.25, -1000])
        let conv = Conv2D(kernel: kernel)
        let forward = try conv.forward(input)
        let trace = try conv.backward(forward, upstream: Tensor(shape: [2, 2], scalars: [1, -0.5, 2.25, 1]))
        let tensors = [forward.paddedInput, trace.upstream, trace.gradKernel, trace.gradInput, forward.appliedKernel]
        let numbers = Set(tensors.flatMap { $0.scalars.map { Notation.number($0) } })
        let notes = Set((trace.upstream.scalars + forward.appliedKernel.scalars).map { "×" + Notation.number($0) })
        let figures = ConvolutionBackwardFigures.kernelFrames(trace, title: "t") + ConvolutionBackwardFigures.inputFrames(trace, title: "t")
            + [ConvolutionBackwardFigures.overview(trace, title: "t")]
        var seen = Set<String>()
        for figure in figures {
            for run in try runs(figure) {
                if numbers.contains(run.text) {
                    seen.insert(run.text)
                    let floor = figure.name == "overview" ? 14.0 : 21.0
                    #expect(run.size >= floor, "\(figure.name): \(run.text) drawn at \(run.size) px")
                } else if notes.contains(run.text) {
                    #expect(run.size >= 18, "\(figure.name): note \(run.text) drawn at \(run.size) px")
                }
            }
        }
        #expect(seen.contains("123456.789") && seen.contains(Notation.number(trace.gradKernel[0, 0])), "\(seen.sorted())")
    }
}

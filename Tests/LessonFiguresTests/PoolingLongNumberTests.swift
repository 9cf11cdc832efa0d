import LessonTestSupport
import LessonCore
import LessonFigures
import Testing

/// Pooling's grids widen for long numbers as conv2d's do: "123456.789" was 11 px in an 84 px
/// cell (forward), and so was a long upstream gradient (backward).
@Suite struct PoolingLongNumberTests {
    private func runs(_ figure: Figure, of numbers: Set<String>) throws -> [SVGText.Run] {
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        return SVGText.runs(in: svg).filter { numbers.contains($0.text) }
    }

    @Test func longNumbersKeepNearTheFloorForwardAndBackward() throws {
        let input = Tensor(shape: [4, 4], scalars: [123456.789, -0.00012, 3.14159, 7, 1e-3, -2.5, 13.0 / 9, 8,
                                                    1_000_000, 2, 3, 4, 5, 6, 7, 8])
        let pool = Pool2D(op: .max, size: Pair2(2))
        let trace = try pool.forward(input)
        let numbers = Set((trace.input.scalars + trace.output.scalars).map { Notation.number($0, decimals: 3) })
        let forward = try runs(PoolingFigures.frames(trace)[0], of: numbers)
        #expect(forward.contains { $0.text == "123456.789" })
        for run in forward { #expect(run.size >= 22, "forward: \(run.text) drawn at \(run.size) px") }
        let layout = PoolingFigures.layout(for: trace)
        #expect(layout.input.x >= 60 - 1e-9 && layout.output.x + layout.output.width <= 1280 - 60 + 1e-9, "grids within the margins")

        let upstream = Tensor(shape: [2, 2], scalars: [-98765.4321, 0.5, 2, 1])
        let backward = try pool.backward(trace, upstream: upstream)
        let gradients = Set((backward.upstream.scalars + backward.gradient.scalars).map { Notation.number($0, decimals: 3) })
        let back = try runs(PoolingFigures.backwardFrames(trace, backward)[0], of: gradients)
        #expect(back.contains { $0.text == "−98765.432" })
        for run in back { #expect(run.size >= 22, "backward: \(run.text) drawn at \(run.size) px") }
    }
}

import LessonTestSupport
import LessonCore
import LessonFigures
import Testing

/// Pooling's figures write a value that their 3 decimals round to 0, but that is 10⁻⁹ or more, with
/// its first two significant digits, as the rest of the tool does: −0.00012 was drawn "0".
@Suite struct PoolingSmallValueTests {
    private func texts(_ figure: Figure) throws -> [String] {
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        return SVGText.runs(in: svg).map(\.text)
    }

    @Test func smallValuesDoNotReadZero() throws {
        let input = Tensor(shape: [2, 4], scalars: [-0.00012, 3, 7, 1, 1e-3, -2.5, 1.5, -0.00004])
        let pool = Pool2D(op: .min, size: Pair2(2))
        let trace = try pool.forward(input)
        let backward = try pool.backward(trace, upstream: Tensor(shape: [1, 2], scalars: [0.00003, 1]))

        let overview = try texts(PoolingFigures.overview(trace))
        for value in ["−0.00012", "0.001", "−2.5", "−0.00004"] { #expect(overview.contains(value), "overview: \(value) in \(overview)") }
        let step = try texts(PoolingFigures.frames(trace)[1])
        #expect(step.contains("y[1,2] = min(7, 1, 1.5, −0.00004) = −0.00004, from x[2,4]"), "\(step)")
        let back = try texts(PoolingFigures.backwardOverview(trace, backward))
        #expect(back.filter { $0 == "0.00003" }.count >= 2, "upstream and ∂L/∂x: \(back)")
        #expect(PoolingFigures.frames(trace)[1].description.hasSuffix("gives y[1,2] = −0.00004, the element at x[2,4]."))
    }
}

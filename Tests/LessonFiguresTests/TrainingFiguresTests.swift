import LessonTestSupport
import Foundation
import LessonCore
import LessonFigures
import Testing

/// The optimizer comparison and the gradient-descent figures: trajectories where the trace
/// puts them, a legend and log-scale ticks in the text layer.
@Suite struct TrainingFiguresTests {
    static func valleyTraces(steps: Int = 10) throws -> ([OptimizerTrace], SurfaceGrid) {
        let surface = try LossSurface(named: "valley")
        let settings = try OptimizerSettings(learningRate: 0.04)
        let traces = try [OptimizerKind.sgd, .adam].map {
            try Optimizer.run($0, settings: settings, surface: surface, start: Point2(-4, 1.5), steps: steps)
        }
        let window = NamedSurface.valley.window
        return (traces, surface.grid(x: window.x, y: window.y, columns: 61, rows: 51))
    }

    @Test func trajectoriesAreDrawnWhereTheTracePutsThem() throws {
        let (traces, grid) = try Self.valleyTraces()
        let figures = OptimizerFigures.figures(traces, grid: grid, surface: "x^2 + 10*y^2")
        #expect(figures.map(\.name) == ["comparison"] + (1...10).map { Figure.stepName($0 - 1, of: 10) })
        let image = try PNGCodec.decode(try FigureRenderer.render(figures[0], options: RenderOptions()))
        let plot = ContourPlot(frame: OptimizerFigures.contourFrame, grid: grid)
        // The middle of SGD's first step, (−4, 1.5) → (−3.68, 0.3), is SGD's colour.
        let a = traces[0].points[0], b = traces[0].points[1]
        let mid = plot.point((a.x + b.x) / 2, (a.y + b.y) / 2)
        #expect(close(rgb(image, mid.0, mid.1), channels(OptimizerFigures.color(.sgd)), tolerance: 3), "SGD at \(mid): \(String(rgb(image, mid.0, mid.1), radix: 16))")
        // Adam's last point is a filled dot of Adam's colour.
        let end = try #require(traces[1].points.last)
        let page = plot.point(end.x, end.y)
        #expect(close(rgb(image, page.0, page.1), channels(OptimizerFigures.color(.adam)), tolerance: 3))
        // A corner of the plot far from every path is the plain cell fill.
        let f = OptimizerFigures.contourFrame
        #expect(rgb(image, f.x + f.width - 4, f.y + f.height - 4) == 0xFFFFFF)
        // Frame 1 shows only the first step: SGD's second step is not drawn yet.
        let first = try PNGCodec.decode(try FigureRenderer.render(figures[1], options: RenderOptions()))
        let c = traces[0].points[2]
        let second = plot.point((b.x + c.x) / 2, (b.y + c.y) / 2)
        #expect(!close(rgb(first, second.0, second.1), channels(OptimizerFigures.color(.sgd)), tolerance: 30))
        #expect(close(rgb(image, second.0, second.1), channels(OptimizerFigures.color(.sgd)), tolerance: 3))
    }

    @Test func svgCarriesLegendAndLogTicks() throws {
        let (traces, grid) = try Self.valleyTraces()
        let figure = OptimizerFigures.figures(traces, grid: grid, surface: "x^2 + 10*y^2")[0]
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        let texts = SVGText.texts(in: svg)
        for expected in ["SGD", "Adam", "J (log scale)", "10¹", "step", "x", "y"] {
            #expect(texts.contains(expected), "SVG lacks \(expected): \(texts)")
        }
        #expect(texts.contains { $0.hasPrefix("J = x² + 10y²: 10 steps from (−4, 1.5), α = 0.04") })
    }

    @Test func gradientDescentComparisonHasEveryMethod() throws {
        let data = try RegressionData(x: [1, 2, 3, 4], y: [2, 4, 5, 8])
        let descent = try GradientDescent(data: data, model: .throughOrigin, learningRate: 0.05, initial: [0], epochs: 3,
                                          miniBatchSize: 2, shuffleSeed: nil)
        let figure = DescentFigures.comparison(try DescentMethod.allCases.map { try descent.run($0) }, optimum: 1.9)
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        let texts = SVGText.texts(in: svg)
        for expected in ["gd", "sgd", "mini-batch", "θ∗ = 1.9", "J (log scale)", "updates per epoch: gd 1, sgd 4, mini-batch 2"] {
            #expect(texts.contains(expected), "SVG lacks \(expected)")
        }
    }
}

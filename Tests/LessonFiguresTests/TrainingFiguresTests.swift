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

    /// From (1, 1) on x² + 10y² every path leaves the top-right corner, where the legend was
    /// drawn and hid the start: the legend goes to the first corner that hides no path (here
    /// top left) in every frame, and the start ring shows.
    @Test func theLegendLeavesEveryStartAndPathInView() throws {
        let surface = try LossSurface(expression: "x^2 + 10*y^2")
        let settings = try OptimizerSettings(learningRate: 0.01)
        let traces = try OptimizerKind.allCases.map {
            try Optimizer.run($0, settings: settings, surface: surface, start: Point2(1, 1), steps: 12)
        }
        let xs = traces.flatMap(\.points).map(\.x), ys = traces.flatMap(\.points).map(\.y)
        let grid = surface.grid(x: (xs.min()! - 0.5)...(xs.max()! + 0.5), y: (ys.min()! - 0.5)...(ys.max()! + 0.5), columns: 61, rows: 51)
        let figures = OptimizerFigures.figures(traces, grid: grid, surface: "x^2 + 10*y^2")
        let plot = ContourPlot(frame: OptimizerFigures.contourFrame, grid: grid)
        let start = plot.point(1, 1), f = OptimizerFigures.contourFrame
        for figure in [figures[1], figures[figures.count - 1]] {
            let runs = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText
            let sgd = try #require(runs.first { $0.text == "SGD" })
            #expect(sgd.x < f.x + f.width / 2, "\(figure.name): the legend is not on the left (SGD at x \(sgd.x))")
            // The right of the start ring is Adam's colour (the last ring drawn), not the legend's white.
            let image = try PNGCodec.decode(try FigureRenderer.render(figure, options: RenderOptions()))
            #expect(close(rgb(image, start.0 + 7, start.1), channels(OptimizerFigures.color(.adam)), tolerance: 40),
                    "\(figure.name): the start ring at \(start) reads \(String(rgb(image, start.0 + 7, start.1), radix: 16))")
        }
        // Where no path reaches the top right, the legend stays there (the valley comparison).
        let (valley, valleyGrid) = try Self.valleyTraces()
        let comparison = OptimizerFigures.figures(valley, grid: valleyGrid, surface: "x^2 + 10*y^2")[0]
        let runs = try FigureRenderer.surface(for: comparison, options: RenderOptions(format: .svg)).drawnText
        #expect(try #require(runs.first { $0.text == "SGD" }).x > f.x + f.width / 2)
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

    /// A diverging run (α = 0.3 on the lesson's data, 12 epochs: θ reaches −2·10¹⁶, J 10³³):
    /// θ's tick numbers are written m·10ᵏ and stay on the slide, and J's log axis starts at or
    /// below every curve's start, so GD's and mini-batch's climb shows instead of lying on the
    /// bottom edge.
    @Test func aDivergingRunKeepsItsTicksOnTheSlideAndEveryCurveInView() throws {
        let data = try RegressionData(x: [1, 2, 3, 4], y: [2, 4, 5, 8])
        let descent = try GradientDescent(data: data, model: .throughOrigin, learningRate: 0.3, initial: [0], epochs: 12,
                                          miniBatchSize: 2, shuffleSeed: nil)
        let traces = try DescentMethod.allCases.map { try descent.run($0) }
        let figure = DescentFigures.comparison(traces, optimum: 1.9)
        let runs = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText
        for run in runs {
            #expect(run.x >= 0 && run.x + run.width <= figure.width, "'\(run.text)' runs off the slide at x \(Int(run.x))…\(Int(run.x + run.width))")
        }
        #expect(runs.contains { $0.text.contains("·10¹⁶") }, "\(runs.map(\.text))")
        let losses = traces.map { trace in
            LossCurvePlot.Curve(label: trace.method.rawValue, points: trace.losses.enumerated().map { (Double($0.offset), $0.element) },
                                color: DescentFigures.color(trace.method))
        }
        let plot = LossCurvePlot(frame: DescentFigures.lossFrame, curves: losses, xLabel: "epoch")
        let firstLoss = try #require(traces.map { $0.losses[0] }.min())
        #expect(plot.logarithmic && plot.yRange.upperBound >= 33 && pow(10, plot.yRange.lowerBound) <= firstLoss, "\(plot.yRange), first J \(firstLoss)")
        // A converging run shows every decade it reaches: 10² down to 10⁻³⁰, none clipped.
        let falling: [(x: Double, y: Double)] = (0...32).map { k in (Double(k), pow(10, 2 - Double(k))) }
        let converging = LossCurvePlot(frame: DescentFigures.lossFrame, curves: [LossCurvePlot.Curve(label: "a", points: falling, color: DescentFigures.color(.gd))],
                                       xLabel: "step")
        #expect(converging.yRange == -30...2)
    }

    /// α = 0.2 for 15 epochs: GD and SGD diverge to 10²³ while mini-batch settles under 10¹. The
    /// log axis used to start at 10¹ (12 decades under the top, not under a curve's start), so
    /// mini-batch's curve lay clipped on the bottom edge; every loss is now inside the axis and the
    /// lowest tick label is at or under the smallest loss's decade.
    @Test func theLossAxisHoldsEveryPlottedValue() throws {
        let data = try RegressionData(x: [1, 2, 3, 4], y: [2, 4, 5, 8])
        let descent = try GradientDescent(data: data, model: .throughOrigin, learningRate: 0.2, initial: [0], epochs: 15,
                                          miniBatchSize: 2, shuffleSeed: nil)
        let traces = try DescentMethod.allCases.map { try descent.run($0) }
        let losses = traces.map { trace in
            LossCurvePlot.Curve(label: trace.method.rawValue, points: trace.losses.enumerated().map { (Double($0.offset), $0.element) },
                                color: DescentFigures.color(trace.method))
        }
        let plot = LossCurvePlot(frame: DescentFigures.lossFrame, curves: losses, xLabel: "epoch")
        let values = traces.flatMap(\.losses).filter(\.isFinite)
        let smallest = try #require(values.min())
        #expect(plot.logarithmic)
        for value in values { #expect(plot.yRange.contains(log10(value)), "J = \(value) outside 10^\(plot.yRange)") }
        let svg = String(decoding: try FigureRenderer.render(DescentFigures.comparison(traces, optimum: 1.9),
                                                             options: RenderOptions(format: .svg)), as: UTF8.self)
        let superscripts: [Character: Character] = ["⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6",
                                                    "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-"]
        let exponents = SVGText.texts(in: svg).compactMap { text -> Int? in
            guard text.hasPrefix("10"), text.count > 2 else { return nil }
            let power = text.dropFirst(2)
            guard power.allSatisfy({ superscripts[$0] != nil }) else { return nil }
            return Int(String(power.map { superscripts[$0]! }))
        }
        let lowest = try #require(exponents.min(), "no log tick labels in \(SVGText.texts(in: svg))")
        #expect(Double(lowest) <= floor(log10(smallest)), "lowest tick 10^\(lowest), smallest J \(smallest)")
    }

    @Test func tickNumbersHaveTheDecimalsTheirStepNeedsAndPowersOfTenWhenHuge() {
        #expect(FunctionPlot.tickLabels([0, 2.5, 5, 7.5, 10]) == ["0", "2.5", "5", "7.5", "10"])
        #expect(FunctionPlot.tickLabels([1.9, 1.9002, 1.9004]) == ["1.9", "1.9002", "1.9004"])
        #expect(FunctionPlot.tickLabels([0, 0.025, 0.05]) == ["0", "0.025", "0.05"])
        #expect(FunctionPlot.tickLabels([-2e16, -1e16, 0]) == ["−2·10¹⁶", "−1·10¹⁶", "0"])
        #expect(FunctionPlot.tickLabels([0, 2.5e6, 5e6]) == ["0", "2.5·10⁶", "5·10⁶"])
        #expect(FunctionPlot.tickLabels([0, 2e-4, 4e-4]) == ["0", "2·10⁻⁴", "4·10⁻⁴"])
        #expect(FunctionPlot.tickLabels([-1, 0, 1]) == ["−1", "0", "1"])
        // The rnn and lstm boxes write small values the same way (not "−4.7e-03").
        #expect(Typography.scientific(-0.0047, decimals: 1) == "−4.7·10⁻³")
        #expect(Typography.scientific(0.00996, decimals: 1) == "1·10⁻²")
        #expect(Typography.scientific(2.5e-12, decimals: 2) == "2.5·10⁻¹²")
    }
}

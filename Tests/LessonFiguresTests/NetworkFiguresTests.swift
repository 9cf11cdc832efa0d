import Testing
import LessonCore
@testable import LessonFigures

@Suite struct NetworkFiguresTests {
    static func example() throws -> (ForwardTrace, BackwardTrace) {
        let network = try Network(layers: [
            Layer(weights: Tensor(rows: [[0.1, -0.2], [0.4, 0.3]]), bias: [0, 0.1], activation: .tanh),
            Layer(weights: Tensor(rows: [[0.5, -0.6]]), bias: [0.2], activation: .linear),
        ], loss: .mse)
        let forward = try network.forward([0.5, -1])
        return (forward, try network.backward(forward, target: [1]))
    }

    /// Forward: hidden units are filled with the `current` role, the output unit with `done`;
    /// backward: every unit with `highlight`. Pixels just inside each box's top-left corner.
    @Test(arguments: ["light", "dark"])
    func unitsAreFilledByRole(themeName: String) throws {
        let theme = try #require(Theme.named(themeName))
        let (forward, backward) = try Self.example()
        let layout = NetworkFigures.layout(sizes: [2, 2, 1])
        let inside = { (c: (x: Double, y: Double)) in (c.x - layout.boxWidth / 2 + 6, c.y - layout.boxHeight / 2 + 6) }
        let options = RenderOptions(theme: theme)
        let forwardSurface = try FigureRenderer.surface(for: NetworkFigures.forward(forward, loss: backward.loss, title: "t"), options: options)
        let hidden = inside(layout.centers[1][0]), output = inside(layout.centers[2][0])
        #expect(near(pixel(forwardSurface, hidden.0, hidden.1), blend(theme.current, 0.16, over: theme.background)))
        #expect(near(pixel(forwardSurface, output.0, output.1), blend(theme.done, min(1, 0.22 * theme.doneStrength), over: theme.background)))
        let backwardSurface = try FigureRenderer.surface(for: NetworkFigures.backward(forward, backward, title: "t"), options: options)
        for column in 1...2 {
            let p = inside(layout.centers[column][0])
            #expect(near(pixel(backwardSurface, p.0, p.1), blend(theme.highlight, 0.22, over: theme.background)), "column \(column)")
        }
        // Between the columns, away from every edge, the background shows.
        #expect(near(pixel(backwardSurface, (layout.centers[0][0].x + layout.centers[1][0].x) / 2, 690), blend(theme.background, 1, over: theme.background)))
    }

    @Test func layerFramesOnePerLayer() throws {
        let (forward, backward) = try Self.example()
        let frames = NetworkFigures.layerFrames(forward, backward, title: "t")
        #expect(frames.map(\.name) == ["backward-layer-1", "backward-layer-2"])
        for frame in frames { _ = try FigureRenderer.render(frame, options: RenderOptions()) }
    }

    /// The graph figure: the input x in the `current` role, the output J in `done`.
    @Test func graphNodesAreFilledByRole() throws {
        let graph = ComputationGraph(try ExpressionParser.parse("cos(sin(x^2) + 3x^2)"))
        let backward = graph.backward(try graph.forward(at: ["x": 1]))
        let layout = GraphFigures.layout(for: graph)
        let surface = try FigureRenderer.surface(for: GraphFigures.graph(backward, expression: "cos(sin(x^2) + 3x^2)"), options: RenderOptions())
        let theme = Theme.light
        let x = layout.centers[0], j = layout.centers[graph.output]
        #expect(near(pixel(surface, x.x - layout.boxWidth / 2 + 5, x.y - layout.boxHeight / 2 + 5), blend(theme.current, 0.16, over: theme.background)))
        #expect(near(pixel(surface, j.x - layout.boxWidth / 2 + 5, j.y - layout.boxHeight / 2 + 5), blend(theme.done, 0.18, over: theme.background)))
        #expect(x.x < j.x, "inputs on the left, the output on the right")
    }

    /// The σ plot passes through (0, ½) in the `positive` colour; the axis line y = 0 is drawn.
    @Test func sigmoidCurvePassesThroughOneHalf() throws {
        let samples = Activation.sigmoid.samples(from: -4, to: 4)
        let plot = ActivationFigures.plot(for: samples)
        let surface = try FigureRenderer.surface(for: ActivationFigures.single(samples), options: RenderOptions())
        let (px, py) = plot.point(0.0 + 0.3, Activation.sigmoid.value(0.3))
        #expect(near(pixel(surface, px, py), blend(Theme.light.positive, 1, over: Theme.light.background), tolerance: 40))
        let (ax, ay) = plot.point(-3, 0.6)
        #expect(near(pixel(surface, ax, ay), blend(Theme.light.cellFill, 1, over: Theme.light.background)), "empty plot area")
    }

    @Test func ticksAreRoundNumbers() {
        #expect(FunctionPlot.ticks(-4...4) == [-4, -2, 0, 2, 4])
        #expect(FunctionPlot.ticks(-0.5...1.5, count: 5) == [-0.5, 0, 0.5, 1, 1.5])
    }
}

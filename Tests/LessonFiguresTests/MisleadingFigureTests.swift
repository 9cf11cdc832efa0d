import LessonCore
import LessonFigures
import Testing

/// Figures that used to mislead (issue 17), each checked on its pixels.
@Suite struct MisleadingFigureTests {
    /// ReLU′ jumps from 0 to 1 at z = 0: no vertical orange line may join the two sides, while
    /// both sides are drawn (orange on y = 0 left of the jump, on y = 1 right of it).
    @Test func reluDerivativeHasNoVerticalSegmentAtZero() throws {
        let samples = Activation.relu.samples(from: -4, to: 4)
        let plot = ActivationFigures.plot(for: samples)
        let surface = try FigureRenderer.surface(for: ActivationFigures.single(samples), options: RenderOptions())
        let orange = Theme.light.highlight
        func isOrange(_ x: Double, _ y: Double) -> Bool {
            let p = ConvFigurePixelTests.pixel(surface, x, y)
            return abs(p.r - Int(orange.red * 255)) < 40 && abs(p.g - Int(orange.green * 255)) < 40 && abs(p.b - Int(orange.blue * 255)) < 60
        }
        let (x0, yLow) = plot.point(0, 0), (_, yHigh) = plot.point(0, 1)
        // The column at z = 0 and one pixel either side, between y = 0.15 and y = 0.85.
        let top = min(yLow, yHigh), bottom = max(yLow, yHigh), span = bottom - top
        var y = top + span * 0.15
        while y < top + span * 0.85 {
            for dx in [-1.0, 0, 1] { #expect(!isOrange(x0 + dx, y), "orange at (\(x0 + dx), \(y)): a vertical segment at z = 0") }
            y += 2
        }
        // Both sides are drawn (dashed: look along a short stretch for an orange pixel).
        let left = stride(from: -2.0, to: -1.0, by: 0.02).contains { z in let p = plot.point(z, 0); return isOrange(p.0, p.1) }
        let right = stride(from: 1.0, to: 2.0, by: 0.02).contains { z in let p = plot.point(z, 1); return isOrange(p.0, p.1) }
        #expect(left && right)
    }

    /// A true convolution draws the kernel already rotated; the operator beside it is ⋆, so the
    /// figure does not read as rotating twice ("∗" beside "kernel (rotated 180°)").
    @Test func trueConvolutionDoesNotFlipTwice() throws {
        let input = try MatrixLiteral.parse("1 0 3 0 2; 0 3 4 0 2; 1 0 2 0 1; 8 12 0 1 0; 0 6 3 2 0")
        let kernel = try MatrixLiteral.parse("1 -1 0; 0 2 -2; -1 0 2")
        let trace = try Conv2D(kernel: kernel, padding: Pair2(1), mode: .convolution).forward(input)
        for figure in ConvolutionFigures.frames(trace).prefix(1) + [ConvolutionFigures.overview(trace)] {
            let texts = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText.map(\.text)
            #expect(texts.contains("⋆") && !texts.contains("∗"), "\(figure.name): \(texts)")
            #expect(texts.contains("kernel, already rotated 180°"))
        }
    }

    /// ASCII math is typeset on figures: x², 2θ, e⁻ᶻ instead of x^2, 2*theta, e^(−z).
    @Test func asciiMathIsTypeset() throws {
        #expect(Typography.typeset("cos(sin(x^2) + 3x^2)") == "cos(sin(x²) + 3x²)")
        #expect(Typography.typeset("log(sigmoid(2*theta)) at theta = 0.5") == "log(sigmoid(2θ)) at θ = 0.5")
        #expect(Typography.typeset("σ(z) = 1/(1 + e^(−z))") == "σ(z) = 1/(1 + e⁻ᶻ)")
        #expect(Typography.typeset("tanh(z) = (e^(2z) − 1)/(e^(2z) + 1)") == "tanh(z) = (e²ᶻ − 1)/(e²ᶻ + 1)")
        #expect(Typography.typeset("a*b, x^(q), 2^, thetas") == "a·b, x^(q), 2^, thetas", "no superscript q: left as written")
        let samples = Activation.sigmoid.samples(from: -4, to: 4)
        let texts = try FigureRenderer.surface(for: ActivationFigures.single(samples), options: RenderOptions(format: .svg)).drawnText.map(\.text)
        #expect(texts.contains { $0.contains("1/(1 + e⁻ᶻ)") } && !texts.contains { $0.contains("^") }, "\(texts)")
    }

    /// conv2d-backward ∂L/∂x: the kernel is drawn rotated 180°, as the full convolution slides
    /// it; the weight that met x[1,1] (w[1,1]) is highlighted in the rotated kernel's last cell.
    @Test func inputGradientFramesShowTheRotatedKernel() throws {
        let input = try MatrixLiteral.parse("1 2 0; 0 1 3; 2 2 1")
        let kernel = try MatrixLiteral.parse("1 2; 3 4")
        let conv = Conv2D(kernel: kernel)
        let forward = try conv.forward(input)
        let trace = try conv.backward(forward, upstream: try MatrixLiteral.parse("1 -1; 2 0.5"))
        let frame = try #require(ConvolutionBackwardFigures.inputFrames(trace, title: "t").first)
        let surface = try FigureRenderer.surface(for: frame, options: RenderOptions())
        let grids = RowLayout.grids(for: [trace.upstream.shape, forward.appliedKernel.shape, trace.gradInput.shape])
        let theme = Theme.light
        let lit = channels(theme.highlight.withAlpha(0.30).composited(over: theme.cellFill))
        for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            let rect = grids[1].cellRect(r, c)
            let p = ConvFigurePixelTests.pixel(surface, rect.x + 6, rect.y + 6)
            let value = UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b)
            #expect(close(value, (r, c) == (1, 1) ? lit : channels(theme.cellFill), tolerance: 3), "kernel cell (\(r),\(c)): \(p)")
        }
        let svg = try FigureRenderer.surface(for: frame, options: RenderOptions(format: .svg)).drawnText
        let inKernel = svg.filter { $0.x > grids[1].x && $0.x < grids[1].x + grids[1].width && $0.y > grids[1].y && $0.y < grids[1].y + grids[1].height }
        #expect(inKernel.map(\.text) == ["4", "3", "2", "1"], "the kernel rotated 180°")
        #expect(svg.contains { $0.text == "w rotated 180°" })
    }

    /// cnn forward dense frame: the sum under the figure uses its letters s, W, f, c, not the
    /// network engine's z⁽¹⁾, x, b.
    @Test func cnnDenseFrameSpeaksItsOwnNotation() throws {
        let (forward, backward) = try CNNFiguresTests.traces()
        let figure = try #require(CNNFigures.figures(forward, backward).first { $0.name == "forward-5-dense" })
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg))
        let sum = try #require(surface.captionLines.first)
        #expect(sum.hasPrefix("s₁ = W₁₁f₁ + W₁₂f₂"), "\(sum)")
        #expect(!surface.drawnText.contains { $0.text.contains("z⁽¹⁾") || $0.text.contains("b⁽¹⁾") || $0.text.contains("x₁") })
    }

    /// pooling backward overview: every route starts on its own source cell of ∂L/∂y (a dot of
    /// the route's colour inside that cell), not at the grid's right-hand column.
    @Test func poolingRoutesLeaveTheirOwnSourceCells() throws {
        let pool = Pool2D(op: .max, size: Pair2(2))
        let input = try MatrixLiteral.parse("3 0 1 0 2 4; 0 1 8 12 0 0; 4 0 0 3 2 2; 2 0 1 0 1 1; 3 2 0 6 0 5; 1 0 6 0 0 9")
        let trace = try pool.forward(input)
        let backward = try pool.backward(trace, upstream: Tensor(rows: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
        let overview = PoolingFigures.backwardOverview(trace, backward)
        let image = try PNGCodec.decode(try FigureRenderer.render(overview, options: RenderOptions()))
        let grid = PoolingFigures.backwardLayout(for: backward).upstream
        let colors: [Color] = [Palette.orange, Palette.blue, Palette.bluishGreen, Palette.vermillion, Palette.reddishPurple, Palette.skyBlue]
        for r in 0..<3 {
            for c in 0..<3 {
                let center = grid.cellCenter(r, c)
                let dot = (center.0 + grid.cellSize * 0.3, center.1 - grid.cellSize * 0.3)
                let expected = channels(colors[(r * 3 + c) % colors.count])
                #expect(close(rgb(image, dot.0, dot.1), expected, tolerance: 3), "the route of ∂L/∂y[\(r + 1),\(c + 1)] starts in its cell")
            }
        }
    }
}

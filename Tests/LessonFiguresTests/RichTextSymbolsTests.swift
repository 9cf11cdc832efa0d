import LessonTestSupport
import LessonFigures
import Testing

/// Plain figure text typesets the subscripts of one-letter symbols (`δ_f`, `C_in`) smaller and
/// lower in PNG, SVG and PDF, leaves names with `_` alone, and draws ⋆ as large as ∗.
@Suite struct RichTextSymbolsTests {
    private func svg(_ figure: Figure) throws -> String {
        String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
    }

    /// Text drawn with `canvas.text` at `size` on a small figure.
    private func figure(_ text: String, size: Double = 24, width: Double = 600) -> Figure {
        Figure(name: "symbols", description: text, width: width, height: 120) { canvas in
            canvas.text(text, x: width / 2, y: 60, size: size, canvas.theme.foreground)
        }
    }

    @Test(arguments: [
        ("δ_f = 0.5", [RichText.Run("δ"), RichText.Run("f", .subscripted), RichText.Run(" = 0.5")]),
        ("K × H_out × W_out", [RichText.Run("K × H"), RichText.Run("out", .subscripted), RichText.Run(" × W"),
                               RichText.Run("out", .subscripted)]),
        ("C_in·k·k", [RichText.Run("C"), RichText.Run("in", .subscripted), RichText.Run("·k·k")]),
        ("copy of y_j laid out", [RichText.Run("copy of y"), RichText.Run("j", .subscripted), RichText.Run(" laid out")]),
        ("W_{ij} + ŷ_t", [RichText.Run("W"), RichText.Run("ij", .subscripted), RichText.Run(" + ŷ"), RichText.Run("t", .subscripted)]),
        ("x_1²", [RichText.Run("x"), RichText.Run("1", .subscripted), RichText.Run("²")]),
    ])
    func aOneLetterSymbolTakesASubscript(_ text: String, _ runs: [RichText.Run]) {
        #expect(RichText.symbols(in: text)?.runs == runs, "\(text)")
    }

    @Test(arguments: ["output_padding 1", "global_avg_pool", "separable_conv2d(8,7,stride=2)", "a_", "x _ y", "z1_2", "no script", "Wᵀ_x"])
    func aNameOrALoneUnderscoreIsLeftAsItIs(_ text: String) {
        #expect(RichText.symbols(in: text) == nil, "\(text): \(String(describing: RichText.symbols(in: text)?.runs))")
    }

    /// One `<text>` per line, its subscript a `<tspan>` smaller than the line and lower; the PNG
    /// run and the PDF's text read the same characters.
    @Test func aSubscriptIsATspanSmallerAndLowerInEveryFormat() throws {
        let figure = figure("δ_f = 0.5, C_in")
        let runs = SVGText.runs(in: try svg(figure))
        #expect(runs.map(\.text) == ["δf = 0.5, Cin"])
        let spans = try #require(runs.first?.spans)
        #expect(spans.map(\.text) == ["δ", "f", " = 0.5, C", "in"])
        guard spans.count == 4 else { return }
        for script in [spans[1], spans[3]] {
            #expect(script.size < spans[0].size && script.y > spans[0].y, "\(script) is not smaller and lower than \(spans[0])")
        }
        #expect(spans[2].y == spans[0].y && spans[2].size == spans[0].size, "the text after a subscript is back on the baseline")
        #expect(spans[1].size >= 18, "a subscript of 24 px text keeps the 18 px floor: \(spans[1].size)")
        let png = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .png, scale: 2))
        #expect(png.drawnText.map(\.text) == ["δf = 0.5, Cin"])
        #expect(png.drawnText.first?.spans.map(\.size) == spans.map { $0.size * 2 }, "PNG pieces are the SVG's, scaled")
        let pdf = try PDFText.strings(in: try FigureRenderer.render(figure, options: RenderOptions(format: .pdf)))
        #expect(pdf.joined().filter { !$0.isWhitespace } == "δf=0.5,Cin")
    }

    /// Scripts are 0.68 of the text they follow but never under 18 px unless that text is.
    @Test(arguments: [(30.0, 20.4), (24.0, 18.0), (20.0, 18.0), (14.0, 14.0)])
    func aScriptKeepsTheProjectorFloor(_ size: Double, _ expected: Double) throws {
        let spans = try #require(SVGText.runs(in: try svg(figure("h_t", size: size))).first?.spans)
        #expect(spans.count == 2 && abs(spans[1].size - expected) < 0.01, "\(size) px: \(spans)")
    }

    /// The ink of a glyph drawn alone at `size` on a white figure: width and height in pixels.
    private func ink(_ glyph: String, size: Double = 80) throws -> (width: Int, height: Int, middle: Double) {
        let figure = Figure(name: "glyph", description: glyph, width: 200, height: 200) { canvas in
            canvas.text(glyph, x: 100, y: 100, size: size, canvas.theme.foreground)
        }
        let pixels = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .png)).pixels()
        var xs: [Int] = [], ys: [Int] = []
        for y in 0..<pixels.height {
            for x in 0..<pixels.width where (pixels.argb[y * pixels.width + x] & 0xFF) < 128 {
                xs.append(x)
                ys.append(y)
            }
        }
        guard let minX = xs.min(), let maxX = xs.max(), let minY = ys.min(), let maxY = ys.max() else { return (0, 0, 0) }
        return (maxX - minX + 1, maxY - minY + 1, Double(minY + maxY) / 2)
    }

    /// ⋆ reads as large as ∗ and ×: its ink is within a tenth of ∗'s width and height, centred
    /// on the same height, where the font alone draws it a third smaller.
    @Test func theStarIsAsLargeAsTheAsterisk() throws {
        let star = try ink("⋆"), asterisk = try ink("∗"), times = try ink("×")
        #expect(abs(Double(star.width - asterisk.width)) <= 0.1 * Double(asterisk.width), "⋆ \(star) vs ∗ \(asterisk)")
        #expect(abs(Double(star.height - asterisk.height)) <= 0.1 * Double(asterisk.height), "⋆ \(star) vs ∗ \(asterisk)")
        #expect(abs(star.middle - asterisk.middle) <= 2, "⋆ centred at \(star.middle), ∗ at \(asterisk.middle)")
        #expect(Double(star.width) >= 0.9 * Double(times.width), "⋆ \(star) vs × \(times)")
        // In the SVG the ⋆ is a tspan drawn larger than the line it stands in.
        let spans = try #require(SVGText.runs(in: try svg(figure("x ⋆ w ∗ v", size: 44))).first?.spans)
        #expect(spans.map(\.text) == ["x ", "⋆", " w ∗ v"])
        guard spans.count == 3 else { return }
        #expect(spans[1].size > 1.25 * spans[0].size, "⋆ at \(spans[1].size) px in 44 px text")
        #expect(spans[2].size == spans[0].size)
    }
}

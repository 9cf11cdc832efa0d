import LessonCore
import LessonTestSupport
import LessonFigures
import Testing

/// The subscript rule: only the lessons' own text is typeset. A name the user wrote (a file name,
/// an expression's variable, a model's layer word) is marked `Typography.literal` where a figure
/// draws it and comes out character for character in SVG, PNG and PDF, while the author's `δ_f`,
/// `C_in`, `W_{ij}` beside it still take subscripts.
@Suite struct LiteralTextTests {
    private func figure(_ text: String, rich: Bool = false) -> Figure {
        Figure(name: "literal", description: "literal text", width: 900, height: 120) { canvas in
            if rich {
                canvas.richText(text, x: 450, y: 60, size: 24, canvas.theme.foreground)
            } else {
                canvas.text(text, x: 450, y: 60, size: 24, canvas.theme.foreground)
            }
        }
    }

    private func runs(_ figure: Figure) throws -> [SVGText.Run] {
        SVGText.runs(in: String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self))
    }

    /// A user's `x_train` beside the author's symbols: the name is one piece on the baseline at the
    /// line's size, each symbol's script a smaller, lower piece.
    @Test func aUsersNameIsDrawnLiterallyBesideTypesetSymbols() throws {
        let text = "δ_f for " + Typography.literal("x_train") + ", C_in, W_{ij}"
        let figure = figure(text)
        let run = try #require(try runs(figure).first)
        #expect(run.text == "δf for x_train, Cin, Wij")
        let spans = run.spans
        let base = try #require(spans.first)
        let name = try #require(spans.first { $0.text.contains("x_train") }, "\(spans)")
        #expect(name.size == base.size && name.y == base.y, "x_train on the baseline at the line's size: \(name)")
        let scripts = spans.filter { ["f", "in", "ij"].contains($0.text) }
        #expect(scripts.map(\.text) == ["f", "in", "ij"], "\(spans)")
        #expect(scripts.allSatisfy { $0.size < base.size && $0.y > base.y }, "\(scripts)")
        // Without the mark the same name would be typeset: the check can tell the two apart.
        let unmarked = try #require(try runs(self.figure("for x_train")).first)
        #expect(unmarked.spans.contains { $0.text == "train" && $0.size < base.size })
        // PNG and PDF draw the same characters.
        let png = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .png))
        #expect(png.drawnText.map(\.text) == ["δf for x_train, Cin, Wij"])
        #expect(png.drawnText.first?.spans.first { $0.text.contains("x_train") }?.size == name.size)
        let pdf = try PDFText.strings(in: try FigureRenderer.render(figure, options: RenderOptions(format: .pdf)))
        #expect(pdf.joined().filter { !$0.isWhitespace } == "δfforx_train,Cin,Wij")
    }

    /// Nothing of a literal is typeset: no power, no Greek word, no centred dot, no true minus.
    @Test(arguments: ["x_train", "beta_2.png", "a^2*b", "theta-1", "my_layer_3", "δ_f"])
    func everyCharacterOfALiteralIsKept(_ name: String) throws {
        let run = try #require(try runs(figure("[" + Typography.literal(name) + "]")).first)
        #expect(run.text == "[" + name + "]")
        #expect(Set(run.spans.map(\.size)) == [24], "\(run.spans)")
        let rich = try #require(try runs(figure("v_1 " + Typography.literal(name), rich: true)).first)
        #expect(rich.text == "v1 " + name, "richText keeps the literal too")
        #expect(rich.spans.last?.text == " " + name || rich.spans.last?.text == name)
    }

    /// The marks are never drawn, and a mark inside the user's text cannot open or close anything.
    @Test func theMarksAreInvisible() throws {
        let sneaky = "a\u{E001}_b\u{E000}"
        let run = try #require(try runs(figure(Typography.literal(sneaky))).first)
        #expect(run.text == "a_b")
        #expect(!run.text.unicodeScalars.contains { $0.value == 0xE000 || $0.value == 0xE001 })
    }

    /// A user's expression `x_train*w + theta`: every `x_train` the graph figure writes (title,
    /// node, edge labels, caption) is drawn as written, and `theta` as θ (the one documented rule
    /// for names: a Greek letter's name is the letter).
    @Test func anExpressionsVariablesAreDrawnAsWritten() throws {
        let expression = "x_train*w + theta"
        let graph = ComputationGraph(try ExpressionParser.parse(expression))
        let backward = graph.backward(try graph.forward(at: ["x_train": 2, "w": 3, "theta": 1]))
        let runs = try runs(GraphFigures.graph(backward, expression: expression))
        let named = runs.filter { $0.text.contains("x_train") }
        #expect(named.count >= 4, "title, node, its gradient, caption: \(runs.map(\.text))")
        #expect(!runs.contains { $0.text.contains("xtrain") }, "no x with subscript train: \(runs.map(\.text))")
        #expect(named.allSatisfy { run in run.spans.filter { $0.text.contains("x_train") }.allSatisfy { $0.size == run.spans[0].size } })
        #expect(runs.contains { $0.text.hasPrefix("Computation graph of J = x_train·w + θ") }, "\(runs.map(\.text))")
    }

    /// image-filters' input label names the user's file as written.
    @Test func aFileNameIsDrawnAsWritten() throws {
        let trace = try ImageFilter(kernel: try ImageKernel.named("edge")).apply(Tensor(shape: [12, 12], repeating: 30))
        let runs = try runs(ImageFilterFigures.figures(trace, imageName: "x_train_1.png")[0])
        let label = try #require(runs.first { $0.text.hasPrefix("input: ") }, "\(runs.map(\.text))")
        #expect(label.text == "input: x_train_1.png (12×12 pixels)")
        #expect(Set(label.spans.map(\.size)).count == 1, "no piece smaller than the label: \(label.spans)")
    }
}

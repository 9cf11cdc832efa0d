import LessonCore
import LessonFigures
import Testing

/// The computation graph of an expression the user types: an edge's label is placed along its
/// edge where it covers no node's text, even when the edge crosses a column of other nodes.
@Suite struct GraphFigureTests {
    /// Texts as drawn, from just above their capitals to just under their descenders.
    static func box(_ run: DrawnText) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        (run.x...(run.x + run.width), (run.y - 0.91 * run.size)...(run.y + 0.19 * run.size))
    }

    @Test(arguments: ["x*y + sin(x)/y + exp(-x*y)", "x*y*z + x/z + log(y)", "cos(sin(x^2) + 3x^2)"])
    func edgeLabelsCoverNoNodeText(_ expression: String) throws {
        let graph = ComputationGraph(try ExpressionParser.parse(expression))
        let inputs = Dictionary(uniqueKeysWithValues: graph.nodes.filter { $0.operation == .variable }.enumerated().map { ($0.element.name, Double($0.offset) + 1.5) })
        let backward = graph.backward(try graph.forward(at: inputs))
        let runs = try FigureRenderer.surface(for: GraphFigures.graph(backward, expression: expression), options: RenderOptions(format: .svg)).drawnText
        // An edge's label is its derivative's name ("∂v₄/∂v₁", "∂J/∂v₄") over "= value"; a node's
        // gradient line has its "=" ("∂J/∂v₁ = 1").
        let labels = runs.filter { $0.text.hasPrefix("∂") && !$0.text.contains("=") }
        let nodeTexts = runs.filter { $0.text.hasPrefix("value") || ($0.text.hasPrefix("∂J/∂") && $0.text.contains("=")) }
        #expect(labels.count == backward.steps.count, "\(labels.map(\.text))")
        for label in labels {
            let a = Self.box(label)
            for text in nodeTexts {
                let b = Self.box(text)
                #expect(!(a.x.overlaps(b.x) && a.y.overlaps(b.y)), "\(expression): '\(label.text)' covers '\(text.text)'")
            }
        }
    }
}

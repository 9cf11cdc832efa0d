import LessonCore

/// A threshold unit's decision line over its truth table: points coloured by class, the line
/// w₀ + w₁a₁ + w₂a₂ = 0 and the side where the unit outputs 1.
public enum PerceptronFigures {
    /// The plot the figure draws on at text scale 1 (larger text shortens it); public so tests can find the points.
    public static let plot = FunctionPlot(frame: (390, 110, 500, 470), xRange: -0.5...1.5, yRange: -0.5...1.5,
                                          xLabel: "a₁", yLabel: "a₂")

    /// The figure for `check` (a unit checked against a two-input table); `name` is the gate.
    public static func boundary(name: String, check: TruthTableCheck, line: [(x: Double, y: Double)]?, note: String) -> Figure {
        let w = check.weights.map { Notation.number($0) }.joined(separator: ", ")
        let description = "\(name): the four inputs (filled where the table says 1) and the line w₀ + w₁a₁ + w₂a₂ = 0 for w = (\(w)); \(note)."
        let file = "boundary-" + name.lowercased().replacingOccurrences(of: ", ", with: "-").replacingOccurrences(of: " ", with: "-")
        return Figure(name: file, description: description) { canvas in
            let theme = canvas.theme
            Caption.title("\(name) with a threshold unit, w = (\(w))", on: canvas, width: 1280)
            let caption = [note, "filled: the table says 1; outlined: 0; a red ring marks a row the unit gets wrong"]
            // The plot ends above its axis name and the caption, as large as text is drawn (at
            // text scale 1 it keeps its frame).
            var plot = plot
            plot.frame.height = min(plot.frame.height, Caption.top(of: caption, on: canvas, width: 1280, bottom: 720 - 40, size: 20)
                                        - 4 - 50 * canvas.textScale - plot.frame.y)
            var series: [FunctionPlot.Series] = []
            if let line { series.append(.init(label: "w₀ + w₁a₁ + w₂a₂ = 0", points: line, color: theme.highlight)) }
            plot.draw(series, on: canvas)
            for row in check.lines {
                let p = plot.point(row.inputs[0], row.inputs[1])
                let isOne = row.expected >= 0.5
                canvas.circle(center: p, radius: 16, fill: isOne ? theme.done : theme.cellFill,
                              stroke: row.holds ? (isOne ? theme.done : theme.foreground) : theme.negative, lineWidth: row.holds ? 3 : 5)
                canvas.text("\(Notation.number(row.expected))", x: p.0 + 30, y: p.1 - 22, size: 18, theme.foreground, weight: .bold)
            }
            Caption.lines(caption, on: canvas, width: 1280, bottom: 720 - 40, size: 20, color: theme.muted)
        }
    }
}

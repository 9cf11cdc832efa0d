import LessonCore
import LessonFigures

/// The figure of a matrix answer with wrong cells: the student's matrix, each wrong cell
/// filled in the theme's `negative` colour and outlined (with the expected value as a note
/// unless answers are hidden), the first wrong cell outlined in `current`, and its
/// step-by-step as the caption. It only reads the grading result.
public enum WrongCellsFigure {
    /// Where the grid sits on a `width` × `height` figure; public so tests can find the cells.
    public static func grid(for shape: [Int], width: Double = 1280, height: Double = 720) -> Grid {
        let rows = shape.count == 1 ? 1 : shape[0]
        let columns = shape.count == 1 ? shape[0] : shape[1]
        // A vector (one count per layer, one δ per unit) gets wider cells: its numbers are longer.
        let cell = min(shape.count == 1 ? 150 : 96, (width - 160) / Double(columns), (height - 300) / Double(rows))
        let gridWidth = cell * Double(columns), gridHeight = cell * Double(rows)
        return Grid(rows: rows, columns: columns, x: (width - gridWidth) / 2, y: 130 + (height - 300 - gridHeight) / 2,
                    cellSize: cell)
    }

    /// The figure for `detail`, named after the question.
    public static func figure(_ detail: MatrixDetail, student: String, question: String, showExpected: Bool) -> Figure {
        let grid = grid(for: detail.given.shape)
        let wrong = Set(detail.wrong)
        let total = detail.expected.count
        let description = "The matrix \(student) gave for question \(question): \(detail.wrong.count) of \(Counted.of(total, "cell")) wrong, marked."
        return Figure(name: question, description: description) { canvas in
            let theme = canvas.theme
            Caption.title("\(student) · question \(question): \(total - detail.wrong.count) of \(Counted.of(total, "cell")) right",
                          on: canvas, width: 1280)
            let columns = grid.columns
            grid.draw(on: canvas, label: "your answer (wrong cells marked" + (showExpected ? ", expected value in the corner)" : ")")) { r, c in
                let index = r * columns + c
                let text = Notation.number(detail.given.scalars[index])
                if wrong.contains(index) {
                    return CellStyle(fill: theme.negative.withAlpha(0.30), text: text,
                                     note: showExpected ? "→ " + Notation.number(detail.expected.scalars[index]) : nil,
                                     noteColor: theme.foreground, bold: true)
                }
                return CellStyle(fill: theme.done.withAlpha(0.12), text: text)
            }
            for index in detail.wrong {
                let r = index / columns, c = index % columns
                grid.outline(rows: r...r, columns: c...c, on: canvas, theme.negative, lineWidth: 4)
            }
            if let first = detail.wrong.first {
                let r = first / columns, c = first % columns
                grid.outline(rows: r...r, columns: c...c, on: canvas, theme.current, lineWidth: 6, dash: [10, 6])
            }
            var lines: [String] = []
            if let mistake = detail.mistake { lines.append("This is the answer with \(mistake).") }
            if let first = detail.wrong.first, let working = detail.firstWrongWorking {
                let r = first / columns, c = first % columns
                let name = detail.given.rank == 1 ? "[\(c + 1)]" : "[\(r + 1),\(c + 1)]"
                lines.append("First wrong cell \(name) (dashed): " + working)
            }
            if !lines.isEmpty { Caption.lines(lines, on: canvas, width: 1280, bottom: 720 - 45, size: 24) }
        }
    }
}

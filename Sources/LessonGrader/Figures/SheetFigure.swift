import LessonCore
import LessonFigures

/// A question's given matrices side by side, as a sheet shows them, with their numbers.
/// A matrix without values (one that is asked) is never drawn: its grid would state its shape.
public enum SheetFigure {
    /// The grids of `matrices` on a 1280 × 720 figure, left to right.
    public static func grids(_ matrices: [SheetMatrix], width: Double = 1280, height: Double = 720) -> [Grid] {
        let gap = 80.0
        let columns = Double(matrices.reduce(0) { $0 + ($1.shape.count == 2 ? $1.shape[1] : $1.shape[0]) })
        let maxRows = Double(matrices.map { $0.shape.count == 2 ? $0.shape[0] : 1 }.max() ?? 1)
        let cell = min(84, (width - 120 - gap * Double(matrices.count - 1)) / columns, (height - 260) / maxRows)
        let total = columns * cell + gap * Double(matrices.count - 1)
        var x = (width - total) / 2
        return matrices.map { m in
            let rows = m.shape.count == 2 ? m.shape[0] : 1, cols = m.shape.count == 2 ? m.shape[1] : m.shape[0]
            let grid = Grid(rows: rows, columns: cols, x: x, y: 130 + (height - 260 - Double(rows) * cell) / 2, cellSize: cell)
            x += grid.width + gap
            return grid
        }
    }

    /// The figure, named `name`, with `caption` lines (the other parameters) at the bottom.
    public static func figure(_ all: [SheetMatrix], name: String, title: String, caption: [String] = []) -> Figure {
        let matrices = all.filter { $0.values != nil }
        let description = "The matrices of question \(name): " + matrices.map { "\($0.label) \(Notation.shape($0.shape))" }.joined(separator: ", ") + "."
        return Figure(name: name, description: description) { canvas in
            let theme = canvas.theme
            Caption.title(title, on: canvas, width: 1280)
            for (matrix, grid) in zip(matrices, grids(matrices)) {
                grid.draw(on: canvas, label: matrix.label + " (" + Notation.shape(matrix.shape) + ")") { r, c in
                    guard let values = matrix.values else { return CellStyle() }
                    let v = values.rank == 1 ? values.scalars[c] : values[r, c]
                    return CellStyle(fill: matrix.label == "kernel" ? theme.highlight.withAlpha(0.18) : nil, text: Notation.number(v))
                }
                if let marked = matrix.marked {
                    grid.outline(rows: marked[0]...marked[0], columns: marked[1]...marked[1], on: canvas, theme.current, lineWidth: 5)
                }
            }
            if !caption.isEmpty { Caption.lines(caption, on: canvas, width: 1280, bottom: 720 - 40, size: 22) }
        }
    }
}

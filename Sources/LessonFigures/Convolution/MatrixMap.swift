/// A small map of a whole matrix drawn beside a window of it that keeps projector-size numbers:
/// no numbers, the cells of interest filled, and the part the window shows outlined.
///
/// Used where a matrix (conv-matrix's M, conv-transpose's Cᵀ) has too many cells for 24 px
/// numbers: the figure draws a window of it at full size and this map of all of it.
public enum MatrixMap {
    /// The largest cell of a map, so a small matrix's map stays a map.
    static let largestCell = 22.0

    /// The map of a `shape` matrix fitted in the box, centred across it, its top at `y`.
    public static func grid(shape: [Int], x: Double, y: Double, width: Double, height: Double) -> Grid {
        let cell = min(largestCell, width / Double(max(1, shape[1])), height / Double(max(1, shape[0])))
        return Grid(rows: shape[0], columns: shape[1], x: x + (width - cell * Double(shape[1])) / 2, y: y, cellSize: cell)
    }

    /// Draws `map` with `label` above it (18 px, the text floor), `cells` filled with their
    /// colours, and each of `windows` (grids onto the same matrix) outlined.
    public static func draw(_ map: Grid, label: String, cells: [(row: Int, column: Int, color: Color)], windows: [Grid],
                            on canvas: Canvas) {
        let theme = canvas.theme
        canvas.text(label, x: map.x + map.width / 2, y: map.y - 16, size: 18, theme.foreground, weight: .bold)
        canvas.fillRect(x: map.x, y: map.y, width: map.width, height: map.height, theme.cellFill)
        for cell in cells {
            map.fillCells(rows: cell.row...cell.row, columns: cell.column...cell.column, on: canvas, cell.color)
        }
        canvas.strokeRect(x: map.x, y: map.y, width: map.width, height: map.height, theme.gridLine, lineWidth: 1)
        for window in windows {
            map.outline(rows: window.shownRows.lowerBound...(window.shownRows.upperBound - 1),
                        columns: window.shownColumns.lowerBound...(window.shownColumns.upperBound - 1), on: canvas,
                        theme.foreground, lineWidth: 2)
        }
    }

    /// The first index and count of a window of at most `budget` of `total` places that holds
    /// `must` (centred on it), or starts at 0 without one.
    public static func window(total: Int, budget: Int, must: ClosedRange<Int>?) -> (first: Int, count: Int) {
        let count = min(total, max(1, budget))
        guard let must else { return (0, count) }
        let centre = (must.lowerBound + must.upperBound + 1) / 2
        return (min(max(0, centre - count / 2), total - count), count)
    }
}

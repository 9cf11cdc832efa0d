/// Places matrices side by side on a slide, centred, with room between them for an
/// operator symbol and above them for a label, and a band at the bottom for captions.
public enum RowLayout {
    /// One grid per shape (rows, columns), left to right, with cells as large as fit
    /// (at most `maxCell`) in a `width` × `height` figure.
    public static func grids(for shapes: [[Int]], width: Double = 1280, height: Double = 720,
                             maxCell: Double = 84, gap: Double = 90, top: Double = 120,
                             bottomBand: Double = 150) -> [Grid] {
        precondition(shapes.allSatisfy { $0.count == 2 }, "RowLayout takes matrix shapes, got \(shapes)")
        let margin = 60.0
        let columns = Double(shapes.reduce(0) { $0 + $1[1] })
        let maxRows = Double(shapes.map { $0[0] }.max() ?? 1)
        let gaps = gap * Double(max(0, shapes.count - 1))
        let band = height - top - bottomBand
        let cell = min(maxCell, (width - 2 * margin - gaps) / columns, band / maxRows)
        var x = (width - (columns * cell + gaps)) / 2
        return shapes.map { shape in
            let grid = Grid(rows: shape[0], columns: shape[1], x: x, y: top + (band - Double(shape[0]) * cell) / 2,
                            cellSize: cell)
            x += grid.width + gap
            return grid
        }
    }

    /// The point midway between two neighbouring grids, at the figure's grid band centre.
    public static func between(_ left: Grid, _ right: Grid, height: Double = 720, top: Double = 120,
                               bottomBand: Double = 150) -> (Double, Double) {
        ((left.x + left.width + right.x) / 2, top + (height - top - bottomBand) / 2)
    }
}

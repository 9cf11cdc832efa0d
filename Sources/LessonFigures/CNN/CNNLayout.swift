/// Places columns of stacked matrices on a slide: each column holds one or more grids one
/// above the other (the K feature maps of a layer), columns left to right with room between
/// them for an arrow and its operation name, and room above each grid for its label.
public enum CNNLayout {
    /// One array of grids per column, cells as large as fit (at most `maxCell`) in the band
    /// between `top` and `height − bottomBand`.
    public static func columns(_ columns: [[[Int]]], width: Double = 1280, height: Double = 720, maxCell: Double = 60,
                               gap: Double = 110, top: Double = 110, bottomBand: Double = 130) -> [[Grid]] {
        precondition(columns.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.count == 2 } }, "CNNLayout takes non-empty columns of matrix shapes")
        let margin = 40.0, labelRoom = 48.0
        let band = height - top - bottomBand
        let totalColumns = Double(columns.reduce(0) { $0 + ($1.map { $0[1] }.max() ?? 0) })
        let gaps = gap * Double(columns.count - 1)
        var cell = min(maxCell, (width - 2 * margin - gaps) / totalColumns)
        for column in columns {
            let rows = Double(column.reduce(0) { $0 + $1[0] })
            let labels = labelRoom * Double(column.count - 1)
            cell = min(cell, (band - labels) / rows)
        }
        let used = columns.reduce(0.0) { $0 + Double($1.map { $0[1] }.max() ?? 0) * cell } + gaps
        var x = (width - used) / 2
        return columns.map { column in
            let columnWidth = Double(column.map { $0[1] }.max() ?? 0) * cell
            let stackHeight = Double(column.reduce(0) { $0 + $1[0] }) * cell + labelRoom * Double(column.count - 1)
            var y = top + labelRoom / 2 + (band - stackHeight) / 2
            let grids = column.map { shape -> Grid in
                let grid = Grid(rows: shape[0], columns: shape[1], x: x + (columnWidth - Double(shape[1]) * cell) / 2, y: y, cellSize: cell)
                y += grid.height + labelRoom
                return grid
            }
            x += columnWidth + gap
            return grids
        }
    }

    /// The middle of the gap between two columns, at the height of the band's centre.
    public static func between(_ left: [Grid], _ right: [Grid], height: Double = 720, top: Double = 110,
                               bottomBand: Double = 130) -> (Double, Double) {
        let leftEdge = left.map { $0.x + $0.width }.max() ?? 0
        let rightEdge = right.map(\.x).min() ?? 0
        return ((leftEdge + rightEdge) / 2, top + (height - top - bottomBand) / 2)
    }
}

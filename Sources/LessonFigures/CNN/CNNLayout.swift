/// Places columns of stacked matrices on a slide: each column holds one or more grids one
/// above the other (the K feature maps of a layer), columns left to right with room between
/// them for an arrow and its operation name, and room above each grid for its label.
public enum CNNLayout {
    /// One array of grids per column, cells as large as fit (at most `maxCell`) in the band
    /// between `top` and `height − bottomBand`.
    public static func columns(_ columns: [[[Int]]], width: Double = 1280, height: Double = 720, maxCell: Double = 60,
                               gap: Double = 110, top: Double = 110, bottomBand: Double = 130, textScale: Double = 1) -> [[Grid]] {
        precondition(columns.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.count == 2 } }, "CNNLayout takes non-empty columns of matrix shapes")
        let margin = 40.0, labelRoom = self.labelRoom(textScale)
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

    /// The room between two grids of a column for the label of the lower one (and the ⋮ under a
    /// cut upper one), both drawn `textScale` times larger.
    static func labelRoom(_ textScale: Double) -> Double { textScale == 1 ? 48 : 20 + 40 * textScale }

    /// The middle of the gap between two columns, at the height of the band's centre.
    public static func between(_ left: [Grid], _ right: [Grid], height: Double = 720, top: Double = 110,
                               bottomBand: Double = 130) -> (Double, Double) {
        let leftEdge = left.map { $0.x + $0.width }.max() ?? 0
        let rightEdge = right.map(\.x).min() ?? 0
        return ((leftEdge + rightEdge) / 2, top + (height - top - bottomBand) / 2)
    }
}

extension CNNLayout {
    /// Columns laid out so every number reads at projector size: `needs[c]` is the smallest
    /// cell whose numbers reach the floor in column c. Where the usual layout (`columns`) gives
    /// every column its need, it is returned as it is. Otherwise each column's first grid (the
    /// first filter) gets its need, the grids below it (the other filters) share what height is
    /// left as maps too small for numbers, and a first grid too large for the slide shows its
    /// top-left corner: a window of the matrix (`Grid.rows`/`columns` smaller than its shape).
    public static func projector(_ columns: [[[Int]]], needs: [Double], width: Double = 1280, height: Double = 720,
                                 maxCell: Double = 60, gap: Double = 110, top: Double = 110,
                                 bottomBand: Double = 130, textScale: Double = 1) -> [[Grid]] {
        precondition(needs.count == columns.count, "CNNLayout.projector takes one need per column")
        let usual = self.columns(columns, width: width, height: height, maxCell: maxCell, gap: gap, top: top, bottomBand: bottomBand,
                                 textScale: textScale)
        if zip(usual, needs).allSatisfy({ $0[0].cellSize >= $1 - 1e-9 }) { return usual }
        // The first grid of each column: its cell and the rows and columns of it that are shown.
        let cells = zip(usual, needs).map { max($0[0].cellSize, $1) }
        // The grids reach from just under the figure's note (y = 76) to 10 px above the caption band's
        // top: a caption of three lines still clears them. The label above a grid of large cells
        // is larger and higher (`Grid.draw`), so the grids start lower.
        let margin = 40.0, labelRoom = self.labelRoom(textScale)
        let gridTop = top + labelRoom / 2 + max(0, 0.35 * (cells.max() ?? 0) - 18), band = height - bottomBand + 10 - gridTop
        // The first grid leaves the grids below it (if any) cells of at least `smallestMap`.
        let smallestMap = 12.0
        var shown = columns.enumerated().map { c, column in
            let others = column.dropFirst()
            let reserved = others.reduce(0.0) { $0 + labelRoom + Double($1[0]) * smallestMap }
            return [min(column[0][0], max(1, Int((band - reserved) / cells[c]))), column[0][1]]
        }
        // The grids under the first: maps sharing the height that is left, at most half the first
        // grid's cell unless they get all of it (and so their numbers), so a map never looks like
        // a matrix whose numbers went missing.
        // Maps narrowed (below) when they alone make the slide too wide.
        var mapScale = 1.0
        func mapCell(_ c: Int) -> Double {
            let others = columns[c].dropFirst()
            guard !others.isEmpty else { return 0 }
            let left = band - Double(shown[c][0]) * cells[c] - labelRoom * Double(others.count)
            let rows = Double(others.reduce(0) { $0 + $1[0] })
            return mapScale * (left / rows >= cells[c] ? cells[c] : max(0, min(cells[c] / 2, left / rows)))
        }
        func columnWidth(_ c: Int) -> Double {
            let m = mapCell(c)
            return max(Double(shown[c][1]) * cells[c], columns[c].dropFirst().map { Double($0[1]) * m }.max() ?? 0)
        }
        var gapWidth = gap
        func used() -> Double { columns.indices.reduce(0) { $0 + columnWidth($1) } + gapWidth * Double(columns.count - 1) }
        // Narrower gaps first (an arrow's name then breaks over lines), down to 100 px (more for larger text).
        if used() > width - 2 * margin {
            let gaps = Double(columns.count - 1), grids = columns.indices.reduce(0) { $0 + columnWidth($1) }
            gapWidth = min(gap, 120 * textScale, max(100 * textScale, gaps > 0 ? (width - 2 * margin - grids) / gaps : gap))
        }
        // Too wide still: the widest first grid loses a column at a time.
        while used() > width - 2 * margin {
            guard let c = columns.indices.filter({ shown[$0][1] > 1 }).max(by: { Double(shown[$0][1]) * cells[$0] < Double(shown[$1][1]) * cells[$1] })
            else { break }
            shown[c][1] -= 1
        }
        // Still too wide (the maps under the first grids are): the maps shrink until it fits.
        while used() > width - 2 * margin, mapScale > 0.2 { mapScale *= 0.9 }
        var x = (width - used()) / 2
        return columns.enumerated().map { c, column in
            let m = mapCell(c), columnWidthC = columnWidth(c)
            let others = column.dropFirst()
            let stackHeight = Double(shown[c][0]) * cells[c] + others.reduce(0.0) { $0 + Double($1[0]) * m + labelRoom }
            var y = gridTop + (band - stackHeight) / 2
            var grids = [Grid(rows: shown[c][0], columns: shown[c][1], x: x + (columnWidthC - Double(shown[c][1]) * cells[c]) / 2, y: y,
                              cellSize: cells[c])]
            y += grids[0].height + labelRoom
            for shape in others {
                let grid = Grid(rows: shape[0], columns: shape[1], x: x + (columnWidthC - Double(shape[1]) * m) / 2, y: y, cellSize: m)
                grids.append(grid)
                y += grid.height + labelRoom
            }
            x += columnWidthC + gapWidth
            return grids
        }
    }
}

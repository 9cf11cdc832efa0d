extension RowLayout {
    /// `grids` (placed left to right by `grids(for:)` on a `width` px slide) with each grid's
    /// columns widened towards `columnWidths` (a column of long numbers keeps them readable),
    /// as far as the slide holds: the gaps first narrow to `minimumGap`, then, where every grid's
    /// wish still does not fit between the margins, each gets the same share of the room left. Cells keep their height; the row is centred again.
    /// A grid that needs no more keeps its square cells, so the layout is then unchanged.
    public static func widened(_ grids: [Grid], toColumnWidths columnWidths: [Double], width: Double = 1280,
                               margin: Double = 60, gap: Double = 90, minimumGap: Double = 60) -> [Grid] {
        precondition(grids.count == columnWidths.count, "one wished column width per grid")
        let extras = zip(grids, columnWidths).map { grid, wish in max(0, wish - grid.columnWidth) * Double(grid.columns) }
        let wanted = extras.reduce(0, +)
        guard wanted > 0 else { return grids }
        // The gaps give up room down to `minimumGap` (still room for an operator between two grids).
        let count = Double(max(0, grids.count - 1)), widths = grids.reduce(0) { $0 + $1.width }
        let short = wanted - (width - 2 * margin - gap * count - widths)
        let gap = count > 0 && short > 0 ? max(min(gap, minimumGap), gap - short / count) : gap
        let gaps = gap * count
        let room = width - 2 * margin - gaps - widths
        let share = min(1, max(0, room) / wanted)
        var placed = zip(grids, extras).map { grid, extra -> Grid in
            var grid = grid
            if extra > 0 { grid.cellWidth = grid.columnWidth + extra * share / Double(grid.columns) }
            return grid
        }
        var x = (width - (placed.reduce(0) { $0 + $1.width } + gaps)) / 2
        for i in placed.indices {
            placed[i].x = x
            x += placed[i].width + gap
        }
        return placed
    }
}

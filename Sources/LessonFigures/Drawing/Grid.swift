/// How one cell of a drawn matrix looks.
public struct CellStyle: Sendable {
    /// The background; nil leaves the theme's cell colour.
    public var fill: Color?
    /// The number or symbol in the cell; nil leaves it empty.
    public var text: String?
    /// The colour of the text; nil uses the theme's foreground.
    public var textColor: Color?
    /// A small note in the cell's lower right corner (a kernel weight laid on the cell).
    public var note: String?
    /// The colour of the note.
    public var noteColor: Color?
    /// Bold text.
    public var bold: Bool

    public init(fill: Color? = nil, text: String? = nil, textColor: Color? = nil, note: String? = nil,
                noteColor: Color? = nil, bold: Bool = false) {
        self.fill = fill
        self.text = text
        self.textColor = textColor
        self.note = note
        self.noteColor = noteColor
        self.bold = bold
    }
}

/// A matrix drawn as a grid of square cells, placed at `(x, y)` (its top-left corner).
///
/// A grid may be a window onto a larger matrix: it then shows the `rows` × `columns` cells from
/// (`firstRow`, `firstColumn`) on, and every index it takes or gives (`cellRect`, `draw`'s style,
/// `outline`) is the matrix's own, so a zoomed figure reads the trace with the same indices.
public struct Grid: Sendable {
    public var rows: Int
    public var columns: Int
    public var x: Double
    public var y: Double
    public var cellSize: Double
    /// The matrix row of the grid's top row (0 unless the grid is a window).
    public var firstRow: Int
    /// The matrix column of the grid's left column (0 unless the grid is a window).
    public var firstColumn: Int
    /// The size a number is not shrunk below while it still fits the cell (0: shrink to fit 0.84
    /// of the cell, as every grid did before the projector floor): a long number then takes up to
    /// 0.94 of the cell instead of dropping under the floor. In a cell of 48 to 60 px, whose
    /// usual size (0.4 of the cell) is under the floor, a number is drawn at the floor (at most
    /// half the cell high) when it fits the cell's width.
    public var numberFloor: Double = 0
    /// The size a note is not drawn below while the cell has room for it (0: 18 px at most, as
    /// every grid drew notes before): a note that is a number (a product added) sets it to the
    /// cell-number floor, and takes up to 0.32 of the cell for it.
    public var noteFloor: Double = 0
    /// Whether every number is drawn at the size of the grid's smallest one (a 0 beside a
    /// −0.045 then reads as part of the same matrix), instead of each as large as its cell allows.
    public var uniformNumbers = false
    /// The width of a column when it differs from the cells' height (`cellSize`): a column of
    /// long numbers beside a matrix of short ones keeps its rows lined up with the matrix.
    public var cellWidth: Double?
    /// The width of one column.
    public var columnWidth: Double { cellWidth ?? cellSize }
    /// Where the label starts: centred over the grid, or from its left edge on (a label wider than
    /// the grid then runs into the free room at its right, not into a neighbour's label).
    public var labelAlignment: TextAlignment = .center
    /// The width the label may take at a larger text scale (nil: any): a wider one is drawn
    /// smaller to fit it, but never smaller than at text scale 1.
    public var labelRoom: Double?

    public init(rows: Int, columns: Int, x: Double, y: Double, cellSize: Double, firstRow: Int = 0, firstColumn: Int = 0) {
        self.rows = rows
        self.columns = columns
        self.x = x
        self.y = y
        self.cellSize = cellSize
        self.firstRow = firstRow
        self.firstColumn = firstColumn
    }

    /// The matrix rows the grid shows.
    public var shownRows: Range<Int> { firstRow..<(firstRow + rows) }
    /// The matrix columns the grid shows.
    public var shownColumns: Range<Int> { firstColumn..<(firstColumn + columns) }

    public var width: Double { Double(columns) * columnWidth }
    public var height: Double { Double(rows) * cellSize }

    /// The rectangle of matrix cell (r, c), 0-based: x, y, width, height.
    public func cellRect(_ r: Int, _ c: Int) -> (x: Double, y: Double, width: Double, height: Double) {
        (x + Double(c - firstColumn) * columnWidth, y + Double(r - firstRow) * cellSize, columnWidth, cellSize)
    }

    /// The centre of matrix cell (r, c).
    public func cellCenter(_ r: Int, _ c: Int) -> (Double, Double) {
        (x + (Double(c - firstColumn) + 0.5) * columnWidth, y + (Double(r - firstRow) + 0.5) * cellSize)
    }

    /// Draws every cell with its style, the grid lines and an optional label above.
    public func draw(on canvas: Canvas, label: String? = nil, style: (Int, Int) -> CellStyle) {
        let theme = canvas.theme
        let common = uniformNumbers
            ? shownRows.flatMap { r in shownColumns.compactMap { c in numberSize(style(r, c), on: canvas) } }.min() : nil
        for r in shownRows {
            for c in shownColumns {
                let s = style(r, c)
                let rect = cellRect(r, c)
                canvas.fillRect(x: rect.x, y: rect.y, width: rect.width, height: rect.height, s.fill ?? theme.cellFill)
                let (cx, cy) = cellCenter(r, c)
                var number = (text: s.text, size: common ?? numberSize(s, on: canvas), y: s.note == nil ? cy : cy - cellSize * 0.08)
                // 18 px (read from the back of a hall) once the cell has room for it.
                let noteBase = max(min(18, cellSize * 0.3), cellSize * 0.24, min(noteFloor, cellSize * 0.32))
                var note = s.note.map { (text: $0, size: canvas.fittingSize($0, size: noteBase, maxWidth: rect.width * 0.9),
                                         y: rect.y + rect.height - cellSize * 0.16) }
                if let size = number.size, let placed = note {
                    // The note's size at text scale 1 in this cell (its base here is at least the one there).
                    let unscaledNote = canvas.unscaledFittingSize(placed.text, size: noteBase, maxWidth: rect.width * 0.9)
                    let stack = stacked(number: (size, number.y), note: (placed.size, placed.y), unscaledNote: unscaledNote,
                                        in: rect, on: canvas)
                    (number.size, number.y) = stack.number
                    note = (placed.text, stack.note.size, stack.note.y)
                }
                if let text = number.text, let size = number.size {
                    // Every number reads on its cell, whatever the theme and tint (WCAG AA, 4.5:1).
                    canvas.text(text, x: cx, y: number.y, size: size,
                                theme.readable(s.textColor ?? theme.foreground, on: s.fill ?? theme.cellFill),
                                weight: s.bold ? .bold : .normal)
                }
                if let note {
                    canvas.text(note.text, x: rect.x + rect.width - cellSize * 0.06, y: note.y,
                                size: note.size, theme.readable(s.noteColor ?? theme.muted, on: s.fill ?? theme.cellFill),
                                align: .right, weight: .bold)
                }
            }
        }
        for r in 0...rows {
            let yy = y + Double(r) * cellSize
            canvas.line(from: (x, yy), to: (x + width, yy), theme.gridLine, lineWidth: 1)
        }
        for c in 0...columns {
            let xx = x + Double(c) * columnWidth
            canvas.line(from: (xx, y), to: (xx, y + height), theme.gridLine, lineWidth: 1)
        }
        if let label {
            // Labels may carry subscripts and superscripts: "δ_1", "W^(2)".
            // Centred over the grid, moved in where larger text would run off the slide.
            var size = labelSize
            if let labelRoom, canvas.textScale > 1 {
                size = max(size / canvas.textScale, canvas.fittingSize(label, size: size, maxWidth: labelRoom, weight: .bold))
            }
            let labelWidth = canvas.richTextWidth(label, size: size, weight: .bold)
            let center = canvas.centerOnSlide(width: labelWidth, x: labelAlignment == .left ? x + labelWidth / 2 : x + width / 2)
            canvas.richText(label, x: center, y: y - max(18, cellSize * 0.35), size: size, theme.foreground, weight: .bold)
        }
    }

    /// The sizes and centres of the number and the note of a cell `rect` that holds both. Where
    /// (`--text-scale`) their lines meet at their usual places, or the note grows out of the
    /// cell, the note sits at the foot of the
    /// cell and the number is centred in the room above it; if the two do not fit at their scaled
    /// sizes, both give up the same share of it, but neither goes under its size at text scale 1
    /// (which keeps the `numberFloor`; `unscaledNote` for the note) nor a note under 18 px: a layout without room for that
    /// gives its cells more.
    private func stacked(number: (size: Double, y: Double), note: (size: Double, y: Double), unscaledNote: Double,
                         in rect: (x: Double, y: Double, width: Double, height: Double),
                         on canvas: Canvas) -> (number: (size: Double, y: Double), note: (size: Double, y: Double)) {
        // A line of text takes 1.1 of its drawn size, centred on its y; sizes here are as drawn.
        let k = canvas.textScale
        var a = number.size * k, b = note.size * k
        // Stacked where the two lines meet, or where the grown note reaches out of the cell.
        let bottom = rect.y + rect.height
        guard number.y + 0.55 * a > note.y - 0.55 * b || note.y + 0.55 * b > max(bottom, note.y + 0.55 * note.size) else {
            return (number, note)
        }
        let margin = rect.height * 0.03
        let room = (rect.height - 3 * margin) / 1.1
        let leastA = min(a, usualNumberSize), leastB = min(b, max(note.size, unscaledNote, 18))
        if a + b > room {
            let share = room / (a + b)
            (a, b) = (max(leastA, a * share), max(leastB, b * share))
            if a + b > room { (a, b) = a == leastA ? (a, max(leastB, room - a)) : (max(leastA, room - b), b) }
        }
        let foot = rect.y + rect.height - margin - 0.55 * b
        let numberTop = rect.y + margin, numberBottom = foot - 0.55 * b - margin
        return ((a / k, (numberTop + numberBottom) / 2), (b / k, foot))
    }

    /// The size of the label over the grid (before `--text-scale`).
    public var labelSize: Double { max(18, min(26, cellSize * 0.36)) }

    /// The size a number is drawn at before it is fitted to its cell: 0.4 of the cell, or the floor.
    private var usualNumberSize: Double { max(cellSize * 0.4, min(numberFloor, cellSize * 0.5)) }

    /// The size the number of a cell with style `s` is drawn at, if it has one: 0.4 of the cell
    /// (or the floor), shrunk to fit 0.84 of the width, or 0.94 of it rather than drop under the floor.
    private func numberSize(_ s: CellStyle, on canvas: Canvas) -> Double? {
        guard let text = s.text else { return nil }
        let weight: FontWeight = s.bold ? .bold : .normal
        let fontSize = usualNumberSize
        var size = canvas.fittingSize(text, size: fontSize, maxWidth: columnWidth * 0.84, weight: weight)
        if size < min(fontSize, numberFloor) {
            size = min(fontSize, numberFloor, canvas.fittingSize(text, size: fontSize, maxWidth: columnWidth * 0.94, weight: weight))
        }
        return size
    }

    /// Fills the block of cells rows × columns (inclusive matrix ranges) with `color`, grid lines left out.
    public func fillCells(rows: ClosedRange<Int>, columns: ClosedRange<Int>, on canvas: Canvas, _ color: Color) {
        let a = cellRect(rows.lowerBound, columns.lowerBound), b = cellRect(rows.upperBound, columns.upperBound)
        canvas.fillRect(x: a.x, y: a.y, width: b.x + b.width - a.x, height: b.y + b.height - a.y, color)
    }

    /// Outlines the block of cells rows × columns (inclusive matrix ranges), drawn inside the grid
    /// lines; the part outside a window is cut off, and a block wholly outside it is not drawn.
    public func outline(rows: ClosedRange<Int>, columns: ClosedRange<Int>, on canvas: Canvas, _ color: Color,
                        lineWidth: Double = 4, dash: [Double] = []) {
        guard shownRows.overlaps(rows), shownColumns.overlaps(columns) else { return }
        let rr = rows.clamped(to: firstRow...(firstRow + self.rows - 1))
        let cc = columns.clamped(to: firstColumn...(firstColumn + self.columns - 1))
        let a = cellRect(rr.lowerBound, cc.lowerBound)
        let b = cellRect(rr.upperBound, cc.upperBound)
        canvas.strokeRect(x: a.x, y: a.y, width: b.x + b.width - a.x, height: b.y + b.height - a.y, color,
                          lineWidth: lineWidth, dash: dash)
    }
}

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
public struct Grid: Sendable {
    public var rows: Int
    public var columns: Int
    public var x: Double
    public var y: Double
    public var cellSize: Double

    public init(rows: Int, columns: Int, x: Double, y: Double, cellSize: Double) {
        self.rows = rows
        self.columns = columns
        self.x = x
        self.y = y
        self.cellSize = cellSize
    }

    public var width: Double { Double(columns) * cellSize }
    public var height: Double { Double(rows) * cellSize }

    /// The rectangle of cell (r, c), 0-based: x, y, width, height.
    public func cellRect(_ r: Int, _ c: Int) -> (x: Double, y: Double, width: Double, height: Double) {
        (x + Double(c) * cellSize, y + Double(r) * cellSize, cellSize, cellSize)
    }

    /// The centre of cell (r, c).
    public func cellCenter(_ r: Int, _ c: Int) -> (Double, Double) {
        (x + (Double(c) + 0.5) * cellSize, y + (Double(r) + 0.5) * cellSize)
    }

    /// Draws every cell with its style, the grid lines and an optional label above.
    public func draw(on canvas: Canvas, label: String? = nil, style: (Int, Int) -> CellStyle) {
        let theme = canvas.theme
        let fontSize = cellSize * 0.4
        for r in 0..<rows {
            for c in 0..<columns {
                let s = style(r, c)
                let rect = cellRect(r, c)
                canvas.fillRect(x: rect.x, y: rect.y, width: rect.width, height: rect.height, s.fill ?? theme.cellFill)
                if let text = s.text {
                    let weight: FontWeight = s.bold ? .bold : .normal
                    let size = canvas.fittingSize(text, size: fontSize, maxWidth: cellSize * 0.84, weight: weight)
                    let (cx, cy) = cellCenter(r, c)
                    // Every number reads on its cell, whatever the theme and tint (WCAG AA, 4.5:1).
                    canvas.text(text, x: cx, y: s.note == nil ? cy : cy - cellSize * 0.08, size: size,
                                theme.readable(s.textColor ?? theme.foreground, on: s.fill ?? theme.cellFill), weight: weight)
                }
                if let note = s.note {
                    let size = canvas.fittingSize(note, size: cellSize * 0.24, maxWidth: cellSize * 0.9)
                    canvas.text(note, x: rect.x + rect.width - cellSize * 0.06, y: rect.y + rect.height - cellSize * 0.16,
                                size: size, theme.readable(s.noteColor ?? theme.muted, on: s.fill ?? theme.cellFill),
                                align: .right, weight: .bold)
                }
            }
        }
        for r in 0...rows {
            let yy = y + Double(r) * cellSize
            canvas.line(from: (x, yy), to: (x + width, yy), theme.gridLine, lineWidth: 1)
        }
        for c in 0...columns {
            let xx = x + Double(c) * cellSize
            canvas.line(from: (xx, y), to: (xx, y + height), theme.gridLine, lineWidth: 1)
        }
        if let label {
            // Labels may carry subscripts and superscripts: "δ_1", "W^(2)".
            canvas.richText(label, x: x + width / 2, y: y - max(18, cellSize * 0.35), size: max(18, min(26, cellSize * 0.36)),
                            theme.foreground, weight: .bold)
        }
    }

    /// Outlines the block of cells rows × columns (inclusive ranges), drawn inside the grid lines.
    public func outline(rows rr: ClosedRange<Int>, columns cc: ClosedRange<Int>, on canvas: Canvas, _ color: Color,
                        lineWidth: Double = 4, dash: [Double] = []) {
        let a = cellRect(rr.lowerBound, cc.lowerBound)
        let b = cellRect(rr.upperBound, cc.upperBound)
        canvas.strokeRect(x: a.x, y: a.y, width: b.x + b.width - a.x, height: b.y + b.height - a.y, color,
                          lineWidth: lineWidth, dash: dash)
    }
}

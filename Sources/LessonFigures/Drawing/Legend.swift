/// A key that says what the colours of a figure mean: a swatch and a label per entry, in
/// one row. Use it whenever a colour carries meaning (the window read, the cell written,
/// a negative gradient), so a reader never has to guess.
public struct Legend: Sendable {
    /// How an entry's swatch is drawn.
    public enum Swatch: Sendable {
        /// A filled square, as a highlighted cell is filled.
        case fill
        /// A square outline, as a window is outlined.
        case outline
        /// A short line, as a curve is drawn.
        case line
    }

    /// One colour and what it means.
    public struct Entry: Sendable {
        /// The colour, from the theme's roles.
        public var color: Color
        /// The meaning; may use `_`/`^` for subscripts and superscripts ("δ_1 < 0").
        public var label: String
        /// How the colour is shown.
        public var swatch: Swatch
        /// Creates an entry.
        public init(_ label: String, color: Color, swatch: Swatch = .fill) {
            self.label = label
            self.color = color
            self.swatch = swatch
        }
    }

    /// The entries, left to right.
    public var entries: [Entry]
    /// The font size of the labels; swatches are as tall as the text.
    public var size: Double

    /// Creates a legend.
    public init(_ entries: [Entry], size: Double = 20) {
        self.entries = entries
        self.size = size
    }

    /// The entries most figures need, in the theme's colours: the window read (highlight),
    /// the cell being written (current), finished cells (done) and padding.
    public static func standard(_ theme: Theme, padding: Bool = false) -> Legend {
        var entries = [Entry("window read", color: theme.highlight, swatch: .outline),
                       Entry("cell written", color: theme.current, swatch: .outline),
                       Entry("done", color: theme.done)]
        if padding { entries.append(Entry("padding", color: theme.padding)) }
        return Legend(entries)
    }

    // Swatches and spaces grow with the text (`--text-scale`), as drawn.
    private func swatchSize(_ canvas: Canvas) -> Double { size * 0.9 * canvas.textScale }
    private func gap(_ canvas: Canvas) -> Double { size * 0.4 * canvas.textScale }
    private func spacing(_ canvas: Canvas) -> Double { size * 1.4 * canvas.textScale }

    /// The width of the whole row on `canvas`.
    public func width(on canvas: Canvas) -> Double {
        guard !entries.isEmpty else { return 0 }
        let labels = entries.reduce(0) { $0 + canvas.richTextWidth($1.label, size: size) }
        return labels + Double(entries.count) * (swatchSize(canvas) + gap(canvas)) + Double(entries.count - 1) * spacing(canvas)
    }

    /// The height of the row as drawn: its labels' line, `--text-scale` included.
    public func height(on canvas: Canvas) -> Double { 1.1 * size * canvas.textScale }

    /// Draws the row with its left edge at `x`, vertically centred on `y`; returns its width.
    @discardableResult
    public func draw(on canvas: Canvas, x: Double, y: Double) -> Double {
        let swatchSize = swatchSize(canvas), gap = gap(canvas), spacing = spacing(canvas)
        var cursor = x
        for entry in entries {
            let top = y - swatchSize / 2
            switch entry.swatch {
            case .fill:
                canvas.fillRect(x: cursor, y: top, width: swatchSize, height: swatchSize, entry.color)
                canvas.strokeRect(x: cursor, y: top, width: swatchSize, height: swatchSize, canvas.theme.gridLine)
            case .outline:
                canvas.fillRect(x: cursor, y: top, width: swatchSize, height: swatchSize, entry.color.withAlpha(0.3))
                canvas.strokeRect(x: cursor + 1.5, y: top + 1.5, width: swatchSize - 3, height: swatchSize - 3, entry.color,
                                  lineWidth: 3)
            case .line:
                canvas.line(from: (cursor, y), to: (cursor + swatchSize, y), entry.color, lineWidth: 3)
            }
            cursor += swatchSize + gap
            canvas.richText(entry.label, x: cursor, y: y, size: size, canvas.theme.foreground, align: .left)
            cursor += canvas.richTextWidth(entry.label, size: size) + spacing
        }
        return max(0, cursor - spacing - x)
    }

    /// Draws the row centred horizontally in a figure of `width`, centred on `y`.
    public func drawCentered(on canvas: Canvas, width: Double, y: Double) {
        draw(on: canvas, x: (width - self.width(on: canvas)) / 2, y: y)
    }

    /// Draws the row centred in a figure of `width`, on `y` or higher, so its line ends above
    /// `top` (a caption's top as drawn, `Caption.top`: at a larger text scale it wraps and rises).
    public func drawCentered(on canvas: Canvas, width: Double, y: Double, above top: Double) {
        drawCentered(on: canvas, width: width, y: min(y, top - height(on: canvas) / 2))
    }
}

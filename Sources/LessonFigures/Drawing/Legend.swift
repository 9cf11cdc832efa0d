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

    private var swatchSize: Double { size * 0.9 }
    private var gap: Double { size * 0.4 }
    private var spacing: Double { size * 1.4 }

    /// The width of the whole row on `canvas`.
    public func width(on canvas: Canvas) -> Double {
        guard !entries.isEmpty else { return 0 }
        let labels = entries.reduce(0) { $0 + canvas.richTextWidth($1.label, size: size) }
        return labels + Double(entries.count) * (swatchSize + gap) + Double(entries.count - 1) * spacing
    }

    /// Draws the row with its left edge at `x`, vertically centred on `y`; returns its width.
    @discardableResult
    public func draw(on canvas: Canvas, x: Double, y: Double) -> Double {
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
}

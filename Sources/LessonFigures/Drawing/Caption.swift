import Foundation

/// Draws the title and caption lines every slide figure shares.
public enum Caption {
    /// A bold title centred at the top of a figure of `width`.
    public static func title(_ text: String, on canvas: Canvas, width: Double, y: Double = 42) {
        let text = Typography.typeset(text)
        if canvas.surface.heading == nil { canvas.surface.heading = text }
        let size = canvas.fittingSize(text, size: 30, maxWidth: width - 80, weight: .bold)
        canvas.text(text, x: width / 2, y: y, size: size, canvas.theme.foreground, weight: .bold)
    }

    /// The muted note under a title (what a figure leaves out, and where to find it): one line
    /// at 20 px, shrunk to fit `maxWidth` down to 18 px; a longer note breaks between words
    /// into lines of 18 px that each fit (it runs off the slide otherwise, at a larger text scale).
    /// At a larger text scale it moves down from `y` as far as the taller title needs.
    public static func note(_ text: String, on canvas: Canvas, x: Double = 640, y: Double = 78, maxWidth: Double = 1200,
                            color: Color? = nil) {
        let color = color ?? canvas.theme.muted
        let size = canvas.fittingSize(text, size: 20, maxWidth: maxWidth)
        let y = canvas.textScale > 1 ? max(y, noteTop(on: canvas) + 0.55 * max(size, 18) * canvas.textScale) : y
        guard size < 18 else { return canvas.text(text, x: x, y: y, size: size, color) }
        for (k, line) in noteLineTexts(text, on: canvas, maxWidth: maxWidth).enumerated() {
            canvas.text(line, x: x, y: y + Double(k) * 18 * 1.3 * canvas.textScale, size: min(18, canvas.fittingSize(line, size: 18, maxWidth: maxWidth)), color)
        }
    }

    /// The lines `note` draws `text` on (one where it fits at 18 px or more), so a figure can
    /// place what follows it.
    public static func noteLines(_ text: String, on canvas: Canvas, maxWidth: Double = 1200) -> Int {
        canvas.fittingSize(text, size: 20, maxWidth: maxWidth) >= 18 ? 1 : noteLineTexts(text, on: canvas, maxWidth: maxWidth).count
    }

    /// `text` broken between words into lines that fit `maxWidth` at 18 px.
    private static func noteLineTexts(_ text: String, on canvas: Canvas, maxWidth: Double) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let longer = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty, canvas.textWidth(longer, size: 18) > maxWidth {
                lines.append(line)
                line = String(word)
            } else {
                line = longer
            }
        }
        lines.append(line)
        return lines
    }

    /// The bottom of `note`'s text as drawn (under its descenders), with the note's default
    /// place: where what follows the note may start.
    public static func noteBottom(_ text: String, on canvas: Canvas, maxWidth: Double = 1200) -> Double {
        let size = canvas.fittingSize(text, size: 20, maxWidth: maxWidth), k = canvas.textScale
        let y = k > 1 ? max(78, noteTop(on: canvas) + 0.55 * max(size, 18) * k) : 78
        let lines = noteLines(text, on: canvas, maxWidth: maxWidth)
        return y + Double(lines - 1) * 18 * 1.3 * k + 0.3 * max(min(size, 20), 18) * k
    }

    /// The highest top a note under a title may have: 2 px under the title (30 px at y 42) as drawn.
    public static func noteTop(on canvas: Canvas) -> Double { 42 + 0.55 * 30 * canvas.textScale + 2 }

    /// Lines of text centred at the bottom of a figure, each shrunk to fit the width
    /// (never below 18 px on a 1280 × 720 slide, readable from the back of a hall: a longer
    /// line is split at its last " + " that fits).
    public static func lines(_ lines: [String], on canvas: Canvas, width: Double, bottom: Double, size: Double = 24,
                             color: Color? = nil) {
        let lines = lines.map(Typography.typeset)
        canvas.surface.captionLines += lines
        let maxWidth = width - 60
        let wrapped = self.wrapped(lines, on: canvas, size: size, maxWidth: maxWidth)
        let lineHeight = lineHeight(size, on: canvas)
        var y = bottom - lineHeight * Double(wrapped.count - 1)
        for line in wrapped {
            let fitted = canvas.fittingSize(line, size: size, maxWidth: maxWidth)
            canvas.text(line, x: width / 2, y: y, size: fitted, color ?? canvas.theme.foreground)
            y += lineHeight
        }
    }

    /// The top of the caption `lines` would draw on `canvas` (the top of its first line's
    /// capitals and accents, as drawn: `--text-scale` and wrapping included), so a figure can keep
    /// its own text above it.
    public static func top(of lines: [String], on canvas: Canvas, width: Double, bottom: Double, size: Double = 24) -> Double {
        let count = wrapped(lines.map(Typography.typeset), on: canvas, size: size, maxWidth: width - 60).count
        return bottom - lineHeight(size, on: canvas) * Double(max(count, 1) - 1) - 0.55 * size * canvas.textScale
    }

    /// Lines as far apart as the text is drawn (`--text-scale` draws it bigger).
    private static func lineHeight(_ size: Double, on canvas: Canvas) -> Double { size * 1.45 * canvas.textScale }

    private static func wrapped(_ lines: [String], on canvas: Canvas, size: Double, maxWidth: Double) -> [String] {
        lines.flatMap { wrap($0, canvas: canvas, size: size, maxWidth: maxWidth) }
    }

    /// `line` as it is where it fits at 18 px or more; else split at the last "; " that fits
    /// (between clauses), or where its first clause is too long at the last " + " that fits (in a
    /// sum: the rest goes on as "+ …", the operator starting the line it belongs to).
    private static func wrap(_ line: String, canvas: Canvas, size: Double, maxWidth: Double) -> [String] {
        if canvas.fittingSize(line, size: size, maxWidth: maxWidth) >= min(size, 18) { return [line] }
        let clauses = line.components(separatedBy: "; ")
        let firstClauseFits = clauses.count > 1 && canvas.textWidth(clauses[0] + ";", size: size) <= maxWidth
        for (separator, end, start) in firstClauseFits ? [("; ", ";", "")] : [(" + ", "", "+ "), ("; ", ";", "")] {
            let parts = line.components(separatedBy: separator)
            guard parts.count > 1 else { continue }
            var first = parts[0]
            var index = 1
            while index < parts.count,
                  canvas.textWidth(first + separator + parts[index] + end, size: size) <= maxWidth {
                first += separator + parts[index]
                index += 1
            }
            if index == parts.count { return [first] }
            let rest = start + parts[index...].joined(separator: separator)
            return [first + end] + wrap(rest, canvas: canvas, size: size, maxWidth: maxWidth)
        }
        return [line]
    }
}

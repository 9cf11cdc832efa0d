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

    /// Lines of text centred at the bottom of a figure, each shrunk to fit the width
    /// (never below 18 px on a 1280 × 720 slide, readable from the back of a hall: a longer
    /// line is split at its last " + " that fits).
    public static func lines(_ lines: [String], on canvas: Canvas, width: Double, bottom: Double, size: Double = 24,
                             color: Color? = nil) {
        let lines = lines.map(Typography.typeset)
        canvas.surface.captionLines += lines
        let maxWidth = width - 60
        var wrapped: [String] = []
        for line in lines { wrapped += wrap(line, canvas: canvas, size: size, maxWidth: maxWidth) }
        // Lines as far apart as the text is drawn (`--text-scale` draws it bigger).
        let lineHeight = size * 1.45 * canvas.textScale
        var y = bottom - lineHeight * Double(wrapped.count - 1)
        for line in wrapped {
            let fitted = canvas.fittingSize(line, size: size, maxWidth: maxWidth)
            canvas.text(line, x: width / 2, y: y, size: fitted, color ?? canvas.theme.foreground)
            y += lineHeight
        }
    }

    private static func wrap(_ line: String, canvas: Canvas, size: Double, maxWidth: Double) -> [String] {
        if canvas.fittingSize(line, size: size, maxWidth: maxWidth) >= min(size, 18) { return [line] }
        let parts = line.components(separatedBy: " + ")
        guard parts.count > 1 else { return [line] }
        var first = parts[0]
        var index = 1
        while index < parts.count,
              canvas.textWidth(first + " + " + parts[index] + " +", size: size) <= maxWidth {
            first += " + " + parts[index]
            index += 1
        }
        if index == parts.count { return [first] }
        let rest = "+ " + parts[index...].joined(separator: " + ")
        return [first + " +"] + wrap(rest, canvas: canvas, size: size, maxWidth: maxWidth)
    }
}

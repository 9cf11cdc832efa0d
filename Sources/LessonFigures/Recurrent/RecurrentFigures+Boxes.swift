import Foundation

extension RecurrentFigures {
    /// A box's place on the slide: its top-left corner and its size; public so tests can find
    /// what is drawn inside it.
    public struct BoxFrame: Equatable, Sendable {
        public var x: Double, y: Double, width: Double, height: Double

        /// The frame of a box of this size centred on `center`.
        public init(center: (Double, Double), width: Double, height: Double) {
            x = center.0 - width / 2
            y = center.1 - height / 2
            self.width = width
            self.height = height
        }

        /// Whether the point lies inside the frame.
        public func contains(_ px: Double, _ py: Double) -> Bool {
            px >= x && px <= x + width && py >= y && py <= y + height
        }

        /// Whether the two frames share any area.
        public func meets(_ other: BoxFrame) -> Bool {
            x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
        }
    }

    /// The size of a number in a box: the boxes are a lecture's cells, read from the back of a hall.
    public static let numberSize = 24.0
    /// The size of a box's name line.
    static let nameSize = 20.0
    /// The distance between the centres of two stacked numbers.
    static let linePitch = 27.0
    /// The centres of the name line and of the first number below a box's top, at text scale 1
    /// (with `--text-scale` they keep a 6 px margin and scale the rest).
    static let nameLine = 20.0, firstLine = 48.0
    /// The y of a line at `offset` below a box's top (at text scale 1) with text scaled by `scale`.
    static func line(_ offset: Double, scale: Double) -> Double { 6 + (offset - 6) * scale }

    /// The height of a box holding `lines` lines of numbers under its name: one number a line,
    /// so every number keeps `numberSize` however many the vector holds (`textScale` times
    /// taller with `--text-scale`).
    public static func boxHeight(lines: Int, textScale: Double = 1) -> Double {
        12 + (firstLine + linePitch * Double(max(lines, 1) - 1) + 24 - 12) * textScale
    }

    /// The lines a box of a vector of `count` numbers uses when it may use at most `maximum`:
    /// a vector that does not fit shows its first `maximum − 1` numbers and a line saying how many more.
    public static func lines(for count: Int, maximum: Int) -> Int { min(max(count, 1), maximum) }

    /// A box with its name on the top line and its numbers under it, one a line at `numberSize`
    /// (`columns` vectors side by side, e.g. the two halves of a concatenation); a vector longer
    /// than `lines` shows its first `lines − 1` numbers and "+k more".
    static func valueBox(_ name: String, _ columns: [[Double]]?, frame: BoxFrame, lines: Int, fill: Color, on canvas: Canvas) {
        let theme = canvas.theme
        canvas.box(x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: fill, stroke: theme.gridLine)
        let center = frame.x + frame.width / 2, scale = canvas.textScale
        let nameSize = fitted(name, size: Self.nameSize, floor: textSize, maxWidth: frame.width - 8, weight: .bold, on: canvas)
        guard let columns else {
            canvas.text(name, x: center, y: frame.y + frame.height / 2, size: nameSize, theme.muted, weight: .bold)
            return
        }
        canvas.text(name, x: center, y: frame.y + line(nameLine, scale: scale), size: nameSize, theme.muted, weight: .bold)
        let columnWidth = frame.width / Double(columns.count)
        for (index, values) in columns.enumerated() {
            let x = frame.x + columnWidth * (Double(index) + 0.5)
            if index > 0 {
                canvas.line(from: (frame.x + columnWidth * Double(index), frame.y + line(firstLine - 14, scale: scale)), to: (frame.x + columnWidth * Double(index), frame.y + frame.height - 8),
                            theme.gridLine, lineWidth: 1)
            }
            let cut = values.count > lines
            for (line, value) in values.prefix(cut ? lines - 1 : lines).enumerated() {
                let text = number(value)
                canvas.text(text, x: x, y: frame.y + Self.line(firstLine + linePitch * Double(line), scale: scale),
                            size: fitted(text, size: numberSize, floor: numberSize, maxWidth: columnWidth - 6, on: canvas), theme.foreground)
            }
            if cut {
                canvas.text("+\(values.count - lines + 1) more", x: x, y: frame.y + line(firstLine + linePitch * Double(lines - 1), scale: scale), size: textSize, theme.muted)
            }
        }
    }

    /// The size to draw `text` at so it fits `maxWidth`: `size`, shrunk to fit, but never under
    /// `floor` as drawn; with `--text-scale` it grows as far as it fits and never ends smaller
    /// than it is without it.
    static func fitted(_ text: String, size: Double, floor: Double, maxWidth: Double, weight: FontWeight = .normal,
                       on canvas: Canvas) -> Double {
        let scale = canvas.textScale
        let fitting = canvas.fittingSize(text, size: size, maxWidth: maxWidth, weight: weight)
        let unscaled = max(floor, min(size, fitting * scale))
        return max(unscaled / scale, fitting)
    }

    /// The sentence a figure whose vectors were cut shows: how many numbers each box holds.
    static func cutNote(longest: Int, lines: Int) -> String? {
        longest > lines ? "vectors of \(longest) numbers do not fit at projector size: \(firstNumbers(lines - 1)) of each shown (the text output lists them all)" : nil
    }

    /// `prefix` and the vector, with as many of its numbers as fit in `maxWidth` at 18 px
    /// followed by "…" when not all do (a label along an arrow; the captions and the text
    /// output hold the whole vector).
    static func fittingVector(_ prefix: String, _ values: [Double], maxWidth: Double, on canvas: Canvas) -> String {
        let whole = prefix + vector(values)
        guard canvas.textWidth(whole, size: textSize) > maxWidth else { return whole }
        for count in stride(from: values.count - 1, through: 1, by: -1) {
            let label = prefix + "(" + values.prefix(count).map { number($0) }.joined(separator: ", ") + ", …)"
            if canvas.textWidth(label, size: textSize) <= maxWidth { return label }
        }
        return prefix + "(…)"
    }

    /// "the first number" or "the first n numbers".
    static func firstNumbers(_ count: Int) -> String { count == 1 ? "the first number" : "the first \(count) numbers" }

    /// `lines` split where they are too wide for the slide at `size` (between the parts of a
    /// sum or a list, never inside a vector's parentheses), so no caption shrinks under `size`.
    static func wrapped(_ lines: [String], size: Double, on canvas: Canvas, maxWidth: Double = 1220) -> [String] {
        lines.flatMap { line -> [String] in
            let line = Typography.typeset(line)
            guard canvas.textWidth(line, size: size) > maxWidth else { return [line] }
            var result: [String] = [], current = ""
            for word in words(line) {
                let joined = current.isEmpty ? word : current + " " + word
                if !current.isEmpty && canvas.textWidth(joined, size: size) > maxWidth {
                    result.append(current)
                    current = word
                } else {
                    current = joined
                }
            }
            return result + [current]
        }
    }

    /// The words of a line, a parenthesised vector counting as one word.
    private static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", depth = 0
        for character in line {
            if character == "(" { depth += 1 }
            if character == ")" { depth = max(0, depth - 1) }
            if character == " " && depth == 0 {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

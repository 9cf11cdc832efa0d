import LessonCore

/// The figure of a model summary: a table like Keras's `model.summary()` (layer, output
/// shape, parameters) with each count's formula written out, and the total at the bottom.
/// Layers without weights are muted; the formulas use the theme's `current` colour for the
/// result. It only reads the summary.
public enum ModelSummaryFigure {
    /// The table's geometry on a 1280-wide figure: row height and the first row's centre.
    public struct Layout: Sendable {
        public var rowHeight: Double
        public var firstRowY: Double
        public var columns: [Double]
    }

    /// The size of the table's text: numbers in its cells are at least 24 px on a 1280×720 slide.
    public static let textSize = 24.0
    /// A row is this many times the text size high.
    static let rowFactor = 1 / 0.45

    /// The layout for a summary of `rows` layers; rows grow with `textScale` where there is room.
    public static func layout(rows: Int, height: Double = 720, textScale: Double = 1) -> Layout {
        let rowHeight = min(64 * textScale, (height - 260) / Double(max(rows + 1, 1)))
        return Layout(rowHeight: rowHeight, firstRowY: 110 + rowHeight * 1.5, columns: [50, 425, 745, 770])
    }

    /// How many layers one figure holds with its text at `textSize`.
    public static func rowsPerFigure(height: Double = 720) -> Int {
        max(1, Int((height - 260) / (textSize * rowFactor)) - 1)
    }

    /// The figures of `summary`: one table, or, for a model with more layers than a table holds
    /// at projector size, one table per `rowsPerFigure` layers (`summary-1`, `summary-2`, …), each
    /// saying under the title which layers it shows.
    public static func figures(_ summary: ModelSummary, title: String) -> [Figure] {
        let count = summary.layers.count, per = rowsPerFigure()
        guard count > per else { return [figure(summary, title: title)] }
        let pages = stride(from: 0, to: count, by: per).map { $0..<min($0 + per, count) }
        return pages.enumerated().map { index, rows in
            figure(summary, title: title, rows: rows, part: (index + 1, pages.count))
        }
    }

    /// One figure: the layers `rows` of `summary` (all by default); `part` numbers it among several.
    public static func figure(_ summary: ModelSummary, title: String, rows: Range<Int>? = nil,
                              part: (number: Int, of: Int)? = nil) -> Figure {
        let rows = rows ?? 0..<summary.layers.count
        let shown = Array(summary.layers[rows])
        let description = "A table of the \(summary.layers.count) layers after the \(Notation.shape(summary.inputShape)) input with their output shapes and parameter counts, \(summary.totalText) parameters in total."
            + (part == nil ? "" : " This part shows layers \(rows.lowerBound + 1) to \(rows.upperBound).")
        let note = part.map {
            "layers \(rows.lowerBound + 1)–\(rows.upperBound) of \(summary.layers.count), part \($0.number) of \($0.of): the whole table would not keep its numbers at projector size"
        }
        let name = part.map { Figure.stepName($0.number - 1, of: $0.of, prefix: "summary-") } ?? "summary"
        return Figure(name: name, description: description) { canvas in
            let theme = canvas.theme
            var layout = layout(rows: shown.count, textScale: canvas.textScale)
            Caption.title(title, on: canvas, width: 1280)
            if let note {
                Caption.note(note, on: canvas)
            }
            let headerY = layout.firstRowY - layout.rowHeight
            let size = min(textSize, layout.rowHeight / rowFactor)
            // The parameter column (right-aligned) moves right where the shapes and counts, as
            // large as they are drawn (`size` at text scale `scale`), would meet; the formulas follow it.
            func placed(_ columns: [Double], size: Double, scale: Double) -> [Double] {
                func width(_ text: String, _ weight: FontWeight) -> Double {
                    let drawn = canvas.textWidth(text, size: size, weight: weight)
                    return scale == canvas.textScale ? drawn : drawn / canvas.textScale * scale
                }
                let shapeWidth = ([width("Output shape", .bold)] + shown.map { width(Notation.shape($0.outputShape), .normal) }).max() ?? 0
                let paramWidth = ([width("Param #", .bold)] + shown.map { width(Notation.grouped($0.params), .bold) }).max() ?? 0
                var columns = columns
                let paramRight = columns[1] + shapeWidth + 16 + paramWidth
                if paramRight > columns[2] {
                    columns[3] += paramRight - columns[2]
                    columns[2] = paramRight
                }
                return columns
            }
            layout.columns = placed(layout.columns, size: size, scale: canvas.textScale)
            let x = layout.columns
            // The table at text scale 1: no text is drawn smaller here than there.
            let unscaled = Self.layout(rows: shown.count)
            let unscaledSize = min(textSize, unscaled.rowHeight / rowFactor)
            let unscaledX = canvas.textScale > 1 ? placed(unscaled.columns, size: unscaledSize, scale: 1) : x
            canvas.text("Layer (type)", x: x[0], y: headerY, size: size, theme.foreground, align: .left, weight: .bold)
            canvas.text("Output shape", x: x[1], y: headerY, size: size, theme.foreground, align: .left, weight: .bold)
            canvas.text("Param #", x: x[2], y: headerY, size: size, theme.foreground, align: .right, weight: .bold)
            canvas.text("Formula", x: x[3], y: headerY, size: size, theme.foreground, align: .left, weight: .bold)
            canvas.line(from: (40, headerY + layout.rowHeight / 2), to: (1240, headerY + layout.rowHeight / 2), theme.gridLine, lineWidth: 2)
            // The input's shape right of the headers; above them where it would meet "Formula" (and
            // no note on the part shown is there).
            let input = "input " + Notation.shape(summary.inputShape)
            let besideFormula = x[3] + canvas.textWidth("Formula", size: size, weight: .bold) + 16
                <= 1240 - canvas.textWidth(input, size: size * 0.85)
            let inputY = besideFormula || note != nil ? headerY : headerY - layout.rowHeight / 2 - 0.6 * size * 0.85 * canvas.textScale
            canvas.text(input, x: 1240, y: inputY, size: size * 0.85, theme.muted, align: .right)
            for (i, row) in shown.enumerated() {
                let y = layout.firstRowY + Double(i) * layout.rowHeight
                if i % 2 == 1 {
                    canvas.fillRect(x: 40, y: y - layout.rowHeight / 2, width: 1200, height: layout.rowHeight, theme.padding.withAlpha(0.45))
                }
                let color = row.params == 0 ? theme.muted : theme.foreground
                // One line where it fits at nearly the table's size, else two where the row holds
                // them (else one line, down to 18 px: read from the back of a hall).
                // Each line no smaller than text scale 1 draws it, in `unscaledWidth` (a few px past
                // `maxWidth` rather).
                func cell(_ whole: String, split: (String, String), x: Double, maxWidth: Double, unscaledWidth: Double) {
                    let one = canvas.unscaledFittingSize(whole, size: unscaledSize, maxWidth: unscaledWidth)
                    let splitsUnscaled = !(one >= unscaledSize - 2 || split.1.isEmpty || unscaled.rowHeight < 2 * 20)
                    let unscaledSmall = max(18, min(unscaledSize, 0.4 * unscaled.rowHeight))
                    let least = splitsUnscaled
                        ? (canvas.unscaledFittingSize(split.0, size: unscaledSmall, maxWidth: unscaledWidth),
                           canvas.unscaledFittingSize(split.1, size: unscaledSmall, maxWidth: unscaledWidth))
                        : (one, one)
                    let fitted = canvas.fittingSize(whole, size: size, maxWidth: maxWidth)
                    if fitted >= size - 2 || split.1.isEmpty || layout.rowHeight < 2 * 20 * canvas.textScale {
                        canvas.text(whole, x: x, y: y, size: canvas.atLeastUnscaled(fitted, min(least.0, least.1)), color, align: .left)
                        return
                    }
                    // Two lines as far apart as they are drawn tall (and a pixel more where the text
                    // is scaled), inside the row.
                    let small = max(18, min(size, 0.4 * layout.rowHeight / canvas.textScale))
                    let apart = min(small * 0.65 * canvas.textScale + 2 * (canvas.textScale - 1), layout.rowHeight / 4)
                    canvas.text(split.0, x: x, y: y - apart,
                                size: canvas.atLeastUnscaled(canvas.fittingSize(split.0, size: small, maxWidth: maxWidth), least.0),
                                color, align: .left)
                    canvas.text(split.1, x: x, y: y + apart,
                                size: canvas.atLeastUnscaled(canvas.fittingSize(split.1, size: small, maxWidth: maxWidth), least.1),
                                color, align: .left)
                }
                // The type goes under the name, the numbers under the symbols.
                // The word is the user's, drawn as written.
                let word = Typography.literal(row.word)
                cell("\(word) (\(row.type))", split: (word, "(\(row.type))"), x: x[0], maxWidth: x[1] - x[0] - 16,
                     unscaledWidth: unscaledX[1] - unscaledX[0] - 16)
                canvas.text(Notation.shape(row.outputShape), x: x[1], y: y, size: size, color, align: .left)
                canvas.text(Notation.grouped(row.params), x: x[2], y: y, size: size, row.params == 0 ? theme.muted : theme.current,
                            align: .right, weight: .bold)
                if row.params == 0 {
                    cell(row.formula, split: (row.formula, ""), x: x[3], maxWidth: 1240 - x[3], unscaledWidth: 1240 - unscaledX[3])
                } else {
                    cell(row.symbolic + " = " + row.formula, split: (row.symbolic, "= " + row.formula), x: x[3], maxWidth: 1240 - x[3],
                         unscaledWidth: 1240 - unscaledX[3])
                }
            }
            let bottom = layout.firstRowY + Double(shown.count) * layout.rowHeight - layout.rowHeight / 2
            canvas.line(from: (40, bottom), to: (1240, bottom), theme.gridLine, lineWidth: 2)
            var lines = ["Total params: " + summary.totalText]
            if summary.nonTrainableParams > 0 {
                lines.append("Trainable: \(Notation.grouped(summary.trainableParams)) · Non-trainable: \(Notation.grouped(summary.nonTrainableParams)) (batch normalisation's moving mean and variance)")
            }
            Caption.lines(lines, on: canvas, width: 1280, bottom: min(720 - 50, bottom + 50 + 38 * Double(lines.count - 1)), size: 26)
        }
    }
}

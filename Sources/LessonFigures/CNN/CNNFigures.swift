import LessonCore

/// The figures of the cnn lesson, all read from its traces: the whole network with its shapes
/// (as the notes draw "the whole CNN"), one figure per layer forward, one per layer backward.
///
/// Forward: `forward-1-conv`, `forward-2-relu`, `forward-3-pool`, `forward-4-flatten`,
/// `forward-5-dense`; backward in reverse: `backward-5-dense`, `backward-4-flatten`,
/// `backward-3-pool`, `backward-2-relu`, `backward-1-conv`; then `overview`.
public enum CNNFigures {
    /// Every figure, in the order a reader steps through them.
    public static func figures(_ forward: CNNForwardTrace, _ backward: CNNBackwardTrace, update: CNNUpdate? = nil) -> [Figure] {
        [overview(forward, update: update)] + forwardFrames(forward) + backwardFrames(forward, backward)
    }

    static let title = "A small CNN"

    /// Numbers in figures: 3 decimals.
    static func number(_ value: Double) -> String { Notation.number(value, decimals: 3) }

    /// `z₁`, `a₂`: a symbol with a 1-based map index.
    static func map(_ symbol: String, _ k: Int) -> String { symbol + NetworkNotation.lowered(k + 1) }

    /// A vector as a column matrix.
    static func column(_ values: [Double]) -> Tensor { Tensor(shape: [values.count, 1], scalars: values) }

    /// An arrow across the gap between two columns of grids, with the operation's name above it
    /// (in the backward colour when `backward`).
    static func arrow(_ left: [Grid], _ right: [Grid], _ label: String, _ detail: String? = nil, on canvas: Canvas,
                      backward: Bool = false) {
        let theme = canvas.theme
        var (x, y) = CNNLayout.between(left, right)
        if canvas.textScale != 1 {
            // The grids lie lower or higher in a band made for larger text: the arrow at their middle.
            let grids = left + right
            y = ((grids.map(\.y).min() ?? y) + (grids.map { $0.y + $0.height }.max() ?? y)) / 2
        }
        let leftEdge = left.map { $0.x + $0.width }.max() ?? x, rightEdge = right.map(\.x).min() ?? x
        let from = (leftEdge + 10, y), to = (rightEdge - 10, y)
        // Arrows follow the computation; in a backward figure they take the backward colour.
        canvas.arrow(from: from, to: to, backward ? theme.negative : theme.foreground, lineWidth: 3)
        // A lone operator symbol (⋆, ∘, =, −) is drawn large; a name keeps 18 px (read from the
        // back of a hall) and, like the detail under the arrow, is broken between words where it
        // is wider than the gap, its last line just above the arrow; lines as far apart as drawn.
        let lineHeight = 22 * canvas.textScale
        // Drawn larger, the grids' labels reach further into the gap: the lines keep off its sides.
        let maxWidth = rightEdge - leftEdge - 6 - (canvas.textScale == 1 ? 0 : 40 * canvas.textScale)
        if label.count == 1 {
            canvas.text(label, x: x, y: y - 30, size: 40, theme.foreground, weight: .bold)
        } else {
            let lines = wrapped(label, size: 18, maxWidth: maxWidth, on: canvas, weight: .bold)
            for (k, line) in lines.enumerated() {
                canvas.text(line, x: x, y: y - 22 - lineHeight * Double(lines.count - 1 - k), size: 18, theme.foreground, weight: .bold)
            }
        }
        if let detail {
            for (k, line) in wrapped(detail, size: 18, maxWidth: maxWidth, on: canvas).enumerated() {
                canvas.text(line, x: x, y: y + 24 + lineHeight * Double(k), size: 18, theme.muted)
            }
        }
    }

    /// `text` broken between words into lines no wider than `maxWidth` at `size` (a word wider
    /// than that gets a line of its own).
    static func wrapped(_ text: String, size: Double, maxWidth: Double, on canvas: Canvas, weight: FontWeight = .normal) -> [String] {
        var lines: [String] = []
        // Words inside parentheses stay together ("max(0, z)" is not broken after its comma).
        var groups: [String] = []
        for word in text.split(separator: " ").map(String.init) {
            if let last = groups.last, last.filter({ $0 == "(" }).count > last.filter({ $0 == ")" }).count {
                groups[groups.count - 1] = last + " " + word
            } else {
                groups.append(word)
            }
        }
        // A hyphenated word too wide for the gap may break after its hyphen ("cross-" "correlate").
        let words = groups.flatMap { word -> [String] in
            guard word.contains("-"), canvas.textWidth(word, size: size, weight: weight) > maxWidth else { return [word] }
            let parts = word.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            return parts.dropLast().map { $0 + "-" } + [parts[parts.count - 1]]
        }
        for word in words {
            let joined = lines.last.map { $0.hasSuffix("-") ? $0 + word : $0 + " " + word }
            if let joined, canvas.textWidth(joined, size: size, weight: weight) <= maxWidth {
                lines[lines.count - 1] = joined
            } else {
                lines.append(word)
            }
        }
        return lines
    }

    /// A matrix drawn with its values, cells filled by `fill` (nil: the theme's cell colour).
    /// With `numbers` false, or cells too small for numbers read from the back of a hall, only
    /// the fills are drawn (a map of the matrix). A grid that is a window marks its cut sides.
    static func values(_ tensor: Tensor, in grid: Grid, label: String?, on canvas: Canvas, bold: Bool = false,
                       numbers: Bool = true, fill: (Int, Int) -> Color? = { _, _ in nil }) {
        self.grid(tensor, grid, label, canvas) { r, c in
            CellStyle(fill: fill(r, c), text: numbers ? number(tensor[r, c]) : nil, bold: bold)
        }
    }

    /// Draws a grid with a style per cell; texts and notes are left out of a grid whose cells
    /// cannot hold them at projector size (`cellNeed`), and the cut sides of a window are marked ⋯.
    static func grid(_ tensor: Tensor, _ grid: Grid, _ label: String?, _ canvas: Canvas, style: (Int, Int) -> CellStyle) {
        var styles: [Int: CellStyle] = [:]
        for r in grid.shownRows { for c in grid.shownColumns { styles[r * tensor.shape[1] + c] = style(r, c) } }
        let numbers = styles.values.allSatisfy { s in s.text.map { cellNeed($0) <= grid.cellSize + 1e-9 } ?? true }
        let notes = styles.values.allSatisfy { s in s.note.map { noteNeed($0) <= grid.cellSize + 1e-9 } ?? true }
        var floored = grid
        floored.numberFloor = cellNumberSize
        floored.uniformNumbers = true
        // A window says in its label which part of the matrix it is: "image x (4×4 of 10×10)".
        let cut = grid.rows < tensor.shape[0] || grid.columns < tensor.shape[1]
        let shownPart = tensor.shape[1] == 1 ? "\(grid.rows) of \(tensor.shape[0])"
            : "\(Notation.shape([grid.rows, grid.columns])) of \(Notation.shape(tensor.shape))"
        let fullLabel = label.map { cut ? $0 + " (" + shownPart + ")" : $0 }
        // Grid places a cell's number and its corner note for text scale 1 (they meet drawn larger):
        // a grid whose cells carry notes draws its numbers and notes as at scale 1, still 24 and 18 px or more.
        let scale = canvas.textScale
        let noted = numbers && notes && styles.values.contains { $0.note != nil }
        if noted { canvas.textScale = 1 }
        floored.draw(on: canvas, label: nil) { r, c in
            var s = styles[r * tensor.shape[1] + c] ?? CellStyle()
            if !numbers { s.text = nil }
            if !numbers || !notes { s.note = nil }
            return s
        }
        canvas.textScale = scale
        let theme = canvas.theme
        if let fullLabel {
            // As Grid.draw writes it, moved in from the slide's edge where it is wider than the grid.
            // Drawn larger, a label wider than its grid and a little of the gaps beside it (where the
            // next column's label is) is shrunk to fit, never under 18 px as drawn.
            var size = max(18, min(26, grid.cellSize * 0.36))
            if canvas.textScale != 1 {
                let room = grid.width + 60 * canvas.textScale
                size = max(18 / canvas.textScale, min(size, canvas.fittingRichSize(fullLabel, size: size, maxWidth: room, weight: .bold)))
            }
            let width = canvas.richTextWidth(fullLabel, size: size, weight: .bold)
            let x = min(max(grid.x + grid.width / 2, 12 + width / 2), 1268 - width / 2)
            canvas.richText(fullLabel, x: x, y: grid.y - max(18, grid.cellSize * 0.35), size: size, theme.foreground, weight: .bold)
        }
        // Off the arrows (at the band's middle) and the labels (centred above each grid).
        if grid.rows < tensor.shape[0] {
            canvas.text("⋮", x: grid.x + 12, y: grid.y + grid.height + 16 * canvas.textScale, size: 24, theme.muted, weight: .bold)
        }
        if grid.columns < tensor.shape[1] {
            // Beside the first or the last row, whichever is farther from the arrows' names.
            let arrowY = CNNLayout.between([grid], [grid]).1
            let first = grid.y + grid.cellSize / 2, last = grid.y + grid.height - grid.cellSize / 2
            // At a larger text scale the arrows lie at their grids' middle, under a first row.
            let byFirst = canvas.textScale != 1 || abs(first - arrowY) >= abs(last - arrowY)
            canvas.text("⋯", x: grid.x + grid.width + 16, y: byFirst ? first : last, size: 24,
                        theme.muted, weight: .bold)
        }
    }

    /// The `top` of a dense figure's layout, whose W has cells of at least `need`: room above W
    /// for the row fᵀ (a cell high, 40 px over W) under the figure's note.
    static func denseTop(_ need: Double) -> Double { max(170, 116 + max(64, need)) }

    /// fᵀ as a row above the dense weights `w`, so each column of W lines up with the value it
    /// multiplies; labelled beside the row (above it is the figure's note), on the left where
    /// there is room.
    static func flattenedRow(above w: Grid, _ forward: CNNForwardTrace, on canvas: Canvas) {
        let row = Grid(rows: 1, columns: w.columns, x: w.x, y: w.y - w.cellSize - 40, cellSize: w.cellSize, firstColumn: w.firstColumn)
        values(Tensor(shape: [1, forward.flattened.count], scalars: forward.flattened), in: row, label: nil, on: canvas) { _, _ in
            canvas.theme.doneFill(0.15)
        }
        let cut = row.columns < forward.flattened.count
        let name = cut ? "fᵀ (\(row.columns) of \(forward.flattened.count))" : "fᵀ"
        let left = row.x >= canvas.textWidth(name, size: 26, weight: .bold) + 24
        if !left, canvas.textScale != 1 {
            // Drawn larger, right of the row it meets the next column's label: above the row's start.
            return canvas.text(name, x: row.x, y: row.y - 24 * canvas.textScale, size: 26, canvas.theme.foreground, align: .left, weight: .bold)
        }
        canvas.text(name, x: left ? row.x - 14 : row.x + row.width + (cut ? 36 : 14), y: row.y + row.cellSize / 2, size: 26,
                    canvas.theme.foreground, align: left ? .right : .left, weight: .bold)
    }

    /// A sum of more than 9 terms ("a + b + … = r") cut to its first 3 and last 2 terms around "…",
    /// so a caption keeps 18 px on two lines (the text output writes every term).
    static func abbreviated(_ sum: String) -> String {
        let end = sum.range(of: " = ", options: .backwards)
        let terms = (end.map { String(sum[..<$0.lowerBound]) } ?? sum).components(separatedBy: " + ")
        guard terms.count > 9 else { return sum }
        return (terms.prefix(3) + ["…"] + terms.suffix(2)).joined(separator: " + ") + (end.map { String(sum[$0.lowerBound...]) } ?? "")
    }

    /// The text floor of the cnn figures, in pixels of a 1280×720 slide.
    static let textFloor = 18.0

    /// The smallest cell whose number reads at projector size (24 px): the cnn grids keep a
    /// number at that floor (`Grid.numberFloor`) while it is at most half the cell high and fits
    /// 0.94 of its width, so "−4.5" needs a 71 px cell and "−0.088" a 108 px one. A matrix of
    /// such cells too large for the slide is cut (a window) rather than its numbers shrunk.
    static func cellNeed(_ text: String) -> Double { Grid.readableCell(for: text, floor: cellNumberSize) }

    /// The size every number in a cell keeps.
    static let cellNumberSize = ConvolutionFigures.minimumNumberSize

    /// The smallest cell whose corner note reads at 18 px (the Grid writes it at 0.3 of the cell,
    /// up to 18 px, fitted to 0.9 of the cell).
    static func noteNeed(_ text: String) -> Double { max(textFloor / 0.3, Grid.ems(text) * textFloor / 0.9 + 1) }

    /// The smallest cell every number of these matrices needs.
    static func need(_ tensors: [Tensor]) -> Double {
        tensors.flatMap(\.scalars).map { cellNeed(number($0)) }.max() ?? 0
    }

    /// The name under a matrix drawn without a label above it (W, ∂L/∂W), with the part shown
    /// when the grid is a window of it: "W (one row per class) (3×8 of 3×32)".
    static func nameWithPart(_ name: String, _ grid: Grid, _ shape: [Int]) -> String {
        grid.rows < shape[0] || grid.columns < shape[1]
            ? name + " (\(Notation.shape([grid.rows, grid.columns])) of \(Notation.shape(shape)))" : name
    }

    /// Draws `nameWithPart` under `grid`, centred; at a larger text scale it starts right of the ⋮
    /// of a grid cut below (which it would meet, drawn wider than the grid).
    static func name(_ name: String, under grid: Grid, _ shape: [Int], on canvas: Canvas) {
        let text = nameWithPart(name, grid, shape)
        var x = grid.x + grid.width / 2, size = 18.0
        if canvas.textScale != 1, grid.rows < shape[0] {
            // Between the ⋮ and the next column's ⋮, shrunk to fit there (18 px or more as drawn).
            let left = grid.x + 20 + 16 * canvas.textScale, room = grid.x + grid.width + 40 * canvas.textScale - left
            size = max(18 / canvas.textScale, canvas.fittingSize(text, size: 18, maxWidth: room, weight: .bold))
            let width = canvas.textWidth(text, size: size, weight: .bold)
            x = canvas.centerOnSlide(width: width, x: max(x, left + width / 2))
        }
        canvas.text(text, x: x, y: grid.y + grid.height + 24, size: size, canvas.theme.foreground, weight: .bold)
    }

    /// The sentence a figure shows when its layout had to leave numbers out or cut a matrix.
    static func projectorNote(_ grids: [[Grid]], _ shapes: [[[Int]]], on canvas: Canvas) {
        guard let note = projectorNoteText(grids, shapes) else { return }
        Caption.note(note, on: canvas, y: noteY(76, on: canvas))
    }

    /// What `projectorNote` writes, if anything.
    static func projectorNoteText(_ grids: [[Grid]], _ shapes: [[[Int]]]) -> String? {
        let mapped = grids.contains { column in column.dropFirst().contains { $0.cellSize < column[0].cellSize - 1e-9 } }
        let cut = zip(grids, shapes).contains { column, shapes in
            zip(column, shapes).contains { $0.rows < $1[0] || $0.columns < $1[1] }
        }
        guard mapped || cut else { return nil }
        var parts: [String] = []
        if mapped { parts.append("small grids map the other filters") }
        if cut { parts.append("⋯ marks a cut: a label's (r×c of m×n) is the top-left part shown") }
        return "too many values at projector size: " + parts.joined(separator: "; ")
    }

    /// The y of the note under the title: lower where the title is drawn larger.
    static func noteY(_ y: Double, on canvas: Canvas) -> Double { y + 28 * (canvas.textScale - 1) }

    /// Where the grids start (`top`) at the canvas's text scale: under the title and the note as
    /// drawn, its `noteLines` lines included, with room for the grids' larger labels.
    static func scaledTop(_ top: Double, noteLines: Int, on canvas: Canvas) -> Double {
        let s = canvas.textScale
        return s == 1 ? top : top + 55 * (s - 1) + 18 * 1.3 * s * Double(noteLines - 1)
    }

    /// The band under the grids at the canvas's text scale: the grids and the texts under them (⋮,
    /// a matrix's name) end above the caption `lines` as drawn.
    static func scaledBottomBand(_ bottomBand: Double, caption lines: [String], size: Double, on canvas: Canvas) -> Double {
        let s = canvas.textScale
        return s == 1 ? bottomBand : max(bottomBand, 762 + 13 * s - Caption.top(of: lines, on: canvas, width: 1280, bottom: 680, size: size))
    }

    /// A layer figure's grids (`CNNLayout.projector`) at the canvas's text scale: gaps as much
    /// wider as the text, the grids between the title's note and the caption `caption` (at `size`)
    /// as drawn; at text scale 1 the layout as given.
    static func layout(_ shapes: [[[Int]]], needs: [Double], maxCell: Double, gap: Double, top: Double = 110,
                       caption: [String], size: Double, on canvas: Canvas) -> [[Grid]] {
        let s = canvas.textScale
        guard s != 1 else { return CNNLayout.projector(shapes, needs: needs, maxCell: maxCell, gap: gap, top: top) }
        let bottomBand = scaledBottomBand(130, caption: caption, size: size, on: canvas)
        var noteLines = 1, grids: [[Grid]] = []
        // The note under the title may take more lines than one; the grids start under them.
        for _ in 0..<3 {
            grids = CNNLayout.projector(shapes, needs: needs, maxCell: maxCell, gap: gap * s, top: scaledTop(top, noteLines: noteLines, on: canvas),
                                        bottomBand: bottomBand, textScale: s)
            let lines = projectorNoteText(grids, shapes).map { Caption.noteLines($0, on: canvas) } ?? 1
            guard lines > noteLines else { break }
            noteLines = lines
        }
        return grids
    }

    /// The whole network with its shapes: image → feature maps → ReLU → pooled → flattened → probabilities.
    public static func overview(_ forward: CNNForwardTrace, update: CNNUpdate? = nil) -> Figure {
        let s = forward.shapes
        let description = "The whole CNN: a \(Notation.shape(s.image)) image, \(s.filters) filters give \(s.filters)@\(Notation.shape(s.featureMap)) feature maps, ReLU, max pooling to \(s.filters)@\(Notation.shape(s.pooled)), flattened to \(s.flattened) values, a dense layer to \(s.classes) classes and softmax; loss \(Notation.number(forward.loss.total, decimals: 4))."
        return Figure(name: "overview", description: description) { canvas in
            let theme = canvas.theme
            Caption.title("\(title) · the whole network with its shapes", on: canvas, width: 1280)
            let maps = Array(repeating: s.featureMap, count: s.filters)
            let pooled = Array(repeating: s.pooled, count: s.filters)
            var lines = ["Convolution → ReLU → Max Pooling → Flattened → Fully Connected → softmax: L = −Σ yᵢ log ŷᵢ = \(Notation.number(forward.loss.total, decimals: 4))"]
            if let update {
                lines.append("one gradient-descent step with α = \(Notation.number(update.learningRate, decimals: 6)): L \(Notation.number(update.lossBefore, decimals: 4)) → \(Notation.number(update.lossAfter, decimals: 4))")
            }
            let note = "too many values to read at projector size: the layer figures (forward-…, backward-…) show them"
            var grids = CNNLayout.columns([[s.image], maps, maps, pooled, [[s.flattened, 1]], [[s.classes, 1]]], gap: 100 * canvas.textScale,
                                          top: scaledTop(110, noteLines: Caption.noteLines(note, on: canvas), on: canvas),
                                          bottomBand: scaledBottomBand(160, caption: lines, size: 21, on: canvas)
                                            + (canvas.textScale == 1 ? 0 : 24 * canvas.textScale + 10), // the shapes under the columns
                                          textScale: canvas.textScale)
            // The few probabilities get cells large enough to read, centred where the layout put them.
            let small = grids[5][0], big = max(small.cellSize, min(max(90, need([column(forward.probabilities)])), 420 / Double(s.classes)))
            grids[5][0] = Grid(rows: s.classes, columns: 1, x: min(small.x + small.width / 2 - big / 2, 1270 - big),
                               y: small.y + small.height / 2 - big * Double(s.classes) / 2, cellSize: big)
            // The whole network rarely fits numbers at projector size: then the matrices are drawn
            // as maps (fills, outlines, shapes) and the figure says where the values are.
            let needs = [need([forward.image]), need(forward.convolutions.map(\.output)), need(forward.activations),
                         need(forward.pools.map(\.output)), need([column(forward.flattened)])]
            let numbers = zip(grids, needs).allSatisfy { column, need in column.allSatisfy { $0.cellSize >= need - 1e-9 } }
            if !numbers {
                Caption.note(note, on: canvas, y: noteY(84, on: canvas))
            }
            values(forward.image, in: grids[0][0], label: "image x", on: canvas, numbers: numbers)
            for k in 0..<s.filters {
                values(forward.convolutions[k].output, in: grids[1][k], label: map("z", k), on: canvas, numbers: numbers) { r, c in
                    forward.reluMasks[k][r, c] == 1 ? nil : theme.padding
                }
                values(forward.activations[k], in: grids[2][k], label: map("a", k), on: canvas, numbers: numbers) { r, c in
                    forward.reluMasks[k][r, c] == 1 ? theme.doneFill(0.18) : nil
                }
                let winners = Set(forward.pools[k].steps.compactMap { $0.winnerCell.map { $0.row * s.featureMap[1] + $0.column } })
                for r in 0..<s.featureMap[0] {
                    for c in 0..<s.featureMap[1] where winners.contains(r * s.featureMap[1] + c) {
                        grids[2][k].outline(rows: r...r, columns: c...c, on: canvas, theme.highlight, lineWidth: 3)
                    }
                }
                values(forward.pools[k].output, in: grids[3][k], label: map("p", k), on: canvas, numbers: numbers) { _, _ in
                    theme.highlight.withAlpha(0.2)
                }
            }
            let palette = [theme.current, theme.highlight, theme.done, theme.negative]
            values(column(forward.flattened), in: grids[4][0], label: "f", on: canvas, numbers: numbers) { r, _ in
                palette[forward.origin(ofFlattened: r).map % palette.count].withAlpha(0.18)
            }
            let best = forward.probabilities.indices.max { forward.probabilities[$0] < forward.probabilities[$1] }
            values(column(forward.probabilities), in: grids[5][0], label: "ŷ", on: canvas, bold: true) { r, _ in
                r == best ? theme.current.withAlpha(0.25) : nil
            }
            let filter = Notation.shape(forward.convolutions[0].kernel.shape)
            arrow(grids[0], grids[1], "conv", "\(s.filters)× \(filter)", on: canvas)
            arrow(grids[1], grids[2], "ReLU", on: canvas)
            arrow(grids[2], grids[3], "max pool", forward.pools[0].settings.replacingOccurrences(of: "max pooling ", with: ""), on: canvas)
            arrow(grids[3], grids[4], "flatten", on: canvas)
            arrow(grids[4], grids[5], "dense", "softmax", on: canvas)
            // Shapes under each column, the way the notes label the stages.
            let shapes = [Notation.shape(s.image), "\(s.filters)@\(Notation.shape(s.featureMap))", "\(s.filters)@\(Notation.shape(s.featureMap))",
                          "\(s.filters)@\(Notation.shape(s.pooled))", "\(s.flattened)", "\(s.classes)"]
            // At a larger text scale they share one line, under the tallest column (clear of the
            // arrows' details, which reach lower under short columns).
            let lowest = grids.flatMap { $0.map { $0.y + $0.height } }.max() ?? 0
            for (index, column) in grids.enumerated() {
                let bottom = canvas.textScale == 1 ? column.map { $0.y + $0.height }.max() ?? 0 : lowest
                let center = column.map { $0.x + $0.width / 2 }.reduce(0, +) / Double(column.count)
                // As large as the numbers in cells: "8" under the flattened values is a number too.
                canvas.text(shapes[index], x: center, y: bottom + 26, size: cellNumberSize, theme.muted, weight: .bold)
            }
            Caption.lines(lines, on: canvas, width: 1280, bottom: 680, size: 21)
        }
    }
}

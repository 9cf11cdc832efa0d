import LessonCore

/// The figures of a convolution written as a matrix product z = M·x: one frame per row of M
/// and an overview, plus the same matrix with symbolic entries (k1…, x1…) when it is small.
///
/// Layout: input, kernel and reshaped output at the top; below, xᵀ (the flattened input) as a
/// row lined up over the columns of M, and z = M·x as a column beside M's rows, so each
/// column of M sits under the input value it multiplies. Every number is written at the
/// projector floor (`ConvolutionFigures.minimumNumberSize`) in a cell grown for it (z's column
/// as wide as its numbers). What has no room at that size is not shrunk, and the figure says so
/// under the title: input and z at the top become maps (their numbers are in xᵀ and z), M
/// becomes a window around the row in play (the rows next to it, and the columns of its
/// weights, in parts when they spread wider than the slide) beside a map of the whole M, and
/// weights of the row that still have no room are named. Everything is read from the trace.
public enum ConvolutionMatrixFigures {
    /// Where the grids sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        /// Input, kernel and output, whole: with their numbers, or as maps (`topMaps`, `kernelNumbers`).
        public var input: Grid
        public var kernel: Grid
        public var output: Grid
        /// xᵀ and M in parts side by side: one window of M's columns, or (a row whose weights
        /// spread wider than the slide) one part per group of columns holding the row's weights,
        /// the zero columns between them left out and marked ⋯.
        public var flattenedParts: [Grid]
        public var matrixParts: [Grid]
        /// z, the rows of M shown (its column `cellWidth` wide).
        public var product: Grid
        /// The shape of the whole M.
        public var matrixShape: [Int]
        /// The map of the whole M when M is a window of it: at the right of z, or of the top band's maps.
        public var map: Grid?
        /// Whether the input and z at the top are maps (no numbers, the cells in play filled): the
        /// layout when they have no room for 24 px numbers; their numbers are in xᵀ and z below.
        public var topMaps: Bool
        /// Whether the kernel is written with its numbers (else it is a map too).
        public var kernelNumbers: Bool
        /// Columns of the current row's weights no part has room for (named in the figure).
        public var cutWeightColumns: [Int]
        /// The caption's lines the layout left room for.
        public var captionLines: Int

        /// The first part of xᵀ and of M.
        public var flattened: Grid { flattenedParts[0] }
        public var matrix: Grid { matrixParts[0] }
        /// Whether some matrix is shown as a window (its numbers would be under the floor drawn whole).
        public var zoomed: Bool { map != nil || topMaps }
        /// Whether column `c` of M (and of xᵀ) is in one of the parts.
        public func shows(column c: Int) -> Bool { matrixParts.contains { $0.shownColumns.contains(c) } }
    }

    /// The side of a cell whose number Grid writes at the projector floor (0.4 of the cell).
    static let readableCell = ConvolutionFigures.minimumNumberSize / 0.4
    /// Room beside M: its labels on the left, and between M, "=" and z; between two parts of M.
    static let labelWidth = 70.0, equalsGap = 90.0, partGap = 44.0
    /// The y of line `i` of the `count` lines under the title, and the bottom of the last one:
    /// lower and further apart at a larger text scale (the title and the lines are drawn larger).
    static func noteY(line i: Int, of count: Int, textScale: Double = 1) -> Double {
        (count == 1 ? 78 : 70) + 28 * (textScale - 1) + 24 * textScale * Double(i)
    }
    static func noteBottom(parts: Int, lines: Int, textScale: Double = 1) -> Double {
        noteY(line: lines - 1, of: parts, textScale: textScale) + 10 * textScale
    }
    /// The lines `Caption.note` breaks a sentence under the title into (an estimate a little
    /// generous, as `Grid.ems` is): one where it reads at 18 px or more on 1220 px.
    static func noteLines(_ text: String, textScale: Double) -> Int {
        let width = Grid.ems(text) * 18 * textScale
        return width <= 1220 ? 1 : Int((width / 1140).rounded(.up))
    }
    /// The caption's size and line height.
    static let captionSize = 22.0, captionLineHeight = 22.0 * 1.45

    /// The smallest cell in which every one of `texts` reads at 24 px, and at least 60 px.
    static func cell(for texts: [String]) -> Double {
        texts.reduce(readableCell) { max($0, Grid.readableCell(for: $1, floor: ConvolutionFigures.minimumNumberSize)) }
    }

    /// The texts of the input, the kernel and the output cells, numbers or symbols.
    static func cellTexts(_ trace: ConvolutionMatrixTrace, symbolic: Bool) -> (input: [String], kernel: [String], output: [String]) {
        let k = trace.matrix.kernel
        if symbolic {
            return (["x\(trace.input.count)"], [kernelName(k.shape[0] - 1, k.shape[1] - 1, kernelColumns: k.shape[1])],
                    ["z\(trace.output.count)"])
        }
        let number = { (t: Tensor) in Set(t.scalars.map { Notation.number($0) }).sorted() }
        return (number(trace.input), number(k), number(trace.output))
    }

    /// The caption of the frame of `row` (nil: the overview or the symbolic figure), every term of
    /// the row's sum, or its first 3 and last 2 when they would take more than two lines.
    static func caption(_ trace: ConvolutionMatrixTrace, row current: Int?, symbolic: Bool) -> [String] {
        let m = trace.matrix, kColumns = m.kernel.shape[1]
        let symbolicTerms = { (r: Int) in
            m.rows[r].entries.map { kernelName($0.kernelRow, $0.kernelColumn, kernelColumns: kColumns) + "·x\($0.column + 1)" }
        }
        if let current {
            let row = m.rows[current]
            let sum = symbolic ? symbolicTerms(current).joined(separator: " + ") : trace.products[current].sumText
            let line = "row \(current + 1) · x = z\(current + 1) = z\(Notation.index(row.outputRow, row.outputColumn)) = " + sum
            // Two lines of 1220 px at 22 px hold about 2 × 85 ems of text.
            return [Grid.ems(line) * captionSize > 2 * 1180 ? CNNFigures.abbreviated(line) : line]
        }
        if symbolic {
            return (0..<min(2, m.rows.count)).map { r in
                let terms = symbolicTerms(r)
                let line = "z\(r + 1) = " + terms.joined(separator: " + ")
                return Grid.ems(line) * captionSize > 1180 ? CNNFigures.abbreviated(line) : line
            }
        }
        // The values of z while the line reads at 20 px; the rest stand as "…" (z beside M has them).
        let values = trace.product.scalars.map { Notation.number($0) }
        let reshape = " reshaped to \(Notation.shape(trace.output.shape))"
        func line(_ shown: [String]) -> String { "z = M·x = (" + shown.joined(separator: ", ") + ")" + reshape }
        var shown = values
        if Grid.ems(line(values)) * 20 > 1180 {
            var head = 0
            while head < values.count - 2, Grid.ems(line(Array(values.prefix(head + 1)) + ["…"] + values.suffix(2))) * 20 <= 1180 { head += 1 }
            shown = Array(values.prefix(head)) + ["…"] + values.suffix(2)
        }
        return ["M is \(Notation.shape(m.matrix.shape)): one row per output cell, one column per input cell", line(shown)]
    }

    /// The lines `caption` takes once wrapped (an estimate a little generous, as `Grid.ems` is).
    static func wrappedLines(_ lines: [String], textScale: Double = 1) -> Int {
        lines.reduce(0) { $0 + max(1, Int((Grid.ems($1) * captionSize * textScale * 0.8 / 1220).rounded(.up))) }
    }

    /// The layout for `trace` on a 1280 × 720 canvas for the frame of `row` (nil: the overview
    /// and the symbolic figure, which show M's window from its top-left corner). Every cell with a
    /// number is large enough for it at 24 px (`cell(for:)`). When input, kernel and output do not
    /// fit whole with such cells, the input and z at the top become maps (their numbers are in xᵀ
    /// and z below); when M does not fit, it is a window around the row in play, with a map of it.
    /// At a `textScale` above 1 the bands leave room for the larger title, notes, labels and caption.
    public static func layout(for trace: ConvolutionMatrixTrace, row current: Int? = nil, symbolic: Bool = false,
                              textScale: Double = 1) -> Layout {
        // xᵀ, M and z share one cell, as large as the numbers they show need: start from the
        // kernel's (M holds its weights), grow to what the window shows, and lay out again.
        // z's column is as wide as its numbers need, its rows as high as M's.
        var cell = self.cell(for: cellTexts(trace, symbolic: symbolic).kernel), zWidth = cell
        var layout = plan(trace, row: current, symbolic: symbolic, cell: cell, zWidth: zWidth, cutLine: false, textScale: textScale)
        for _ in 0..<4 {
            let shown = shownTexts(trace, layout: layout, row: current, symbolic: symbolic)
            let (neededCell, neededWidth) = (self.cell(for: shown.matrix), self.cell(for: shown.product))
            guard neededCell > cell + 1e-9 || neededWidth > zWidth + 1e-9 else { break }
            (cell, zWidth) = (max(cell, neededCell), max(zWidth, neededWidth, neededCell))
            layout = plan(trace, row: current, symbolic: symbolic, cell: cell, zWidth: zWidth, cutLine: false, textScale: textScale)
        }
        // Weights of the row left out are named on a line of their own under the title.
        if !layout.cutWeightColumns.isEmpty {
            layout = plan(trace, row: current, symbolic: symbolic, cell: cell, zWidth: zWidth, cutLine: true, textScale: textScale)
        }
        return layout
    }

    /// The texts xᵀ and M write in `layout`'s window, and those z writes beside it.
    static func shownTexts(_ trace: ConvolutionMatrixTrace, layout: Layout, row current: Int?, symbolic: Bool)
        -> (matrix: [String], product: [String]) {
        let m = trace.matrix, kColumns = m.kernel.shape[1]
        var texts: Set<String> = ["0"], products: Set<String> = []
        for part in layout.matrixParts {
            for c in part.shownColumns { texts.insert(symbolic ? "x\(c + 1)" : Notation.number(trace.flattenedInput[c])) }
        }
        for r in layout.matrix.shownRows {
            for entry in m.rows[r].entries where layout.shows(column: entry.column) {
                texts.insert(symbolic ? kernelName(entry.kernelRow, entry.kernelColumn, kernelColumns: kColumns) : Notation.number(entry.weight))
            }
            if current.map({ r <= $0 }) ?? true { products.insert(symbolic ? "z\(r + 1)" : Notation.number(trace.product[r])) }
        }
        return (texts.sorted(), products.sorted())
    }

    /// The layout with xᵀ, M and z in cells of `cell`: input, kernel and output whole with their
    /// numbers where they fit, else maps of them; the top band lower when the sentence under the
    /// title is needed.
    private static func plan(_ trace: ConvolutionMatrixTrace, row current: Int?, symbolic: Bool, cell: Double, zWidth: Double, cutLine: Bool,
                             textScale: Double) -> Layout {
        let n = trace.input.shape, k = trace.matrix.kernel.shape, o = trace.output.shape
        let shape = trace.matrix.matrix.shape
        let texts = cellTexts(trace, symbolic: symbolic)
        let (inputCell, kernelCell, outputCell) = (self.cell(for: texts.input), self.cell(for: texts.kernel), self.cell(for: texts.output))
        let captionLines = wrappedLines(caption(trace, row: current, symbolic: symbolic), textScale: textScale)
        let bottom = 720 - 70 - captionLineHeight * textScale * Double(captionLines - 1) - 12.1 * (textScale - 1)
        let left = 40.0, right = 1240.0
        // The top band starts under the title (100), or under the lines of the sentence under it
        // (one per matrix not written out whole) and the grids' labels, which are larger and
        // higher over larger cells (`Grid.draw`).
        // At a larger text scale a sentence may take more than a line (the longest it can be is estimated).
        let largest = "\(shape[0])–\(shape[0]), columns \(shape[1])–\(shape[1]), \(shape[1])–\(shape[1])"
        let sentences = ["input, kernel and z drawn as maps: too many values for 24 px numbers (they are in xᵀ, M and z)",
                         "M (\(Notation.shape(shape))) is too large for projector-size numbers: rows \(largest) shown; the map is all of M",
                         "\(shape[1]) weights of this row (columns \(shape[1])–\(shape[1])) not drawn for lack of room; lesson run's text output lists the whole sum"]
        func topY(noteLines base: Int, labelCell: Double) -> Double {
            let lines = base + (cutLine ? 1 : 0)
            guard lines > 0 else { return 100 + 30 * (textScale - 1) }
            let drawn = textScale == 1 ? lines
                : (0..<lines).reduce(0) { $0 + Self.noteLines(sentences[cutLine && $1 == lines - 1 ? 2 : 1], textScale: textScale) }
            return noteBottom(parts: lines, lines: drawn, textScale: textScale) + 4 * textScale + max(18, labelCell * 0.35)
                + max(18, min(26, labelCell * 0.36)) * textScale / 2
        }
        // Heights: the top band, then 28 px, xᵀ, 14 px and M's rows down to `bottom`.
        func band(_ topY: Double) -> Double { bottom - topY - 28 - cell - 14 }
        func bottomBand(_ topY: Double, _ topHeight: Double, right: Double = right)
            -> (flattened: [Grid], parts: [Grid], product: Grid, cutWeights: [Int], cut: Bool) {
            matrixBand(trace, row: current, cell: cell, zWidth: zWidth, rows: max(1, min(shape[0], Int((band(topY) - topHeight) / cell))),
                       top: topY + topHeight + 28, left: left, right: right, textScale: textScale)
        }
        let mapBox = 190.0

        // Whole, with numbers, when the top band leaves M a row and fits across (with M's map if M is cut).
        let wholeTop = max(Double(n[0]) * inputCell, Double(k[0]) * kernelCell, Double(o[0]) * outputCell)
        let wholeWidth = Double(n[1]) * inputCell + Double(k[1]) * kernelCell + Double(o[1]) * outputCell + 2 * 110
        for zoomed in [false, true] {
            let top = topY(noteLines: zoomed ? 1 : 0, labelCell: max(inputCell, kernelCell, outputCell))
            guard band(top) - wholeTop >= cell, wholeWidth <= right - left else { break }
            // A window of M leaves room at the right of z for its map.
            let matrix = bottomBand(top, wholeTop, right: zoomed ? right - mapBox : right)
            guard matrix.cut == zoomed else { continue }
            var x = left + (right - left - wholeWidth) / 2
            func grid(_ shape: [Int], _ size: Double) -> Grid {
                var g = Grid(rows: shape[0], columns: shape[1], x: x, y: top + (wholeTop - Double(shape[0]) * size) / 2, cellSize: size)
                g.numberFloor = ConvolutionFigures.minimumNumberSize
                x += g.width + 110
                return g
            }
            let input = grid(n, inputCell), kernel = grid(k, kernelCell), output = grid(o, outputCell)
            let bandTop = matrix.flattened[0].y
            let map = matrix.cut ? MatrixMap.grid(shape: shape, x: matrix.product.x + matrix.product.width + 40, y: bandTop + 26, width: mapBox,
                                                  height: bottom - bandTop - 26) : nil
            return Layout(input: input, kernel: kernel, output: output, flattenedParts: matrix.flattened, matrixParts: matrix.parts,
                          product: matrix.product, matrixShape: shape, map: map, topMaps: false, kernelNumbers: true,
                          cutWeightColumns: matrix.cutWeights, captionLines: captionLines)
        }

        // Maps of input and z (and of M), the kernel with its numbers where it leaves M a row.
        // The sentence has two lines where M is a window too (as it is unless M is small).
        let noteLines = 1 + (bottomBand(topY(noteLines: 2, labelCell: kernelCell), 150).cut ? 1 : 0)
        let numbersTop = topY(noteLines: noteLines, labelCell: kernelCell)
        let kernelNumbers = band(numbersTop) - Double(k[0]) * kernelCell >= cell && Double(k[1]) * kernelCell <= 480
        let top = kernelNumbers ? numbersTop : topY(noteLines: noteLines, labelCell: 0)
        // Maps only: at a larger text scale (the notes over them take more lines) they are drawn
        // smaller where M would otherwise have no row.
        let topHeight = kernelNumbers ? max(Double(k[0]) * kernelCell, 120)
            : textScale == 1 ? 150 : max(50, min(150, band(top) - cell))
        let matrix = bottomBand(top, topHeight)
        func map(_ shape: [Int]) -> Grid { MatrixMap.grid(shape: shape, x: 0, y: 0, width: mapBox, height: topHeight) }
        var kernel = kernelNumbers ? Grid(rows: k[0], columns: k[1], x: 0, y: 0, cellSize: kernelCell) : map(k)
        kernel.numberFloor = ConvolutionFigures.minimumNumberSize
        var items = [map(n), kernel, map(o)] + (matrix.cut ? [map(shape)] : [])
        // Each item takes the width of its label if that is wider (18 px bold labels over maps).
        let labels = ["input \(Notation.shape(n)) (map)", "kernel (map)", "z reshaped \(Notation.shape(o)) (map)", "all of M, \(Notation.shape(shape))"]
        let slots = items.indices.map { max(items[$0].width, Grid.ems(labels[$0]) * 18 * textScale * 0.85) }
        let gap = 30.0
        var x = left + (right - left - slots.reduce(0, +) - gap * Double(items.count - 1)) / 2
        for i in items.indices {
            (items[i].x, items[i].y) = (x + (slots[i] - items[i].width) / 2, top + (topHeight - items[i].height) / 2)
            x += slots[i] + gap
        }
        return Layout(input: items[0], kernel: items[1], output: items[2], flattenedParts: matrix.flattened, matrixParts: matrix.parts,
                      product: matrix.product, matrixShape: shape, map: matrix.cut ? items[3] : nil, topMaps: true,
                      kernelNumbers: kernelNumbers, cutWeightColumns: matrix.cutWeights, captionLines: captionLines)
    }

    /// xᵀ over M's columns (one window, or a part per group of the row's weights when they spread
    /// wider than the slide) and z beside M's `rows` rows, centred between `left` and `right`.
    private static func matrixBand(_ trace: ConvolutionMatrixTrace, row current: Int?, cell: Double, zWidth: Double, rows rowBudget: Int,
                                   top: Double, left: Double, right: Double, textScale: Double)
        -> (flattened: [Grid], parts: [Grid], product: Grid, cutWeights: [Int], cut: Bool) {
        let shape = trace.matrix.matrix.shape
        // The "=" between M and z is drawn larger with the text, and so are the ⋯ beside M.
        let equalsGap = Self.equalsGap * textScale
        let available = right - left - labelWidth - equalsGap - zWidth - 40
        let budget = max(1, Int(available / cell))
        let columns = (current.map { trace.matrix.rows[$0].entries.map(\.column) } ?? []).sorted()
        let step = max(1, trace.matrix.dilation.columns)
        var parts: [(first: Int, count: Int)] = []
        var cutWeights: [Int] = []
        if let first = columns.first, let last = columns.last, last - first + 1 > budget {
            // The weights of one kernel row are next to each other (`step` apart with dilation):
            // one part per run of them, side by side while they fit.
            var groups: [ClosedRange<Int>] = []
            for column in columns {
                if let open = groups.last, column - open.upperBound <= step { groups[groups.count - 1] = open.lowerBound...column }
                else { groups.append(column...column) }
            }
            var used = 0.0
            for group in groups {
                let width = Double(group.count) * cell + (parts.isEmpty ? 0 : partGap)
                if used + width <= available + 1e-9 {
                    parts.append((group.lowerBound, group.count))
                    used += width
                } else if parts.isEmpty {
                    parts.append((group.lowerBound, budget))
                    used += Double(budget) * cell
                    cutWeights += columns.filter { group.contains($0) && $0 >= group.lowerBound + budget }
                } else {
                    cutWeights += columns.filter { group.contains($0) }
                }
            }
        } else {
            let must = columns.first.map { $0...(columns.last ?? $0) }
            parts = [MatrixMap.window(total: shape[1], budget: min(budget, shape[1]), must: must)]
        }
        let rows = MatrixMap.window(total: shape[0], budget: rowBudget, must: current.map { $0...$0 })
        let partsWidth = parts.reduce(0.0) { $0 + Double($1.count) * cell } + partGap * Double(parts.count - 1)
        var x = left + (right - left - (labelWidth + partsWidth + equalsGap + zWidth)) / 2 + labelWidth
        var flattened: [Grid] = [], matrix: [Grid] = []
        for part in parts {
            var f = Grid(rows: 1, columns: part.count, x: x, y: top, cellSize: cell, firstColumn: part.first)
            var m = Grid(rows: rows.count, columns: part.count, x: x, y: top + cell + 14, cellSize: cell,
                         firstRow: rows.first, firstColumn: part.first)
            (f.numberFloor, m.numberFloor) = (ConvolutionFigures.minimumNumberSize, ConvolutionFigures.minimumNumberSize)
            flattened.append(f)
            matrix.append(m)
            x += m.width + partGap
        }
        let last = matrix[matrix.count - 1]
        var product = Grid(rows: rows.count, columns: 1, x: last.x + last.width + equalsGap, y: last.y, cellSize: cell, firstRow: rows.first)
        (product.numberFloor, product.cellWidth) = (ConvolutionFigures.minimumNumberSize, zWidth)
        let cut = rows.count < shape[0] || parts.count > 1 || parts[0].count < shape[1]
        return (flattened, matrix, product, cutWeights, cut)
    }

    /// One frame per row of M, then the overview, then the symbolic matrix when it has at most 25
    /// columns. With `symbolic`, every frame shows the symbols (k1…, x1…, z1…) instead of numbers.
    public static func figures(_ trace: ConvolutionMatrixTrace, symbolic: Bool = false) -> [Figure] {
        let count = trace.products.count
        var figures = (0..<count).map { index -> Figure in
            let row = trace.matrix.rows[index]
            let description = "Row \(index + 1) of the \(Notation.shape(trace.matrix.matrix.shape)) matrix M holds the kernel weights in the columns of the window of z\(Notation.index(row.outputRow, row.outputColumn)); times the flattened input it gives \(Notation.number(trace.products[index].value))."
            return Figure(name: Figure.stepName(index, of: count), description: description, step: index + 1) { canvas in
                draw(trace, row: index, symbolic: symbolic, on: canvas)
            }
        }
        figures.append(Figure(name: "overview", description: "The \(Notation.shape(trace.matrix.matrix.shape)) convolution matrix M times the flattened \(Notation.shape(trace.input.shape)) input gives \(count) values, reshaped to the \(Notation.shape(trace.output.shape)) output \(Notation.inlineMatrix(trace.output)).") { canvas in
            draw(trace, row: nil, symbolic: symbolic, on: canvas)
        })
        if !symbolic, trace.matrix.matrix.shape[1] <= 25 {
            figures.append(Figure(name: "symbolic", description: "The same matrix with symbolic entries: k1…k\(trace.matrix.kernel.count) are the kernel weights row by row and x1…x\(trace.input.count) the input flattened row by row.") { canvas in
                draw(trace, row: nil, symbolic: true, on: canvas)
            })
        }
        return figures
    }

    /// The name of kernel weight (u, v) in the symbolic figure: k1, k2, … row by row.
    public static func kernelName(_ u: Int, _ v: Int, kernelColumns: Int) -> String { "k\(u * kernelColumns + v + 1)" }

    private static func draw(_ trace: ConvolutionMatrixTrace, row current: Int?, symbolic: Bool, on canvas: Canvas) {
        let theme = canvas.theme
        let layout = layout(for: trace, row: current, symbolic: symbolic, textScale: canvas.textScale)
        let m = trace.matrix
        let kColumns = m.kernel.shape[1]
        var settings: [String] = []
        if m.padding != Pair2(0) || m.extraPadding != nil { settings.append("padding \(m.paddingText)") }
        if m.stride != Pair2(1) { settings.append("stride \(m.stride)") }
        if m.dilation != Pair2(1) { settings.append("dilation \(m.dilation)") }
        let position = current.map { "row \($0 + 1) of \(trace.products.count)" + (symbolic ? ", symbolic" : "") }
            ?? (symbolic ? "symbolic entries" : "overview")
        Caption.title((["Convolution as a matrix product z = M·x"] + settings + [position]).joined(separator: " · "),
                      on: canvas, width: 1280)

        let row = current.map { m.rows[$0] }
        let windowCells = Set(row?.entries.map(\.column) ?? [])
        let windowWeights = Set(row?.entries.map { $0.kernelRow * kColumns + $0.kernelColumn } ?? [])

        // Input, kernel, output: with their numbers, or as maps whose numbers are in xᵀ and z below.
        let inputColumns = trace.input.shape[1], numbers = !layout.topMaps
        let mapLabel = { (text: String) in layout.topMaps ? text + " (map)" : text }
        layout.input.draw(on: canvas, label: mapLabel("input \(Notation.shape(trace.input.shape))")) { r, c in
            let flat = r * inputColumns + c
            let text = symbolic ? "x\(flat + 1)" : Notation.number(trace.input[r, c])
            let fill = windowCells.contains(flat) ? theme.highlight.withAlpha(numbers ? 0.30 : 0.8) : nil
            return CellStyle(fill: fill, text: numbers ? text : nil, bold: windowCells.contains(flat))
        }
        layout.kernel.draw(on: canvas, label: layout.kernelNumbers ? "kernel" : "kernel (map)") { r, c in
            let used = windowWeights.contains(r * kColumns + c)
            let text = symbolic ? kernelName(r, c, kernelColumns: kColumns) : Notation.number(m.kernel[r, c])
            return CellStyle(fill: theme.highlight.withAlpha(used ? 0.30 : 0.12), text: layout.kernelNumbers ? text : nil)
        }
        let outputColumns = trace.output.shape[1]
        layout.output.draw(on: canvas, label: mapLabel("z reshaped \(Notation.shape(trace.output.shape))")) { r, c in
            let flat = r * outputColumns + c
            let shown = current.map { flat <= $0 } ?? true
            guard shown else { return CellStyle() }
            let text = symbolic ? "z\(flat + 1)" : Notation.number(trace.output[r, c])
            let fill = flat == current ? theme.current.withAlpha(numbers ? 0.28 : 0.8) : theme.doneFill(numbers ? 0.14 : 0.3)
            return CellStyle(fill: fill, text: numbers ? text : nil, bold: flat == current)
        }
        if let row, !row.entries.isEmpty {
            let rows = row.entries.map(\.inputRow), columns = row.entries.map(\.inputColumn)
            layout.input.outline(rows: (rows.min() ?? 0)...(rows.max() ?? 0), columns: (columns.min() ?? 0)...(columns.max() ?? 0),
                                 on: canvas, theme.highlight, lineWidth: numbers ? 4 : 2, dash: m.dilation == Pair2(1) ? [] : [8, 5])
        }
        if let row {
            layout.output.outline(rows: row.outputRow...row.outputRow, columns: row.outputColumn...row.outputColumn,
                                  on: canvas, theme.current, lineWidth: numbers ? 4 : 2)
        }

        // xᵀ over the columns of M, M, and z = M·x beside its rows.
        let cell = layout.matrix.cellSize
        var weightAt: [Int: ConvolutionMatrixEntry] = [:]
        for (r, mRow) in m.rows.enumerated() { for entry in mRow.entries { weightAt[r * m.matrix.shape[1] + entry.column] = entry } }
        drawMatrixGrids(trace, layout: layout, current: current, symbolic: symbolic, windowCells: windowCells,
                        weightAt: weightAt, on: canvas)
        let first = layout.matrix, last = layout.matrixParts[layout.matrixParts.count - 1]
        let cutLeft = first.firstColumn > 0
        // Left of the ⋯ of a cut, which is drawn wider at a larger text scale.
        let nameX = first.x - (cutLeft ? 40 * canvas.textScale : 14)
        canvas.text("xᵀ", x: nameX, y: layout.flattened.y + cell / 2, size: 26,
                    theme.foreground, align: .right, weight: .bold)
        canvas.text("M", x: nameX, y: first.y + first.height / 2, size: 28,
                    theme.foreground, align: .right, weight: .bold)
        if let current {
            for part in layout.matrixParts {
                part.outline(rows: current...current, columns: part.shownColumns.lowerBound...(part.shownColumns.upperBound - 1),
                             on: canvas, theme.current, lineWidth: 3)
            }
        }
        canvas.text("=", x: layout.product.x - 35 * canvas.textScale, y: last.y + last.height / 2, size: 36, theme.foreground)
        canvas.text("z", x: layout.product.x + layout.product.width / 2, y: layout.product.y - 18, size: 22, theme.foreground, weight: .bold)
        drawMaps(trace, layout: layout, current: current, weightAt: weightAt, on: canvas)

        // Caption: the row times x, or the shapes.
        let caption = caption(trace, row: current, symbolic: symbolic)
        Caption.lines(caption, on: canvas, width: 1280, bottom: 720 - 30, size: caption.count > 1 ? 20 : captionSize)
    }

    /// xᵀ, M and z (or the window of them) as grids of numbers or symbols, each cut side marked.
    private static func drawMatrixGrids(_ trace: ConvolutionMatrixTrace, layout: Layout, current: Int?, symbolic: Bool,
                                        windowCells: Set<Int>, weightAt: [Int: ConvolutionMatrixEntry], on canvas: Canvas) {
        let theme = canvas.theme
        let m = trace.matrix
        let kColumns = m.kernel.shape[1]
        for (flattened, matrix) in zip(layout.flattenedParts, layout.matrixParts) {
            flattened.draw(on: canvas, label: nil) { _, c in
                CellStyle(fill: windowCells.contains(c) ? theme.highlight.withAlpha(0.30) : theme.padding.withAlpha(0.5),
                          text: symbolic ? "x\(c + 1)" : Notation.number(trace.flattenedInput[c]), bold: windowCells.contains(c))
            }
            matrix.draw(on: canvas, label: nil) { r, c in
                let entry = weightAt[r * m.matrix.shape[1] + c]
                let isCurrent = r == current
                guard let entry else {
                    return CellStyle(fill: isCurrent ? theme.current.withAlpha(0.08) : nil, text: "0", textColor: theme.muted)
                }
                let text = symbolic ? kernelName(entry.kernelRow, entry.kernelColumn, kernelColumns: kColumns) : Notation.number(entry.weight)
                let fill = isCurrent ? theme.highlight.withAlpha(0.45) : theme.highlight.withAlpha(current == nil ? 0.22 : 0.10)
                return CellStyle(fill: fill, text: text, bold: isCurrent)
            }
        }
        layout.product.draw(on: canvas, label: nil) { r, _ in
            let shown = current.map { r <= $0 } ?? true
            guard shown else { return CellStyle() }
            return CellStyle(fill: r == current ? theme.current.withAlpha(0.28) : theme.doneFill(0.14),
                             text: symbolic ? "z\(r + 1)" : Notation.number(trace.product[r]), bold: r == current)
        }
        // ⋯ where columns of M (and xᵀ) are cut off, before, between and after the parts; ⋮ where rows of M (and z) are.
        let shape = layout.matrixShape, first = layout.matrix, cell = first.cellSize
        let last = layout.matrixParts[layout.matrixParts.count - 1]
        var marks: [Double] = []
        if first.firstColumn > 0 { marks.append(first.x - 18) }
        for (a, b) in zip(layout.matrixParts, layout.matrixParts.dropFirst()) { marks.append((a.x + a.width + b.x) / 2) }
        if last.shownColumns.upperBound < shape[1] { marks.append(last.x + last.width + 18) }
        // Beside xᵀ and M's top row (its middle row has the "=" on the right).
        for y in [layout.flattened.y + cell / 2, first.y + cell / 2] {
            for x in marks { canvas.text("⋯", x: x, y: y, size: 24, theme.muted, weight: .bold) }
        }
        let dotsX = layout.product.x + layout.product.width + 18
        let above = first.firstRow > 0, below = first.shownRows.upperBound < shape[0]
        // Drawn larger beside a single row, a ⋮ reaches past it (and two would meet): one, at the row's middle, says it.
        if above || below, canvas.textScale != 1, first.height < 60 * canvas.textScale {
            canvas.text("⋮", x: dotsX, y: first.y + first.height / 2, size: 24, theme.muted, weight: .bold)
            return
        }
        if above { canvas.text("⋮", x: dotsX, y: first.y + 16, size: 24, theme.muted, weight: .bold) }
        if below {
            canvas.text("⋮", x: dotsX, y: first.y + first.height - 16, size: 24, theme.muted, weight: .bold)
        }
    }

    /// The map of M beside a window of it (its window outlined, its weights filled, the row in
    /// play darker) and the sentence under the title naming what the figure does not write out.
    private static func drawMaps(_ trace: ConvolutionMatrixTrace, layout: Layout, current: Int?,
                                 weightAt: [Int: ConvolutionMatrixEntry], on canvas: Canvas) {
        let theme = canvas.theme
        var parts: [String] = []
        if layout.topMaps {
            parts.append((layout.kernelNumbers ? "input and z" : "input, kernel and z") + " drawn as maps: too many values for 24 px numbers (they are in xᵀ, M and z)")
        }
        if let map = layout.map {
            let columns = layout.matrixShape[1]
            let cells = weightAt.keys.sorted().map { key -> (row: Int, column: Int, color: Color) in
                let r = key / columns
                return (r, key % columns, r == current ? theme.highlight : theme.highlight.withAlpha(0.45))
            }
            MatrixMap.draw(map, label: "all of M, \(Notation.shape(layout.matrixShape))", cells: cells, windows: layout.matrixParts, on: canvas)
            let matrix = layout.matrix
            let rowText = matrix.rows == 1 ? "row \(matrix.firstRow + 1)" : "rows \(matrix.firstRow + 1)–\(matrix.shownRows.upperBound)"
            let columnText = layout.matrixParts.map { "\($0.firstColumn + 1)–\($0.shownColumns.upperBound)" }.joined(separator: ", ")
            parts.append("M (\(Notation.shape(layout.matrixShape))) is too large for projector-size numbers: \(rowText), columns \(columnText) shown; the map is all of M")
        }
        var colors = Array(repeating: theme.muted, count: parts.count)
        if !layout.cutWeightColumns.isEmpty {
            let cut = layout.cutWeightColumns
            parts.append("\(cut.count) weight\(cut.count == 1 ? "" : "s") of this row (columns \(cut[0] + 1)–\((cut.last ?? cut[0]) + 1)) not drawn for lack of room; lesson run's text output lists the whole sum")
            colors.append(theme.negative)
        }
        // A line per part (the layout left room for them), broken over lines where it is too long at 18 px.
        var line = 0
        for (i, text) in parts.enumerated() {
            let y = noteY(line: line, of: parts.count, textScale: canvas.textScale)
            Caption.note(text, on: canvas, y: y, maxWidth: 1220, color: colors[i])
            line += Caption.noteLines(text, on: canvas, maxWidth: 1220)
        }
    }
}

import LessonCore

/// The figures of a convolution written as a matrix product z = M·x: one frame per row of M
/// and an overview, plus the same matrix with symbolic entries (k1…, x1…) when it is small.
///
/// Layout: input, kernel and reshaped output at the top; below, xᵀ (the flattened input) as a
/// row lined up over the columns of M, and z = M·x as a column beside M's rows, so each
/// column of M sits under the input value it multiplies. Every number is written at the
/// projector floor (`ConvolutionFigures.minimumNumberSize`); when M has too many rows or
/// columns for that, a frame shows a window of M around its row (the rows next to it and the
/// columns its weights fall in), a map of the whole M with the window outlined, and says so.
/// Everything is read from the trace.
public enum ConvolutionMatrixFigures {
    /// Where the grids sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        public var input: Grid
        public var kernel: Grid
        public var output: Grid
        /// xᵀ, M and z: the whole of them, or the window's columns and rows.
        public var flattened: Grid
        public var matrix: Grid
        public var product: Grid
        /// The shape of the whole M.
        public var matrixShape: [Int]
        /// The map of the whole M, drawn when `matrix` is a window of it.
        public var map: Grid?

        /// Whether M is shown as a window (its numbers would be under the floor drawn whole).
        public var zoomed: Bool { map != nil }
    }

    /// The side of a cell whose number Grid writes at the projector floor (0.4 of the cell).
    static let readableCell = ConvolutionFigures.minimumNumberSize / 0.4
    /// The room kept at the right of a zoomed frame for the map of M.
    static let mapWidth = 190.0
    /// Room beside M: its labels on the left, and between M, "=" and z.
    static let labelWidth = 70.0, equalsGap = 90.0

    /// The layout for `trace` on a 1280 × 720 canvas for the frame of `row` (nil: the overview
    /// and the symbolic figure, which show M from its top-left corner when it is zoomed).
    public static func layout(for trace: ConvolutionMatrixTrace, row current: Int? = nil) -> Layout {
        let width = 1280.0, height = 720.0
        let n = trace.input.shape, k = trace.matrix.kernel.shape, o = trace.output.shape
        let shape = trace.matrix.matrix.shape
        let cell = readableCell
        // Whether the whole M, xᵀ and z fit under a top band whose grids have 4 rows at most.
        let topRows = Double(max(n[0], k[0], o[0]))
        let bottom = height - 70
        func bandRows(topY: Double) -> Int {
            let topCell = min(cell, 240 / topRows)
            let matrixY = topY + topRows * topCell + 28 + cell + 14
            return Int((bottom - matrixY) / cell)
        }
        let wholeColumns = Int((width - 2 * 40 - labelWidth - equalsGap - cell) / cell)
        let zoomed = shape[0] > bandRows(topY: 100) || shape[1] > wholeColumns
        // Zoomed: the top band moves down for the sentence under the title.
        let topY = zoomed ? 122.0 : 100.0
        let topCell = min(cell, 240 / topRows, (width - 2 * 110 - 80) / Double(n[1] + k[1] + o[1]))
        let gap = 110.0
        let topWidth = Double(n[1] + k[1] + o[1]) * topCell + 2 * gap
        var x = (width - topWidth) / 2
        func top(_ shape: [Int]) -> Grid {
            var g = Grid(rows: shape[0], columns: shape[1], x: x, y: topY + (topRows - Double(shape[0])) * topCell / 2, cellSize: topCell)
            g.numberFloor = ConvolutionFigures.minimumNumberSize
            x += g.width + gap
            return g
        }
        let input = top(n), kernel = top(k), output = top(o)

        // Bottom band: xᵀ over M (or the window of it), z beside it, and the map on the right.
        let rowBudget = bandRows(topY: topY)
        let columnBudget = zoomed ? Int((width - 40 - labelWidth - equalsGap - cell - 40 - mapWidth - 20) / cell) : shape[1]
        let entries = current.map { trace.matrix.rows[$0].entries.map(\.column) } ?? []
        let rows = MatrixMap.window(total: shape[0], budget: rowBudget, must: current.map { $0...$0 })
        let columns = MatrixMap.window(total: shape[1], budget: columnBudget,
                                       must: entries.isEmpty ? nil : (entries.min() ?? 0)...(entries.max() ?? 0))
        let blockWidth = labelWidth + Double(columns.count) * cell + equalsGap + cell + (zoomed ? 40 + mapWidth : 0)
        let left = (width - blockWidth) / 2 + labelWidth
        let bandTop = topY + topRows * topCell + 28
        var flattened = Grid(rows: 1, columns: columns.count, x: left, y: bandTop, cellSize: cell, firstColumn: columns.first)
        var matrix = Grid(rows: rows.count, columns: columns.count, x: left, y: bandTop + cell + 14, cellSize: cell,
                          firstRow: rows.first, firstColumn: columns.first)
        var product = Grid(rows: rows.count, columns: 1, x: left + matrix.width + equalsGap, y: matrix.y, cellSize: cell,
                           firstRow: rows.first)
        (flattened.numberFloor, matrix.numberFloor, product.numberFloor) = (cell * 0.4, cell * 0.4, cell * 0.4)
        let map = zoomed ? MatrixMap.grid(shape: shape, x: product.x + cell + 40, y: bandTop + 26, width: mapWidth,
                                          height: bottom - bandTop - 26) : nil
        return Layout(input: input, kernel: kernel, output: output, flattened: flattened, matrix: matrix, product: product,
                      matrixShape: shape, map: map)
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
        let layout = layout(for: trace, row: current)
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

        // Input, kernel, output.
        let inputColumns = trace.input.shape[1]
        layout.input.draw(on: canvas, label: "input \(Notation.shape(trace.input.shape))") { r, c in
            let flat = r * inputColumns + c
            let text = symbolic ? "x\(flat + 1)" : Notation.number(trace.input[r, c])
            return CellStyle(fill: windowCells.contains(flat) ? theme.highlight.withAlpha(0.30) : nil, text: text,
                             bold: windowCells.contains(flat))
        }
        layout.kernel.draw(on: canvas, label: "kernel") { r, c in
            let used = windowWeights.contains(r * kColumns + c)
            return CellStyle(fill: theme.highlight.withAlpha(used ? 0.30 : 0.12),
                             text: symbolic ? kernelName(r, c, kernelColumns: kColumns) : Notation.number(m.kernel[r, c]))
        }
        let outputColumns = trace.output.shape[1]
        layout.output.draw(on: canvas, label: "z reshaped \(Notation.shape(trace.output.shape))") { r, c in
            let flat = r * outputColumns + c
            let shown = current.map { flat <= $0 } ?? true
            guard shown else { return CellStyle() }
            let text = symbolic ? "z\(flat + 1)" : Notation.number(trace.output[r, c])
            return CellStyle(fill: flat == current ? theme.current.withAlpha(0.28) : theme.doneFill(0.14), text: text,
                             bold: flat == current)
        }
        if let row, !row.entries.isEmpty {
            let rows = row.entries.map(\.inputRow), columns = row.entries.map(\.inputColumn)
            layout.input.outline(rows: (rows.min() ?? 0)...(rows.max() ?? 0), columns: (columns.min() ?? 0)...(columns.max() ?? 0),
                                 on: canvas, theme.highlight, lineWidth: 4, dash: m.dilation == Pair2(1) ? [] : [8, 5])
        }
        if let row {
            layout.output.outline(rows: row.outputRow...row.outputRow, columns: row.outputColumn...row.outputColumn,
                                  on: canvas, theme.current, lineWidth: 4)
        }

        // xᵀ over the columns of M, M, and z = M·x beside its rows.
        let cell = layout.matrix.cellSize
        var weightAt: [Int: ConvolutionMatrixEntry] = [:]
        for (r, mRow) in m.rows.enumerated() { for entry in mRow.entries { weightAt[r * m.matrix.shape[1] + entry.column] = entry } }
        drawMatrixGrids(trace, layout: layout, current: current, symbolic: symbolic, windowCells: windowCells,
                        weightAt: weightAt, on: canvas)
        let cutLeft = layout.matrix.firstColumn > 0
        canvas.text("xᵀ", x: layout.flattened.x - (cutLeft ? 40 : 14), y: layout.flattened.y + cell / 2, size: 26,
                    theme.foreground, align: .right, weight: .bold)
        canvas.text("M", x: layout.matrix.x - (cutLeft ? 40 : 14), y: layout.matrix.y + layout.matrix.height / 2, size: 28,
                    theme.foreground, align: .right, weight: .bold)
        if let current {
            layout.matrix.outline(rows: current...current, columns: layout.matrix.shownColumns.lowerBound...(layout.matrix.shownColumns.upperBound - 1),
                                  on: canvas, theme.current, lineWidth: 3)
        }
        canvas.text("=", x: layout.product.x - 35, y: layout.matrix.y + layout.matrix.height / 2, size: 36, theme.foreground)
        canvas.text("z", x: layout.product.x + cell / 2, y: layout.product.y - 18, size: 22, theme.foreground, weight: .bold)
        if let map = layout.map { drawMap(trace, layout: layout, map: map, current: current, weightAt: weightAt, on: canvas) }

        // Caption: the row times x, or the shapes.
        let caption: [String]
        if let current, let row {
            let product = trace.products[current]
            let sum: String
            if symbolic {
                sum = row.entries.map { kernelName($0.kernelRow, $0.kernelColumn, kernelColumns: kColumns) + "·x\($0.column + 1)" }.joined(separator: " + ")
            } else {
                sum = product.sumText
            }
            caption = ["row \(current + 1) · x = z\(current + 1) = z\(Notation.index(row.outputRow, row.outputColumn)) = " + sum]
        } else if symbolic {
            caption = (0..<min(2, m.rows.count)).map { r in
                "z\(r + 1) = " + m.rows[r].entries.map { kernelName($0.kernelRow, $0.kernelColumn, kernelColumns: kColumns) + "·x\($0.column + 1)" }.joined(separator: " + ")
            }
        } else {
            caption = ["M is \(Notation.shape(m.matrix.shape)): one row per output cell, one column per input cell",
                       "z = M·x = (\(trace.product.scalars.map { Notation.number($0) }.joined(separator: ", "))) reshaped to \(Notation.shape(trace.output.shape))"]
        }
        Caption.lines(caption, on: canvas, width: 1280, bottom: 720 - 30, size: caption.count > 1 ? 20 : 22)
    }

    /// xᵀ, M and z (or the window of them) as grids of numbers or symbols, each cut side marked.
    private static func drawMatrixGrids(_ trace: ConvolutionMatrixTrace, layout: Layout, current: Int?, symbolic: Bool,
                                        windowCells: Set<Int>, weightAt: [Int: ConvolutionMatrixEntry], on canvas: Canvas) {
        let theme = canvas.theme
        let m = trace.matrix
        let kColumns = m.kernel.shape[1]
        layout.flattened.draw(on: canvas, label: nil) { _, c in
            CellStyle(fill: windowCells.contains(c) ? theme.highlight.withAlpha(0.30) : theme.padding.withAlpha(0.5),
                      text: symbolic ? "x\(c + 1)" : Notation.number(trace.flattenedInput[c]), bold: windowCells.contains(c))
        }
        layout.matrix.draw(on: canvas, label: nil) { r, c in
            let entry = weightAt[r * m.matrix.shape[1] + c]
            let isCurrent = r == current
            guard let entry else {
                return CellStyle(fill: isCurrent ? theme.current.withAlpha(0.08) : nil, text: "0", textColor: theme.muted)
            }
            let text = symbolic ? kernelName(entry.kernelRow, entry.kernelColumn, kernelColumns: kColumns) : Notation.number(entry.weight)
            let fill = isCurrent ? theme.highlight.withAlpha(0.45) : theme.highlight.withAlpha(current == nil ? 0.22 : 0.10)
            return CellStyle(fill: fill, text: text, bold: isCurrent)
        }
        layout.product.draw(on: canvas, label: nil) { r, _ in
            let shown = current.map { r <= $0 } ?? true
            guard shown else { return CellStyle() }
            return CellStyle(fill: r == current ? theme.current.withAlpha(0.28) : theme.doneFill(0.14),
                             text: symbolic ? "z\(r + 1)" : Notation.number(trace.product[r]), bold: r == current)
        }
        // ⋯ where columns of M (and xᵀ) are cut off, ⋮ where rows of M (and z) are.
        let matrix = layout.matrix, shape = layout.matrixShape, cell = matrix.cellSize
        // Beside xᵀ and M's top row (its middle row has the "=" on the right).
        for y in [layout.flattened.y + cell / 2, matrix.y + cell / 2] {
            if matrix.firstColumn > 0 { canvas.text("⋯", x: matrix.x - 18, y: y, size: 24, theme.muted, weight: .bold) }
            if matrix.shownColumns.upperBound < shape[1] {
                canvas.text("⋯", x: matrix.x + matrix.width + 18, y: y, size: 24, theme.muted, weight: .bold)
            }
        }
        let dotsX = layout.product.x + cell + 18
        if matrix.firstRow > 0 { canvas.text("⋮", x: dotsX, y: matrix.y + 16, size: 24, theme.muted, weight: .bold) }
        if matrix.shownRows.upperBound < shape[0] {
            canvas.text("⋮", x: dotsX, y: matrix.y + matrix.height - 16, size: 24, theme.muted, weight: .bold)
        }
    }

    /// The map of the whole M beside a window of it, and the sentence under the title saying why.
    private static func drawMap(_ trace: ConvolutionMatrixTrace, layout: Layout, map: Grid, current: Int?,
                                weightAt: [Int: ConvolutionMatrixEntry], on canvas: Canvas) {
        let theme = canvas.theme
        let columns = layout.matrixShape[1]
        let cells = weightAt.keys.sorted().map { key -> (row: Int, column: Int, color: Color) in
            let r = key / columns
            return (r, key % columns, r == current ? theme.highlight : theme.highlight.withAlpha(0.45))
        }
        MatrixMap.draw(map, label: "all of M, \(Notation.shape(layout.matrixShape))", cells: cells, windows: [layout.matrix], on: canvas)
        let matrix = layout.matrix
        let note = "M (\(Notation.shape(layout.matrixShape))) is too large for projector-size numbers: rows \(matrix.firstRow + 1)–\(matrix.shownRows.upperBound), columns \(matrix.firstColumn + 1)–\(matrix.shownColumns.upperBound) shown; the map at the right is all of M"
        canvas.text(note, x: 640, y: 78, size: max(18, canvas.fittingSize(note, size: 20, maxWidth: 1200)), theme.muted)
    }
}

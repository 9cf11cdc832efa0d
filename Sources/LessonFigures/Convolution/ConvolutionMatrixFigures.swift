import LessonCore

/// The figures of a convolution written as a matrix product z = M·x: one frame per row of M
/// and an overview, plus the same matrix with symbolic entries (k1…, x1…) when it is small.
///
/// Layout: input, kernel and reshaped output at the top; below, xᵀ (the flattened input) as a
/// row lined up over the columns of M, and z = M·x as a column beside M's rows, so each
/// column of M sits under the input value it multiplies. Everything is read from the trace.
public enum ConvolutionMatrixFigures {
    /// Where the grids sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        public var input: Grid
        public var kernel: Grid
        public var output: Grid
        public var flattened: Grid
        public var matrix: Grid
        public var product: Grid
    }

    /// The layout for `trace` on a 1280 × 720 canvas.
    public static func layout(for trace: ConvolutionMatrixTrace) -> Layout {
        let width = 1280.0, height = 720.0
        let n = trace.input.shape, k = trace.matrix.kernel.shape, o = trace.output.shape
        let columns = Double(trace.matrix.matrix.shape[1]), rows = Double(trace.matrix.matrix.shape[0])
        // Top band: the three small grids.
        let topRows = Double(max(n[0], k[0], o[0]))
        // 180 px of height: a 4-row input keeps 45 px cells, 18 px numbers.
        let topCell = min(46, 180 / topRows, 700 / Double(n[1] + k[1] + o[1]))
        let topY = 100.0
        let gap = 110.0
        let topWidth = Double(n[1] + k[1] + o[1]) * topCell + 2 * gap
        var x = (width - topWidth) / 2
        func top(_ shape: [Int]) -> Grid {
            let g = Grid(rows: shape[0], columns: shape[1], x: x, y: topY + (topRows - Double(shape[0])) * topCell / 2, cellSize: topCell)
            x += g.width + gap
            return g
        }
        let input = top(n), kernel = top(k), output = top(o)
        // Bottom band: xᵀ over M, and z beside it.
        let bandTop = topY + topRows * topCell + 70
        let bandBottom = height - 95
        let cell = min(46, (width - 120 - 170) / (columns + 1), (bandBottom - bandTop) / (rows + 1.6))
        let matrixWidth = columns * cell
        let left = (width - (matrixWidth + 90 + cell)) / 2
        let flattened = Grid(rows: 1, columns: Int(columns), x: left, y: bandTop, cellSize: cell)
        let matrix = Grid(rows: Int(rows), columns: Int(columns), x: left, y: bandTop + cell * 1.6, cellSize: cell)
        let product = Grid(rows: Int(rows), columns: 1, x: left + matrixWidth + 90, y: matrix.y, cellSize: cell)
        return Layout(input: input, kernel: kernel, output: output, flattened: flattened, matrix: matrix, product: product)
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
        let layout = layout(for: trace)
        let m = trace.matrix
        let kColumns = m.kernel.shape[1]
        var settings: [String] = []
        if m.padding != Pair2(0) { settings.append("padding \(m.padding)") }
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
        if cell >= 10 {
            drawMatrixGrids(trace, layout: layout, current: current, symbolic: symbolic, windowCells: windowCells,
                            weightAt: weightAt, on: canvas)
        } else {
            drawCompactMatrix(trace, layout: layout, current: current, windowCells: windowCells, weightAt: weightAt, on: canvas)
        }
        canvas.text("xᵀ", x: layout.flattened.x - 14, y: cell >= 10 ? layout.flattened.y + cell / 2 : layout.matrix.y - 11, size: max(18, min(26, cell * 0.55)),
                    theme.foreground, align: .right, weight: .bold)
        canvas.text("M", x: layout.matrix.x - (cell >= 10 ? 14 : 50), y: layout.matrix.y + layout.matrix.height / 2, size: 28,
                    theme.foreground, align: .right, weight: .bold)
        if let current, cell >= 10 {
            layout.matrix.outline(rows: current...current, columns: 0...(layout.matrix.columns - 1), on: canvas,
                                  theme.current, lineWidth: 3)
        }
        canvas.text("=", x: layout.product.x - 45, y: layout.matrix.y + layout.matrix.height / 2, size: 36, theme.foreground)
        canvas.text("z", x: layout.product.x + cell / 2, y: layout.product.y - 18, size: 22, theme.foreground, weight: .bold)

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

    /// xᵀ, M and z as grids of numbers (or symbols) when the cells are large enough to read.
    private static func drawMatrixGrids(_ trace: ConvolutionMatrixTrace, layout: Layout, current: Int?, symbolic: Bool,
                                        windowCells: Set<Int>, weightAt: [Int: ConvolutionMatrixEntry], on canvas: Canvas) {
        let theme = canvas.theme
        let m = trace.matrix
        let kColumns = m.kernel.shape[1]
        let showText = layout.matrix.cellSize >= 17
        layout.flattened.draw(on: canvas, label: nil) { _, c in
            let text = showText ? (symbolic ? "x\(c + 1)" : Notation.number(trace.flattenedInput[c])) : nil
            return CellStyle(fill: windowCells.contains(c) ? theme.highlight.withAlpha(0.30) : theme.padding.withAlpha(0.5),
                             text: text, bold: windowCells.contains(c))
        }
        layout.matrix.draw(on: canvas, label: nil) { r, c in
            let entry = weightAt[r * m.matrix.shape[1] + c]
            let isCurrent = r == current
            guard let entry else {
                return CellStyle(fill: isCurrent ? theme.current.withAlpha(0.08) : nil, text: showText ? "0" : nil,
                                 textColor: theme.muted)
            }
            let text = showText ? (symbolic ? kernelName(entry.kernelRow, entry.kernelColumn, kernelColumns: kColumns)
                                            : Notation.number(entry.weight)) : nil
            let fill = isCurrent ? theme.highlight.withAlpha(0.45) : theme.highlight.withAlpha(current == nil ? 0.22 : 0.10)
            return CellStyle(fill: fill, text: text, bold: isCurrent)
        }
        layout.product.draw(on: canvas, label: nil) { r, _ in
            let shown = current.map { r <= $0 } ?? true
            guard shown else { return CellStyle() }
            let text = showText ? (symbolic ? "z\(r + 1)" : Notation.number(trace.product[r])) : nil
            return CellStyle(fill: r == current ? theme.current.withAlpha(0.28) : theme.doneFill(0.14), text: text,
                             bold: r == current)
        }
    }

    /// xᵀ, M and z for a large matrix: no grid lines and no numbers, only the non-zero entries
    /// as coloured blocks, so the band structure stays visible.
    private static func drawCompactMatrix(_ trace: ConvolutionMatrixTrace, layout: Layout, current: Int?, windowCells: Set<Int>,
                                          weightAt: [Int: ConvolutionMatrixEntry], on canvas: Canvas) {
        let theme = canvas.theme
        let cell = layout.matrix.cellSize
        // Strips at least 10 units thick, so a single highlighted cell is still visible.
        let thick = max(cell, 10)
        let strip = (x: layout.flattened.x, y: layout.matrix.y - 6 - thick, width: layout.matrix.width, height: thick)
        let column = (x: layout.product.x, y: layout.product.y, width: thick, height: layout.product.height)
        canvas.fillRect(x: layout.matrix.x, y: layout.matrix.y, width: layout.matrix.width, height: layout.matrix.height, theme.cellFill)
        canvas.fillRect(x: strip.x, y: strip.y, width: strip.width, height: strip.height, theme.padding)
        canvas.fillRect(x: column.x, y: column.y, width: column.width, height: column.height, theme.cellFill)
        for c in windowCells {
            canvas.fillRect(x: strip.x + Double(c) * cell, y: strip.y, width: cell, height: thick, theme.highlight)
        }
        let columns = trace.matrix.matrix.shape[1]
        for (key, _) in weightAt {
            let r = key / columns, c = key % columns
            let rect = layout.matrix.cellRect(r, c)
            let color = r == current ? theme.highlight : theme.highlight.withAlpha(current == nil ? 0.6 : 0.3)
            canvas.fillRect(x: rect.x, y: rect.y, width: rect.width, height: rect.height, color)
        }
        let filled = current.map { $0 + 1 } ?? trace.products.count
        for r in 0..<filled {
            canvas.fillRect(x: column.x, y: column.y + Double(r) * cell, width: thick, height: cell,
                            r == current ? theme.current : theme.doneFill(0.5))
        }
        for rect in [(layout.matrix.x, layout.matrix.y, layout.matrix.width, layout.matrix.height), strip, column] {
            canvas.strokeRect(x: rect.0, y: rect.1, width: rect.2, height: rect.3, theme.gridLine, lineWidth: 1)
        }
        if let current {
            // An arrow on each side points at the current row.
            let y = layout.matrix.y + (Double(current) + 0.5) * cell
            canvas.arrow(from: (layout.matrix.x - 40, y), to: (layout.matrix.x - 4, y), theme.current, lineWidth: 3)
            canvas.arrow(from: (column.x + thick + 40, y), to: (column.x + thick + 4, y), theme.current, lineWidth: 3)
        }
    }
}

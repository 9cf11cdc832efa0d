import LessonCore

/// Figures in the style of Dumoulin and Visin's convolution arithmetic guide: the padded
/// input as a grid of cells with padding shaded, the kernel's taps on the window of one
/// position, and the output with that position's cell marked; one frame per position and
/// an overview that counts how often each cell is read. Everything is read from the
/// arithmetic, which has no numbers other than shapes.
public enum ConvArithmeticFigures {
    /// Where the grids sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        /// The padded input.
        public var input: Grid
        /// The output.
        public var output: Grid
    }

    /// The layout for `arithmetic` on a `width` × `height` canvas, the grids ending above
    /// `bottom` (the caption's top as drawn) where that is higher than their usual band.
    public static func layout(for arithmetic: ConvolutionArithmetic, width: Double = 1280, height: Double = 720,
                              bottom: Double = .infinity) -> Layout {
        let rows = arithmetic.axes[0].size.paddedInput, columns = arithmetic.axes[1].size.paddedInput
        let outRows = arithmetic.outputShape[0], outColumns = arithmetic.outputShape[1]
        let band = min(height - 250, bottom - 120)
        let cell = min(64, band / Double(max(rows, outRows)), (width - 260) / Double(columns + outColumns))
        let total = Double(columns + outColumns) * cell + 140
        let x = (width - total) / 2
        var input = Grid(rows: rows, columns: columns, x: x, y: 120 + (band - Double(rows) * cell) / 2, cellSize: cell)
        // The overview's read counts are single digits: at the projector floor they fit a cell of 48 px.
        input.numberFloor = ConvolutionFigures.minimumNumberSize
        let output = Grid(rows: outRows, columns: outColumns, x: x + input.width + 140,
                          y: 120 + (band - Double(outRows) * cell) / 2, cellSize: cell)
        return Layout(input: input, output: output)
    }

    /// One frame per window position, row-major, `step-1` ….
    public static func frames(_ arithmetic: ConvolutionArithmetic) -> [Figure] {
        let positions = arithmetic.positions
        let outColumns = arithmetic.outputShape[1]
        return positions.enumerated().map { index, start in
            let (i, j) = (index / outColumns, index % outColumns)
            let rows = arithmetic.axes[0].size, columns = arithmetic.axes[1].size
            let description = "Position \(index + 1) of \(positions.count): the window starting at padded row \(start.row + 1), column \(start.column + 1) (spanning \(rows.effectiveKernel)×\(columns.effectiveKernel)) gives output cell [\(i + 1),\(j + 1)]."
            return Figure(name: Figure.stepName(index, of: positions.count), description: description, step: index + 1) { canvas in
                draw(arithmetic, position: index, on: canvas)
            }
        }
    }

    /// All positions at once: how many windows read each cell, unread cells crossed out.
    public static func overview(_ arithmetic: ConvolutionArithmetic) -> Figure {
        let unread = arithmetic.axes.map { $0.unreadCells.count }
        let description = "The \(Notation.shape(arithmetic.axes.map(\.size.paddedInput))) padded input with the number of windows that read each cell (\(unread[0]) row\(unread[0] == 1 ? "" : "s") and \(unread[1]) column\(unread[1] == 1 ? "" : "s") never read) and the \(Notation.shape(arithmetic.outputShape)) output."
        return Figure(name: "overview", description: description) { canvas in
            draw(arithmetic, position: nil, on: canvas)
        }
    }

    private static func draw(_ arithmetic: ConvolutionArithmetic, position: Int?, on canvas: Canvas) {
        let theme = canvas.theme
        let rows = arithmetic.axes[0].size, columns = arithmetic.axes[1].size
        func pair(_ a: Int, _ b: Int) -> String { a == b ? "\(a)" : "\(a)×\(b)" }
        // The caption under the grids: a frame's window, or the overview's formulas and key.
        let caption: (lines: [String], bottom: Double, size: Double)
        if let position {
            let (i, j) = (position / arithmetic.outputShape[1], position % arithmetic.outputShape[1])
            let start = arithmetic.positions[position]
            let rowsText = "rows \(start.row + 1)–\(start.row + rows.effectiveKernel)"
            let columnsText = "columns \(start.column + 1)–\(start.column + columns.effectiveKernel)"
            let every = rows.dilation == 1 && columns.dilation == 1 ? "" : ", a tap every \(pair(rows.dilation, columns.dilation)) cells"
            caption = (["output [\(i + 1),\(j + 1)] reads padded \(rowsText), \(columnsText)\(every)"], 670, 24)
        } else {
            let lines = arithmetic.isSquare ? [rows.filledIn] : ["rows: " + rows.filledIn, "columns: " + columns.filledIn]
            caption = (lines + ["numbers: how many windows read the cell; × never read"], 680, 22)
        }
        let layout = layout(for: arithmetic, bottom: Caption.top(of: caption.lines, on: canvas, width: 1280, bottom: caption.bottom,
                                                                  size: caption.size) - 12)
        var heading = "n = \(pair(rows.input, columns.input)) · k = \(pair(rows.kernel, columns.kernel)) · p = \(pair(rows.padding, columns.padding)) · s = \(pair(rows.stride, columns.stride)) · d = \(pair(rows.dilation, columns.dilation))"
        heading += position.map { " · position \($0 + 1) of \(arithmetic.positions.count)" } ?? " · overview"
        Caption.title(heading, on: canvas, width: 1280)

        let start = position.map { arithmetic.positions[$0] }
        var taps = Set<Int>()
        if let start {
            for u in 0..<rows.kernel {
                for v in 0..<columns.kernel {
                    taps.insert((start.row + u * rows.dilation) * layout.input.columns + start.column + v * columns.dilation)
                }
            }
        }
        let input = layout.input
        input.draw(on: canvas, label: "input \(rows.input)×\(columns.input), padded to \(rows.paddedInput)×\(columns.paddedInput)") { r, c in
            let isPadding = r < rows.padding || r >= rows.padding + rows.input || c < columns.padding || c >= columns.padding + columns.input
            let base = isPadding ? theme.padding : theme.current.withAlpha(0.22)
            if taps.contains(r * input.columns + c) {
                return CellStyle(fill: theme.highlight.withAlpha(0.75))
            }
            if start == nil {
                let count = arithmetic.readCount(row: r, column: c)
                return CellStyle(fill: base, text: count == 0 ? "×" : String(count), textColor: count == 0 ? theme.negative : theme.muted,
                                 bold: count == 0)
            }
            return CellStyle(fill: base)
        }
        if let start {
            let lastRow = start.row + rows.effectiveKernel - 1, lastColumn = start.column + columns.effectiveKernel - 1
            input.outline(rows: start.row...lastRow, columns: start.column...lastColumn, on: canvas, theme.highlight,
                          lineWidth: 4, dash: rows.dilation == 1 && columns.dilation == 1 ? [] : [8, 5])
        }
        // The input's border inside the padding.
        if rows.padding > 0 || columns.padding > 0 {
            input.outline(rows: rows.padding...(rows.padding + rows.input - 1),
                          columns: columns.padding...(columns.padding + columns.input - 1), on: canvas, theme.current, lineWidth: 2)
        }
        let output = layout.output
        output.draw(on: canvas, label: "output \(Notation.shape(arithmetic.outputShape))") { r, c in
            let index = r * output.columns + c
            guard let position else { return CellStyle(fill: theme.doneFill(0.30)) }
            if index == position { return CellStyle(fill: theme.current.withAlpha(0.55)) }
            return CellStyle(fill: index < position ? theme.doneFill(0.30) : nil)
        }
        if let position {
            let (i, j) = (position / output.columns, position % output.columns)
            output.outline(rows: i...i, columns: j...j, on: canvas, theme.current, lineWidth: 4)
            let from = (input.x + input.width + 14, input.y + input.height / 2)
            let to = output.cellCenter(i, j)
            canvas.arrow(from: from, to: (to.0 - output.cellSize / 2 - 6, to.1), theme.current, lineWidth: 2.5)
        }
        Caption.lines(caption.lines, on: canvas, width: 1280, bottom: caption.bottom, size: caption.size)
    }
}

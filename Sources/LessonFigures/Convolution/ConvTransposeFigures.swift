import LessonCore

/// The figures of a transposed convolution: one frame per input cell (its scaled kernel copy
/// added to the canvas), an overview with the cropped output, and the matrix view out = Cᵀ·y.
///
/// On the canvas, cells that padding crops away are shaded like padding and the output region
/// is outlined; the current copy is highlighted with each cell's added product as a note.
public enum ConvTransposeFigures {
    /// Where the grids of a frame sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        public var input: Grid
        public var kernel: Grid
        public var canvas: Grid
    }

    /// The layout of the scatter frames for `trace` on a 1280 × 720 canvas; at a larger `textScale`
    /// the cells grow with the text where the slide has room (the added products stack under the numbers).
    /// A grid's columns widen, as far as the slide holds, where its longest number (or, on the
    /// canvas, added product) would shrink under the projector floor in a square cell (`readableColumns`);
    /// at a larger `textScale` the cells then grow less where a column would be narrower than at
    /// text scale 1 (its numbers smaller), as conv2d's do.
    public static func layout(for trace: ConvTransposeTrace, textScale: Double = 1) -> Layout {
        let readable = readableColumns(trace)
        var layout = self.layout(for: trace, maxCell: 78 * textScale, readable: readable)
        guard textScale > 1 else { return layout }
        let unscaled = self.layout(for: trace, maxCell: 78, readable: readable)
        let least = [unscaled.input, unscaled.kernel, unscaled.canvas].map(\.columnWidth)
        var cell = layout.input.cellSize
        while cell > unscaled.input.cellSize,
              zip([layout.input, layout.kernel, layout.canvas], least).contains(where: { $0.columnWidth < $1 - 1e-9 }) {
            cell = max(unscaled.input.cellSize, cell * 0.96)
            layout = self.layout(for: trace, maxCell: cell, readable: readable)
        }
        return layout
    }

    /// The scatter frames' grids in cells of at most `maxCell`, their columns widened towards `readable`.
    private static func layout(for trace: ConvTransposeTrace, maxCell: Double, readable: [Double]) -> Layout {
        let n = trace.input.shape, k = trace.kernel.shape, u = trace.canvas.shape
        let gap = 90.0
        let columns = Double(n[1] + k[1] + u[1])
        let maxRows = Double(max(n[0], k[0], u[0]))
        let cell = min(maxCell, (1280 - 120 - 2 * gap) / columns, (720 - 270) / maxRows)
        var x = (1280 - (columns * cell + 2 * gap)) / 2
        let top = 120.0, band = 720.0 - 270
        func grid(_ shape: [Int]) -> Grid {
            var g = Grid(rows: shape[0], columns: shape[1], x: x, y: top + (band - Double(shape[0]) * cell) / 2, cellSize: cell)
            // Numbers and the added products (notes) at the projector floor for cells.
            g.numberFloor = ConvolutionFigures.minimumNumberSize
            g.noteFloor = ConvolutionFigures.minimumNumberSize
            x += g.width + gap
            return g
        }
        let grids = RowLayout.widened([grid(n), grid(k), grid(u)], toColumnWidths: readable, gap: gap)
        return Layout(input: grids[0], kernel: grids[1], canvas: grids[2])
    }

    /// The column widths of the input, kernel and canvas in which their longest numbers read at
    /// `ConvolutionFigures.minimumNumberSize`, the canvas's at every step and with every added
    /// product laid on it (so every frame has the same layout).
    static func readableColumns(_ trace: ConvTransposeTrace) -> [Double] {
        let floor = ConvolutionFigures.minimumNumberSize
        let sums = trace.steps.flatMap(\.canvasAfter.scalars) + trace.canvas.scalars
        let notes = trace.steps.flatMap { $0.placements.map(note) }
        return [Grid.readableColumn(for: trace.input.scalars, floor: floor), Grid.readableColumn(for: trace.kernel.scalars, floor: floor),
                max(Grid.readableColumn(for: sums, floor: floor), Grid.readableNoteColumn(for: notes, size: floor))]
    }

    /// The note on a canvas cell that `placement` adds to: its product, "+(−1.5)".
    static func note(_ placement: ScatterPlacement) -> String { "+" + Notation.factor(placement.product) }

    /// The frames (`step-1` …), the overview and the matrix view.
    public static func figures(_ trace: ConvTransposeTrace) -> [Figure] {
        var figures = trace.steps.enumerated().map { (index, step) -> Figure in
            let description = "Step \(index + 1) of \(trace.steps.count): \(step.label) = \(Notation.number(step.value)) adds \(Notation.number(step.value)) times the kernel to the canvas at row \(step.row * trace.stride.rows + 1), column \(step.column * trace.stride.columns + 1)."
            return Figure(name: Figure.stepName(index, of: trace.steps.count), description: description, step: index + 1) { canvas in
                drawScatter(trace, stepIndex: index, on: canvas)
            }
        }
        figures.append(Figure(name: "overview", description: "Every kernel copy added: the \(Notation.shape(trace.canvas.shape)) canvas, cropped by padding \(trace.paddingText), gives the \(Notation.shape(trace.output.shape)) output \(Notation.inlineMatrix(trace.output)).") { canvas in
            drawScatter(trace, stepIndex: nil, on: canvas)
        })
        figures.append(Figure(name: "matrix", description: "The same output as a matrix product: the \(Notation.shape(trace.transposedMatrix.shape)) matrix Cᵀ times the flattened input y.") { canvas in
            drawMatrix(trace, on: canvas)
        })
        return figures
    }

    private static func isCropped(_ trace: ConvTransposeTrace, _ r: Int, _ c: Int) -> Bool {
        let p = trace.padding, o = trace.output.shape
        return r < p.rows || r >= p.rows + o[0] || c < p.columns || c >= p.columns + o[1]
    }

    private static func drawScatter(_ trace: ConvTransposeTrace, stepIndex: Int?, on canvas: Canvas) {
        let theme = canvas.theme
        let layout = layout(for: trace, textScale: canvas.textScale)
        let step = stepIndex.map { trace.steps[$0] }
        var settings = ["stride \(trace.stride)"]
        if trace.padding != Pair2(0) || trace.extraCrop != nil { settings.append("padding \(trace.paddingText)") }
        if trace.outputPadding != Pair2(0) { settings.append("output_padding \(trace.outputPadding)") }
        if trace.dilation != Pair2(1) { settings.append("dilation \(trace.dilation)") }
        let position = stepIndex.map { "step \($0 + 1) of \(trace.steps.count)" } ?? "overview"
        Caption.title((["Transposed convolution"] + settings + [position]).joined(separator: " · "), on: canvas, width: 1280)

        let inputColumns = trace.input.shape[1]
        layout.input.draw(on: canvas, label: "input y") { r, c in
            let index = r * inputColumns + c
            let isCurrent = step.map { $0.row == r && $0.column == c } ?? false
            let done = stepIndex.map { index < $0 } ?? true
            return CellStyle(fill: isCurrent ? theme.highlight.withAlpha(0.45) : (done ? theme.doneFill(0.12) : nil),
                             text: Notation.number(trace.input[r, c]), bold: isCurrent)
        }
        if let step {
            layout.input.outline(rows: step.row...step.row, columns: step.column...step.column, on: canvas, theme.highlight, lineWidth: 4)
        }
        layout.kernel.draw(on: canvas, label: "kernel") { r, c in
            CellStyle(fill: theme.highlight.withAlpha(0.18), text: Notation.number(trace.kernel[r, c]))
        }

        let values = step?.canvasAfter ?? trace.canvas
        var notes: [Int: String] = [:]
        let canvasColumns = trace.canvas.shape[1]
        for placement in step?.placements ?? [] {
            notes[placement.canvasRow * canvasColumns + placement.canvasColumn] = note(placement)
        }
        layout.canvas.draw(on: canvas, label: trace.padding == Pair2(0) && trace.extraCrop == nil && trace.outputPadding == Pair2(0) ? "output" : "canvas (output outlined)") { r, c in
            let cropped = isCropped(trace, r, c)
            if let note = notes[r * canvasColumns + c] {
                return CellStyle(fill: theme.highlight.withAlpha(cropped ? 0.18 : 0.32), text: Notation.number(values[r, c]),
                                 textColor: cropped ? theme.muted : nil, note: note, noteColor: theme.foreground, bold: true)
            }
            return CellStyle(fill: cropped ? theme.padding : nil, text: Notation.number(values[r, c]),
                             textColor: cropped || values[r, c] == 0 ? theme.muted : nil)
        }
        if let step {
            let rows = step.placements.map(\.canvasRow), columns = step.placements.map(\.canvasColumn)
            layout.canvas.outline(rows: (rows.min() ?? 0)...(rows.max() ?? 0), columns: (columns.min() ?? 0)...(columns.max() ?? 0),
                                  on: canvas, theme.highlight, lineWidth: 4, dash: trace.dilation == Pair2(1) ? [] : [8, 5])
        }
        let o = trace.output.shape, p = trace.padding
        layout.canvas.outline(rows: p.rows...(p.rows + o[0] - 1), columns: p.columns...(p.columns + o[1] - 1), on: canvas,
                              theme.current, lineWidth: 3, dash: [10, 6])

        let midY = 720.0 / 2 - 35 + 15
        canvas.text("→", x: (layout.kernel.x + layout.kernel.width + layout.canvas.x) / 2, y: midY, size: 44, theme.foreground)

        let caption: [String]
        if let step {
            caption = ["\(step.label) = \(Notation.number(step.value)): " + step.placements.map { "\(Notation.factor(step.value))×\(Notation.factor($0.weight))" }.joined(separator: ", ") + " added"]
        } else {
            caption = [TransposedOutputSize.formula] + trace.outputSizes.map { "\($0.axis): \($0.filledIn)" }
        }
        Caption.lines(caption, on: canvas, width: 1280, bottom: 720 - 40, size: 22)
    }

    /// Where the matrix view's grids sit: Cᵀ cut into blocks of rows side by side, each with y
    /// and its rows of out; public so tests can look at the right pixels.
    public struct MatrixLayout: Sendable {
        public struct Block: Sendable {
            public var matrix: Grid
            public var y: Grid
            public var out: Grid
        }
        public var blocks: [Block]
        /// The shape of the whole Cᵀ.
        public var shape: [Int]
        /// The map of the whole Cᵀ, drawn when the blocks show only some of its rows.
        public var map: Grid?
        /// Whether the numbers are written (at the projector floor or more).
        public var showsNumbers: Bool

        /// The rows of Cᵀ the blocks show, in order.
        public var shownRows: [Int] { blocks.flatMap { Array($0.matrix.shownRows) } }
    }

    /// The room kept at the right of a zoomed matrix view for the map of Cᵀ.
    static let mapWidth = 190.0

    /// The matrix view's layout on a 1280 × 720 canvas. Numbers are written at 0.4 of the cell:
    /// a cell of 60 gives the 24 px cell-number floor. When Cᵀ is too tall for one column of
    /// such cells, its rows are cut into blocks drawn side by side (out rows i…j = Cᵀ rows i…j · y);
    /// when the blocks do not fit across either, as many as fit show the first rows at 60 px and
    /// a map of the whole Cᵀ shows where they are. Only when not even one block of 60 px cells
    /// fits across are the numbers left out.
    /// The blocks between `top` and `bottom` (their labels above, a ⋮ below them).
    public static func matrixLayout(for trace: ConvTransposeTrace, top top0: Double = 120, bottom: Double = 640) -> MatrixLayout {
        let t = trace.transposedMatrix.shape
        let floor = ConvolutionFigures.minimumNumberSize
        let band = bottom - top0, readable = floor / 0.4
        let blockColumns = Double(t[1] + 2)
        func width(_ blocks: Int, cell: Double, gap: Double) -> Double {
            Double(blocks) * (blockColumns * cell + 2 * gap) + Double(blocks - 1) * gap
        }
        // The cell at which `blocks` blocks, `gap` apart, fill the slide's width less 120: `width`'s inverse.
        func across(_ blocks: Int, gap: Double) -> Double {
            (1280 - 120 - Double(blocks - 1) * gap - Double(blocks) * 2 * gap) / (Double(blocks) * blockColumns)
        }
        var blocks = max(1, Int((Double(t[0]) * readable / band).rounded(.up)))
        var rowsPerBlock = (t[0] + blocks - 1) / blocks
        var gap = 60.0, cell: Double, shown = t[0], zoomed = false, tallest = 0
        let zoomWidth = 1280 - 60 - 40 - mapWidth
        if width(blocks, cell: readable, gap: gap) > 1280 - 120, width(1, cell: readable, gap: 50) <= zoomWidth {
            // A window of the first rows at 60 px, beside a map.
            (gap, zoomed, cell) = (50, true, readable)
            rowsPerBlock = Int(band / readable)
            blocks = 1
            while blocks < (t[0] + rowsPerBlock - 1) / rowsPerBlock, width(blocks + 1, cell: readable, gap: gap) <= zoomWidth { blocks += 1 }
            shown = min(t[0], blocks * rowsPerBlock)
        } else {
            cell = min(66, band / Double(rowsPerBlock), across(blocks, gap: gap))
            if cell * 0.4 < floor - 1e-9 {
                // No numbers in any layout: as many blocks as give the largest cells, with every
                // grid (y is t[1] cells tall) inside the band and across the slide. (The blocks
                // asked for 60 px cells could not fit across, and their cells came out negative.)
                gap = 40
                func size(_ count: Int) -> Double {
                    min(66, band / Double(max((t[0] + count - 1) / count, t[1])), across(count, gap: gap))
                }
                blocks = 1
                for count in 2...max(2, min(t[0], 12)) where size(count) > size(blocks) { blocks = count }
                rowsPerBlock = (t[0] + blocks - 1) / blocks
                cell = size(blocks)
                tallest = t[1] // y, which these cells were sized to keep inside the band
            }
        }
        let showsNumbers = cell * 0.4 >= floor - 1e-9
        let total = width(blocks, cell: cell, gap: gap) + (zoomed ? 40 + mapWidth : 0)
        var left = (1280 - total) / 2
        let top = top0 + (band - Double(max(min(rowsPerBlock, shown), tallest)) * cell) / 2
        var result: [MatrixLayout.Block] = []
        for block in 0..<blocks {
            let first = block * rowsPerBlock, count = min(rowsPerBlock, shown - first)
            guard count > 0 else { break }
            var matrix = Grid(rows: count, columns: t[1], x: left, y: top, cellSize: cell, firstRow: first)
            var y = Grid(rows: t[1], columns: 1, x: left + matrix.width + gap, y: top, cellSize: cell)
            var out = Grid(rows: count, columns: 1, x: y.x + cell + gap, y: top, cellSize: cell, firstRow: first)
            (matrix.numberFloor, y.numberFloor, out.numberFloor) = (floor, floor, floor)
            result.append(MatrixLayout.Block(matrix: matrix, y: y, out: out))
            left += blockColumns * cell + 3 * gap
        }
        let map = zoomed ? MatrixMap.grid(shape: t, x: 1280 - 30 - mapWidth, y: top0 + 26, width: mapWidth, height: band - 26) : nil
        if showsNumbers { result = widenedForLongNumbers(result, trace: trace, gap: gap, zoomed: zoomed) }
        return MatrixLayout(blocks: result, shape: t, map: map, showsNumbers: showsNumbers)
    }

    /// `blocks` (Cᵀ, y and out side by side, `gap` apart, block after block) with their columns
    /// widened, as far as the slide holds (left of the map when `zoomed`), where their longest
    /// numbers would shrink under the projector floor; blocks whose numbers fit are returned as they are.
    private static func widenedForLongNumbers(_ blocks: [MatrixLayout.Block], trace: ConvTransposeTrace, gap: Double,
                                              zoomed: Bool) -> [MatrixLayout.Block] {
        let floor = ConvolutionFigures.minimumNumberSize
        let wishes = [trace.transposedMatrix, trace.input, trace.output].map { Grid.readableColumn(for: $0.scalars, floor: floor) }
        let grids = blocks.flatMap { [$0.matrix, $0.y, $0.out] }
        let widened = RowLayout.widened(grids, toColumnWidths: blocks.flatMap { _ in wishes }, width: zoomed ? 1280 - mapWidth - 40 : 1280,
                                        margin: zoomed ? 30 : 60, gap: gap, minimumGap: min(gap, 40))
        return blocks.indices.map { MatrixLayout.Block(matrix: widened[3 * $0], y: widened[3 * $0 + 1], out: widened[3 * $0 + 2]) }
    }

    private static func drawMatrix(_ trace: ConvTransposeTrace, on canvas: Canvas) {
        let theme = canvas.theme
        Caption.title("Transposed convolution as a matrix product · out = Cᵀ·y", on: canvas, width: 1280)
        let caption = ["column j of Cᵀ is the kernel copy of y_j laid out on the flattened output;",
                       "it is the transpose of the convolution matrix C (lesson conv-matrix)"]
        var layout = matrixLayout(for: trace)
        let shape = layout.shape
        let note = "Cᵀ (\(Notation.shape(shape))) is too large for projector-size numbers: rows 1–\(layout.blocks.last?.matrix.shownRows.upperBound ?? 0) shown; the map at the right is all of Cᵀ"
        if layout.map != nil {
            // A window of Cᵀ: its blocks start under the note's lines and their labels, as tall as
            // drawn, and end with room for the ⋮ above the caption.
            let k = canvas.textScale
            let top = max(120, Caption.noteBottom(note, on: canvas) + 21 + 0.91 * 21.6 * k + 4)
            let bottom = min(640, Caption.top(of: caption, on: canvas, width: 1280, bottom: 720 - 30, size: 20) - 8 - 30 * k)
            layout = matrixLayout(for: trace, top: top, bottom: bottom)
        }
        let t = layout.shape, showText = layout.showsNumbers
        let whole = layout.blocks.count == 1 && layout.map == nil
        for block in layout.blocks {
            let (matrix, y, out) = (block.matrix, block.y, block.out)
            let part = " rows \(matrix.firstRow + 1)–\(matrix.shownRows.upperBound)"
            matrix.draw(on: canvas, label: whole ? "Cᵀ \(Notation.shape(t))" : "Cᵀ" + part) { r, c in
                let w = trace.transposedMatrix[r, c]
                // Without numbers the weights' cells are all that is read: shaded as strongly as the map's.
                return CellStyle(fill: w != 0 ? theme.highlight.withAlpha(showText ? 0.25 : 0.6) : nil, text: showText ? Notation.number(w) : nil,
                                 textColor: w == 0 ? theme.muted : nil)
            }
            y.draw(on: canvas, label: "y") { r, _ in
                CellStyle(fill: theme.current.withAlpha(0.15), text: showText ? Notation.number(trace.input[r]) : nil)
            }
            out.draw(on: canvas, label: "out") { r, _ in
                CellStyle(fill: theme.doneFill(0.16), text: showText ? Notation.number(trace.output[r]) : nil)
            }
            let mid = matrix.y + min(matrix.height, y.height) / 2
            canvas.text("·", x: (matrix.x + matrix.width + y.x) / 2, y: mid, size: 44, theme.foreground)
            canvas.text("=", x: (y.x + y.width + out.x) / 2, y: matrix.y + out.height / 2, size: 40, theme.foreground)
        }
        if let map = layout.map, let last = layout.blocks.last {
            let cells = (0..<t[0]).flatMap { r in
                (0..<t[1]).compactMap { c in trace.transposedMatrix[r, c] != 0 ? (row: r, column: c, color: theme.highlight.withAlpha(0.6)) : nil }
            }
            MatrixMap.draw(map, label: "all of Cᵀ, \(Notation.shape(t))", cells: cells, windows: layout.blocks.map(\.matrix), on: canvas)
            canvas.text("⋮", x: last.out.x + last.out.columnWidth / 2, y: last.out.y + last.out.height + 18, size: 24, theme.muted, weight: .bold)
            Caption.note("Cᵀ (\(Notation.shape(t))) is too large for projector-size numbers: rows 1–\(last.matrix.shownRows.upperBound) shown; the map at the right is all of Cᵀ", on: canvas)
        }
        if !showText {
            canvas.text("Cᵀ is too large for projector-size numbers: shaded cells hold kernel weights (the text output lists them)",
                        x: 640, y: 720 - 80, size: 18, theme.muted)
        }
        Caption.lines(caption, on: canvas, width: 1280, bottom: 720 - 30, size: 20)
    }
}

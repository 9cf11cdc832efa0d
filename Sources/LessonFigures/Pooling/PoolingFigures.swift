import LessonCore

/// The forward figures of a pooling trace: one frame per output cell and an overview.
///
/// A frame shows the (padded) input with the window of that step outlined and, for max and
/// min, the winning element marked; the output filling up with the current cell marked; and
/// the step's computation as the caption. Everything is read from the trace.
public enum PoolingFigures {
    /// Where the two grids of a forward figure sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        /// The padded input.
        public var input: Grid
        /// The pooled output.
        public var output: Grid
        public var width: Double
        public var height: Double
    }

    /// The layout of every forward figure of `trace` on a `width` × `height` canvas; `foot`: where
    /// a caption of larger text (`--text-scale`) begins, when the grids must end above it.
    public static func layout(for trace: PoolingTrace, width: Double = 1280, height: Double = 720, foot: Double? = nil) -> Layout {
        // An output of six characters or more (12.333, bold in its step) needs 100 px cells to keep 24 px numbers.
        let longest = trace.output.scalars.map { Notation.number($0, decimals: 3, keepSmall: true).count }.max() ?? 0
        let (input, output) = twoGrids(left: trace.paddedShape, right: trace.output.shape, width: width, height: height,
                                       rightCell: longest >= 6 ? 100 : 0, foot: foot)
        let widened = widenedForLongNumbers([input, output], values: [trace.input, trace.output], width: width)
        return Layout(input: widened[0], output: widened[1], width: width, height: height)
    }

    /// Two grids of `twoGrids` whose columns widen, as far as the slide holds (the operator's
    /// gap down to 180 px), so that their longest numbers keep the projector floor (24 px), as
    /// conv2d's grids do; grids whose numbers fit are returned as they are.
    static func widenedForLongNumbers(_ grids: [Grid], values: [Tensor], width: Double, decimals: Int = 3) -> [Grid] {
        let wishes = values.map { Grid.readableColumn(for: $0.scalars, decimals: decimals, keepSmall: true, floor: ConvolutionFigures.minimumNumberSize) }
        let gap = grids[1].x - grids[0].x - grids[0].width
        return RowLayout.widened(grids, toColumnWidths: wishes, width: width, gap: gap, minimumGap: min(gap, 180))
    }

    /// Two grids side by side with a gap for the operator arrow, centred in the band between title and caption.
    /// `rightCell`: the smallest cell the right grid needs, taken from the gap (down to 180) when
    /// the band has room for it. `foot`: the grids end 8 px above it (a caption that wraps at a larger text scale).
    static func twoGrids(left: [Int], right: [Int], width: Double, height: Double, rightCell: Double = 0,
                         foot: Double? = nil) -> (Grid, Grid) {
        var gap = 220.0
        let margin = 60.0
        let columns = Double(left[1] + right[1])
        let maxRows = Double(max(left[0], right[0]))
        let band = min(height - 270, (foot ?? height) - 8 - 120)
        let cell = min(84, (width - 2 * margin - gap) / columns, band / maxRows)
        // A single cell (global pooling's one number) is drawn at least 96 px wide, so an average
        // like 5.778 keeps the 24 px projector size.
        func size(_ shape: [Int]) -> Double { shape == [1, 1] ? max(cell, min(96, width - 2 * margin - gap - columns * cell)) : cell }
        let cellA = size(left)
        var cellB = size(right)
        if rightCell > cellB {
            let room = width - 2 * margin - Double(left[1]) * cellA - 180
            cellB = max(cellB, min(rightCell, band / Double(right[0]), room / Double(right[1])))
            gap = min(gap, width - 2 * margin - Double(left[1]) * cellA - Double(right[1]) * cellB)
        }
        let total = Double(left[1]) * cellA + Double(right[1]) * cellB + gap
        let top = 120.0
        var a = Grid(rows: left[0], columns: left[1], x: (width - total) / 2,
                     y: top + (band - Double(left[0]) * cellA) / 2, cellSize: cellA)
        var b = Grid(rows: right[0], columns: right[1], x: a.x + a.width + gap,
                     y: top + (band - Double(right[0]) * cellB) / 2, cellSize: cellB)
        a.numberFloor = ConvolutionFigures.minimumNumberSize
        b.numberFloor = ConvolutionFigures.minimumNumberSize
        return (a, b)
    }

    /// One frame per output cell, named `step-1` … (zero-padded as `Figure.stepName`) in row-major order.
    public static func frames(_ trace: PoolingTrace, decimals: Int = 3) -> [Figure] {
        let count = trace.steps.count
        return trace.steps.enumerated().map { (index, step) -> Figure in
            var description = "Step \(index + 1) of \(count): the \(trace.op.word) of the window of input \(step.windowText) gives \(step.label) = \(Notation.number(step.value, decimals: decimals, keepSmall: true))"
            if let cell = step.winnerCell { description += ", the element at x\(Notation.index(cell.row, cell.column))" }
            return Figure(name: Figure.stepName(index, of: count), description: description + ".", step: index + 1) { canvas in
                drawForward(trace, stepIndex: index, decimals: decimals, on: canvas)
            }
        }
    }

    /// The whole pooling at once: the input (winners marked), the full output and the size arithmetic.
    public static func overview(_ trace: PoolingTrace, decimals: Int = 3) -> Figure {
        let description = "The \(Notation.shape(trace.input.shape)) input, \(trace.settings), gives the \(Notation.shape(trace.output.shape)) output \(Notation.inlineMatrix(trace.output, decimals: decimals, keepSmall: true))."
        return Figure(name: "overview", description: description) { canvas in
            drawForward(trace, stepIndex: nil, decimals: decimals, on: canvas)
        }
    }

    /// `07` of 12: the step number padded to the width of the count.

    /// The heading every pooling figure shares: `max pooling 2×2, stride 2 · step 3 of 9`.
    static func heading(_ trace: PoolingTrace, _ position: String) -> String {
        "\(trace.settings) · \(position)"
    }

    private static func drawForward(_ trace: PoolingTrace, stepIndex: Int?, decimals: Int, on canvas: Canvas) {
        let theme = canvas.theme
        let step = stepIndex.map { trace.steps[$0] }
        // Caption: the computation of this step, or the size arithmetic.
        let caption: (lines: [String], bottom: Double, size: Double)
        if let step {
            caption = ([step.text(op: trace.op, decimals: decimals)], 720 - 50, 26)
        } else {
            let lines = trace.axesAlike
                ? [trace.sizeFormula, trace.sizeFilledIn(0) + " (rows and columns)"]
                : [trace.sizeFormula, "rows: " + trace.sizeFilledIn(0), "columns: " + trace.sizeFilledIn(1)]
            caption = (lines, 720 - 40, 24)
        }
        let foot = canvas.textScale > 1
            ? Caption.top(of: caption.lines, on: canvas, width: 1280, bottom: caption.bottom, size: caption.size) : nil
        let layout = layout(for: trace, foot: foot)
        let position = stepIndex.map { "step \($0 + 1) of \(trace.steps.count)" } ?? "overview"
        Caption.title(heading(trace, position), on: canvas, width: layout.width)

        // Which padded cells are in the window, which won, which tied; in the overview, every winner.
        let p = trace.padding
        let columns = layout.input.columns
        func key(_ cell: PoolingCell) -> Int { (cell.row + p.rows) * columns + cell.column + p.columns }
        var inWindow = Set<Int>(), winners = Set<Int>(), tied = Set<Int>()
        if let step {
            inWindow = Set(step.cells.map(key))
            if let cell = step.winnerCell { winners.insert(key(cell)) }
            tied = Set(step.ties.map { key(step.cells[$0]) })
        } else {
            winners = Set(trace.steps.compactMap { $0.winnerCell.map(key) })
        }
        // A ceil_mode window's cells past the padding: drawn empty with a dot, as they add nothing and count for nothing.
        var label = p == Pair2(0) && trace.extraPadding == nil ? "input x" : "input x (padding \(trace.op.paddingSymbol))"
        if trace.ceilMode == true, trace.extraPadding != nil { label = p == Pair2(0) ? "input x (· past the input)" : "input x (padding \(trace.op.paddingSymbol), · past it)" }
        layout.input.draw(on: canvas, label: label) { r, c in
            let cell = trace.paddedCell(row: r, column: c), isBeyond = cell == .beyond
            let (text, isPadding): (String, Bool)
            switch cell {
            case .input(let row, let column): (text, isPadding) = (Notation.number(trace.input[row, column], decimals: decimals, keepSmall: true), false)
            case .padding: (text, isPadding) = (trace.op.paddingSymbol, true)
            case .beyond: (text, isPadding) = ("·", true)
            }
            let k = r * columns + c
            if winners.contains(k) {
                let fill = step == nil ? theme.doneFill(0.22) : theme.current.withAlpha(0.30)
                return CellStyle(fill: fill, text: text, note: step == nil ? nil : trace.op.rawValue,
                                 noteColor: theme.current, bold: true)
            }
            if inWindow.contains(k) {
                return CellStyle(fill: isPadding ? theme.padding.mixed(with: theme.highlight, amount: 0.25) : theme.highlight.withAlpha(0.22),
                                 text: text, textColor: isPadding ? theme.muted : nil,
                                 note: tied.contains(k) ? "tie" : nil, noteColor: theme.muted)
            }
            return CellStyle(fill: isPadding && !isBeyond ? theme.padding : nil, text: text, textColor: isPadding ? theme.muted : nil)
        }
        if step == nil, !trace.isGlobal, trace.stride.rows >= trace.size.rows, trace.stride.columns >= trace.size.columns {
            // Windows that do not overlap: outline each, so the overview shows the tiling.
            for window in trace.steps {
                layout.input.outline(rows: (window.windowRows.lowerBound + p.rows)...(window.windowRows.upperBound + p.rows),
                                     columns: (window.windowColumns.lowerBound + p.columns)...(window.windowColumns.upperBound + p.columns),
                                     on: canvas, theme.highlight, lineWidth: 3)
            }
        }
        if let step {
            layout.input.outline(rows: (step.windowRows.lowerBound + p.rows)...(step.windowRows.upperBound + p.rows),
                                 columns: (step.windowColumns.lowerBound + p.columns)...(step.windowColumns.upperBound + p.columns),
                                 on: canvas, theme.highlight, lineWidth: 4)
            if let cell = step.winnerCell {
                let r = cell.row + p.rows, c = cell.column + p.columns
                layout.input.outline(rows: r...r, columns: c...c, on: canvas, theme.current, lineWidth: 3)
            }
        }

        // Output, filled up to the current step.
        let filled = stepIndex.map { $0 + 1 } ?? trace.steps.count
        let outColumns = trace.output.shape[1]
        layout.output.draw(on: canvas, label: "output y") { r, c in
            let index = r * outColumns + c
            guard index < filled else { return CellStyle() }
            let text = Notation.number(trace.output[r, c], decimals: decimals, keepSmall: true)
            if index == stepIndex { return CellStyle(fill: theme.current.withAlpha(0.28), text: text, bold: true) }
            return CellStyle(fill: theme.doneFill(0.14), text: text)
        }
        if let step {
            layout.output.outline(rows: step.row...step.row, columns: step.column...step.column, on: canvas,
                                  theme.current, lineWidth: 4)
        }

        // The operator between the grids.
        let left = layout.input.x + layout.input.width + 30, right = layout.output.x - 30
        let midY = layout.height / 2 - 20
        canvas.arrow(from: (left, midY), to: (right, midY), theme.foreground, lineWidth: 3, headLength: 16)
        let opText = trace.isGlobal ? "global \(trace.op.word)" : "\(trace.op.word) \(trace.size.rows)×\(trace.size.columns)"
        canvas.text(opText, x: (left + right) / 2, y: midY - 28,
                    size: canvas.fittingSize(opText, size: 24, maxWidth: right - left, weight: .bold), theme.foreground, weight: .bold)
        if !trace.isGlobal {
            canvas.text("stride \(trace.stride)", x: (left + right) / 2, y: midY + 28, size: 20, theme.muted)
        }

        Caption.lines(caption.lines, on: canvas, width: layout.width, bottom: caption.bottom, size: caption.size)
    }
}

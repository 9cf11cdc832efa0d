import LessonCore

/// The figures of a 2-D convolution trace: one frame per output cell and an overview.
///
/// A frame shows the (padded) input with the window of that step highlighted and the
/// kernel's weights written inside it, the kernel, the output filling up with the current
/// cell marked, and the step's sum as the caption. Everything is read from the trace.
public enum ConvolutionFigures {
    /// Where the three grids of a frame sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        public var input: Grid
        public var kernel: Grid
        public var output: Grid
        public var width: Double
        public var height: Double
        /// Whether the input and output grids are windows around the current step (the whole
        /// matrices would make their numbers smaller than `minimumNumberSize`).
        public var zoomed: Bool {
            [input.rows, input.columns, output.rows, output.columns] != [inputShape[0], inputShape[1], outputShape[0], outputShape[1]]
        }
        /// The shapes of the whole padded input and output, which a zoomed layout shows part of.
        public var inputShape: [Int]
        public var outputShape: [Int]
        /// The band the grids are centred in: from `top` to `bottomBand` above the foot.
        public var top = 120.0
        public var bottomBand = 150.0
    }

    /// The smallest size of a number in a cell at 1280×720, read from the back of a hall.
    public static let minimumNumberSize = 24.0
    /// The width kept on the right of a zoomed figure for the overview of the whole matrices.
    static let overviewWidth = 170.0

    /// The layout of the figure of step `stepIndex` (nil: the overview) of `trace` on a `width` ×
    /// `height` canvas: the whole matrices when their numbers can be `minimumNumberSize` or more,
    /// else windows of the padded input and output around the step (the top-left corner for the
    /// overview figure), as large as keep the numbers at that size. A grid's columns widen, as far
    /// as the slide holds, where its longest number or weight note would shrink under its floor in a
    /// square cell (`readableColumns`). At a larger `textScale` the
    /// band under the grids grows for the legend and a caption that wraps, and a zoomed figure's
    /// grids start lower, under the note that says it is zoomed.
    /// `foot`: where the text under the grids (legend and caption, as drawn) begins, when that is
    /// higher than the band leaves room for at a larger text scale.
    public static func layout(for trace: ConvolutionTrace, step stepIndex: Int? = nil, width: Double = 1280,
                              height: Double = 720, textScale: Double = 1, foot: Double? = nil) -> Layout {
        let inputShape = trace.paddedInput.shape, kernelShape = trace.appliedKernel.shape, outputShape = trace.output.shape
        let bottomBand = max(150 + 40 * (textScale - 1), textScale > 1 ? height - (foot ?? height) + 8 : 0)
        let grids = RowLayout.grids(for: [inputShape, kernelShape, outputShape], width: width, height: height,
                                    maxCell: 84 * textScale, bottomBand: bottomBand)
        // Grid.draw writes numbers at 0.4 of the cell.
        let smallestCell = minimumNumberSize / 0.4
        if grids[0].cellSize >= smallestCell - 1e-9 {
            let readable = readableColumns(trace)
            var grids = RowLayout.widened(grids, toColumnWidths: readable, width: width)
            if textScale > 1 {
                // Larger cells leave less room to widen a column of long numbers: the cells grow
                // less where a column would be narrower than at text scale 1 (its numbers smaller).
                let unscaled = layout(for: trace, step: stepIndex, width: width, height: height)
                let least = [unscaled.input, unscaled.kernel, unscaled.output].map(\.columnWidth)
                var cell = grids[0].cellSize
                while cell > unscaled.input.cellSize, zip(grids, least).contains(where: { $0.columnWidth < $1 - 1e-9 }) {
                    cell = max(unscaled.input.cellSize, cell * 0.96)
                    grids = RowLayout.widened(RowLayout.grids(for: [inputShape, kernelShape, outputShape], width: width, height: height,
                                                              maxCell: cell, bottomBand: bottomBand),
                                              toColumnWidths: readable, width: width)
                }
            }
            return floored(Layout(input: grids[0], kernel: grids[1], output: grids[2], width: width, height: height,
                                  inputShape: inputShape, outputShape: outputShape, bottomBand: bottomBand))
        }
        // How many cells fit across and down at the smallest cell, beside the overview.
        let band = width - overviewWidth - 2 * 60 - 2 * 90
        let across = max(kernelShape[1] + 2, Int(band / smallestCell))
        // The note under the title ends at 44 + 38.5 × the text scale; the grids' labels go under it.
        let top = max(120, 69 + 51 * textScale)
        let down = max(kernelShape[0], Int((height - top - bottomBand) / smallestCell))
        let step = stepIndex.map { trace.steps[$0] }
        func view(total: Int, budget: Int, must: ClosedRange<Int>?) -> (first: Int, count: Int) {
            let count = min(total, max(budget, must.map { $0.count } ?? 1))
            guard let must else { return (0, count) }
            let centre = (must.lowerBound + must.upperBound + 1) / 2
            return (min(max(0, centre - count / 2), total - count), count)
        }
        let rest = across - kernelShape[1]
        let outputAcross = min(outputShape[1], max(1, rest / 3))
        let inputColumns = view(total: inputShape[1], budget: rest - outputAcross, must: step?.windowColumns)
        let inputRows = view(total: inputShape[0], budget: down, must: step?.windowRows)
        let outputColumns = view(total: outputShape[1], budget: outputAcross, must: step.map { $0.column...$0.column })
        let outputRows = view(total: outputShape[0], budget: down, must: step.map { $0.row...$0.row })
        let shown = RowLayout.widened(
            RowLayout.grids(for: [[inputRows.count, inputColumns.count], kernelShape, [outputRows.count, outputColumns.count]],
                            width: width - overviewWidth, height: height, top: top, bottomBand: bottomBand),
            toColumnWidths: readableColumns(trace), width: width - overviewWidth)
        var input = shown[0], output = shown[2]
        (input.firstRow, input.firstColumn) = (inputRows.first, inputColumns.first)
        (output.firstRow, output.firstColumn) = (outputRows.first, outputColumns.first)
        return floored(Layout(input: input, kernel: shown[1], output: output, width: width, height: height,
                              inputShape: inputShape, outputShape: outputShape, top: top, bottomBand: bottomBand))
    }

    /// The column widths of the input, kernel and output in which their longest numbers read at
    /// `minimumNumberSize` and the weights laid on the input's window at 18 px (every weight, so
    /// every frame has the same layout).
    static func readableColumns(_ trace: ConvolutionTrace) -> [Double] {
        Grid.readableColumns(for: [trace.paddedInput, trace.appliedKernel, trace.output], notesOnFirst: trace.appliedKernel.scalars,
                             floor: minimumNumberSize)
    }

    /// `layout` with its numbers kept at `minimumNumberSize` where a long one would shrink under it.
    private static func floored(_ layout: Layout) -> Layout {
        var layout = layout
        for keyPath in [\Layout.input, \Layout.kernel, \Layout.output] { layout[keyPath: keyPath].numberFloor = minimumNumberSize }
        return layout
    }

    /// The overview of a zoomed figure: the whole padded input and output as small maps, with
    /// the part shown, the window read and the cell written marked, and a sentence saying why.
    private static func drawZoomOverview(_ trace: ConvolutionTrace, layout: Layout, step: ConvolutionStep?,
                                         filled: Int, on canvas: Canvas) {
        let theme = canvas.theme
        let left = layout.width - overviewWidth - 20, mapWidth = overviewWidth
        var top = 150.0
        for (isInput, grid, shape) in [(true, layout.input, layout.inputShape), (false, layout.output, layout.outputShape)] {
            canvas.text(isInput ? "whole input" : "whole output", x: left + mapWidth / 2, y: top - 18, size: 18,
                        theme.foreground, weight: .bold)
            let cell = min(mapWidth / Double(shape[1]), 150 / Double(shape[0]))
            let map = Grid(rows: shape[0], columns: shape[1], x: left + (mapWidth - cell * Double(shape[1])) / 2, y: top,
                           cellSize: cell)
            canvas.fillRect(x: map.x, y: map.y, width: map.width, height: map.height, theme.cellFill)
            if !isInput, filled > 0 {
                // The cells written so far, row by row.
                let columns = shape[1], fullRows = filled / columns, rest = filled % columns
                if fullRows > 0 { map.fillCells(rows: 0...(fullRows - 1), columns: 0...(columns - 1), on: canvas, theme.doneFill(0.3)) }
                if rest > 0 { map.fillCells(rows: fullRows...fullRows, columns: 0...(rest - 1), on: canvas, theme.doneFill(0.3)) }
            }
            canvas.strokeRect(x: map.x, y: map.y, width: map.width, height: map.height, theme.gridLine, lineWidth: 1)
            map.outline(rows: grid.shownRows.lowerBound...(grid.shownRows.upperBound - 1),
                        columns: grid.shownColumns.lowerBound...(grid.shownColumns.upperBound - 1), on: canvas,
                        theme.foreground, lineWidth: 2)
            if let step {
                if isInput {
                    map.fillCells(rows: step.windowRows, columns: step.windowColumns, on: canvas, theme.highlight)
                } else {
                    map.fillCells(rows: step.row...step.row, columns: step.column...step.column, on: canvas, theme.current)
                }
            }
            top += map.height + 56
        }
        let note = "the \(Notation.shape(trace.paddedInput.shape)) input is too large for projector-size numbers: zoomed around the step"
        Caption.note(note, on: canvas, x: layout.width / 2, maxWidth: layout.width - 80)
    }

    /// One frame per output cell, named `step-01`, `step-02`, … in row-major order.
    /// Values the slide states otherwise (`stated`) are noted in their cells and captions.
    public static func frames(_ trace: ConvolutionTrace, title: String = "2D convolution",
                              stated: StatedValues = .none) -> [Figure] {
        return trace.steps.enumerated().map { (index, step) -> Figure in
            let description = "Step \(index + 1) of \(trace.steps.count): the \(Notation.shape(trace.appliedKernel.shape)) kernel on the window of input rows \(Notation.span(step.windowRows, offset: trace.padding.rows)) and columns \(Notation.span(step.windowColumns, offset: trace.padding.columns)) gives \(step.label) = \(Notation.number(step.value))."
            return Figure(name: Figure.stepName(index, of: trace.steps.count), description: description, step: index + 1) { canvas in
                drawFrame(trace, stepIndex: index, title: title, stated: stated, on: canvas)
            }
        }
    }

    /// The whole convolution at once: input, kernel, the full output and the size arithmetic.
    public static func overview(_ trace: ConvolutionTrace, title: String = "2D convolution",
                                stated: StatedValues = .none) -> Figure {
        let description = "The \(Notation.shape(trace.input.shape)) input \(operatorWord(trace)) the \(Notation.shape(trace.kernel.shape)) kernel gives the \(Notation.shape(trace.output.shape)) output \(Notation.inlineMatrix(trace.output))."
        return Figure(name: "overview", description: description) { canvas in
            drawFrame(trace, stepIndex: nil, title: title, stated: stated, on: canvas)
        }
    }

    private static func operatorWord(_ trace: ConvolutionTrace) -> String {
        trace.mode == .convolution ? "convolved with" : "cross-correlated with"
    }

    private static func drawFrame(_ trace: ConvolutionTrace, stepIndex: Int?, title: String, stated: StatedValues,
                                  on canvas: Canvas) {
        let theme = canvas.theme
        let step = stepIndex.map { trace.steps[$0] }
        // Caption: the sum of this step (under the legend), or the size arithmetic.
        let caption: (lines: [String], bottom: Double, size: Double)
        if let step {
            var lines = [step.text]
            if let value = stated.output[[step.row, step.column]] {
                lines.append("the slide states \(Notation.number(value)) here; recomputed \(Notation.number(step.value))")
            }
            caption = (lines, 720 - 50, 26)
        } else {
            let sizes = trace.outputSizes
            let lines = sizes[0] == sizes[1] || (sizes[0].input == sizes[1].input && sizes[0].kernel == sizes[1].kernel
                && sizes[0].padding == sizes[1].padding && sizes[0].stride == sizes[1].stride && sizes[0].dilation == sizes[1].dilation)
                ? [OutputSize.formula, sizes[0].filledIn + " (rows and columns)"]
                : [OutputSize.formula, "rows: " + sizes[0].filledIn, "columns: " + sizes[1].filledIn]
            caption = (lines, 720 - 40, 24)
        }
        let captionTop = Caption.top(of: caption.lines, on: canvas, width: 1280, bottom: caption.bottom, size: caption.size)
        let legendSize = 18.0
        let foot = step == nil ? captionTop : captionTop - 1.1 * legendSize * canvas.textScale
        let layout = layout(for: trace, step: stepIndex, textScale: canvas.textScale, foot: foot)
        var settings: [String] = []
        if trace.isPadded { settings.append("padding \(trace.paddingText)") }
        if trace.stride != Pair2(1) { settings.append("stride \(trace.stride)") }
        if trace.dilation != Pair2(1) { settings.append("dilation \(trace.dilation)") }
        if trace.bias != 0 { settings.append("bias \(Notation.number(trace.bias))") }
        let position = stepIndex.map { "step \($0 + 1) of \(trace.steps.count)" } ?? "overview"
        let heading = [title] + settings + [position]
        Caption.title(heading.joined(separator: " · "), on: canvas, width: layout.width)

        // Input, with padding shaded and the window highlighted.
        let p = trace.padding
        let n = trace.input.shape
        var taps: [Int: String] = [:]
        if let step {
            for term in step.terms { taps[term.paddedRow * trace.paddedInput.shape[1] + term.paddedColumn] = "×" + Notation.number(term.weight) }
        }
        layout.input.draw(on: canvas, label: trace.isPadded ? "input (zero-padded)" : "input") { r, c in
            let isPadding = r < p.rows || r >= p.rows + n[0] || c < p.columns || c >= p.columns + n[1]
            let value = trace.paddedInput[r, c]
            if let note = taps[r * trace.paddedInput.shape[1] + c] {
                return CellStyle(fill: theme.highlight.withAlpha(0.30), text: Notation.number(value),
                                 textColor: isPadding ? theme.muted : nil, note: note, noteColor: theme.foreground, bold: true)
            }
            return CellStyle(fill: isPadding ? theme.padding : nil, text: Notation.number(value),
                             textColor: isPadding ? theme.muted : nil)
        }
        if let step {
            layout.input.outline(rows: step.windowRows, columns: step.windowColumns, on: canvas, theme.highlight,
                                 lineWidth: 4, dash: trace.dilation == Pair2(1) ? [] : [8, 5])
        }

        // Kernel.
        // A true convolution is drawn as what it does: the kernel already rotated, slid without
        // a further flip, so the operator between the grids is ⋆ (not ∗, which would flip twice).
        let kernelLabel = trace.mode == .convolution ? "kernel, already rotated 180°" : "kernel"
        let kernelRows = layout.kernel.rows, kernelColumns = layout.kernel.columns
        // A value the slide states otherwise, noted in its cell: "slide −3", or only "−3" (the
        // outline and the legend say whose it is) where the word would put the note under 18 px.
        func statedNote(_ value: Double, cell: Double) -> String {
            let full = "slide " + Notation.number(value)
            let fits = canvas.fittingSize(full, size: 18, maxWidth: cell * 0.9, weight: .bold) * canvas.textScale >= 18
            return canvas.textScale == 1 || fits ? full : Notation.number(value)
        }
        // The kernel's label keeps 12 px from the input and output beside it.
        var kernelGrid = layout.kernel
        kernelGrid.labelRoom = layout.output.x - layout.input.x - layout.input.width - 24
        kernelGrid.draw(on: canvas, label: kernelLabel) { r, c in
            // The applied kernel is the given one rotated for a true convolution.
            let given = trace.mode == .convolution ? [kernelRows - 1 - r, kernelColumns - 1 - c] : [r, c]
            return CellStyle(fill: theme.highlight.withAlpha(0.18), text: Notation.number(trace.appliedKernel[r, c]),
                             note: stated.kernel[given].map { statedNote($0, cell: kernelGrid.cellSize) }, noteColor: theme.negative)
        }
        layout.kernel.outline(rows: 0...(layout.kernel.rows - 1), columns: 0...(layout.kernel.columns - 1),
                              on: canvas, theme.highlight, lineWidth: 3)

        // Output, filled up to the current step.
        let filled = stepIndex.map { $0 + 1 } ?? trace.steps.count
        let columns = trace.output.shape[1]
        layout.output.draw(on: canvas, label: "output") { r, c in
            let index = r * columns + c
            guard index < filled else { return CellStyle() }
            let note = stated.output[[r, c]].map { statedNote($0, cell: layout.output.cellSize) }
            if index == stepIndex {
                return CellStyle(fill: theme.current.withAlpha(0.28), text: Notation.number(trace.output[r, c]),
                                 note: note, noteColor: theme.negative, bold: true)
            }
            return CellStyle(fill: theme.doneFill(0.14), text: Notation.number(trace.output[r, c]), note: note,
                             noteColor: theme.negative)
        }
        // A cell or weight the slide states otherwise is ringed in the `negative` colour.
        // Sorted, so the drawing order (and the bytes) never depend on the dictionary's.
        for cell in stated.output.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) where cell[0] * columns + cell[1] < filled {
            layout.output.outline(rows: cell[0]...cell[0], columns: cell[1]...cell[1], on: canvas, theme.negative,
                                  lineWidth: 3, dash: [6, 4])
        }
        for cell in stated.kernel.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let applied = trace.mode == .convolution ? [kernelRows - 1 - cell[0], kernelColumns - 1 - cell[1]] : cell
            layout.kernel.outline(rows: applied[0]...applied[0], columns: applied[1]...applied[1], on: canvas, theme.negative,
                                  lineWidth: 3, dash: [6, 4])
        }
        if let step {
            layout.output.outline(rows: step.row...step.row, columns: step.column...step.column, on: canvas,
                                  theme.current, lineWidth: 4)
        }

        // The operator symbols between the grids.
        let symbol = "⋆"
        if layout.zoomed { drawZoomOverview(trace, layout: layout, step: step, filled: filled, on: canvas) }
        let first = RowLayout.between(layout.input, layout.kernel, height: layout.height, top: layout.top, bottomBand: layout.bottomBand)
        let second = RowLayout.between(layout.kernel, layout.output, height: layout.height, top: layout.top, bottomBand: layout.bottomBand)
        // The text layer draws ⋆ as large as ∗ (see `RichText.symbols`): the same size as =.
        canvas.text(symbol, x: first.0, y: first.1, size: 44, theme.foreground)
        canvas.text("=", x: second.0, y: second.1, size: 44, theme.foreground)

        // What the colours mean.
        var key = [Legend.Entry("window read", color: theme.highlight, swatch: .outline),
                   Legend.Entry("cell written", color: theme.current, swatch: .outline),
                   Legend.Entry("done", color: theme.doneFill(0.14))]
        if trace.isPadded { key.append(Legend.Entry("zero padding", color: theme.padding)) }
        if !stated.output.isEmpty || !stated.kernel.isEmpty {
            key.append(Legend.Entry("slide states otherwise", color: theme.negative, swatch: .outline))
        }

        if step != nil {
            Legend(key, size: legendSize).drawCentered(on: canvas, width: layout.width, y: layout.height - 112, above: captionTop)
        }
        Caption.lines(caption.lines, on: canvas, width: layout.width, bottom: caption.bottom, size: caption.size)
    }
}

import LessonCore

/// The figures of a multi-channel convolution layer: the channel stack (input volume,
/// filters, output volume, parameter count) and one frame per output cell that lays each
/// filter slice on its channel and adds the channel sums and the bias.
public enum ConvChannelsFigures {
    /// The colour of input channel `c` (red, green, blue for an RGB image, then others).
    public static func channelColor(_ c: Int) -> Color {
        [Palette.vermillion, Palette.bluishGreen, Palette.blue, Palette.reddishPurple, Palette.yellow][c % 5]
    }

    /// Where the grids of a frame sit; public so tests can look at the right pixels.
    ///
    /// The padded channels side by side would make their numbers smaller than projector size, so
    /// each channel shows the window read at `ConvolutionFigures.minimumNumberSize` with a small map
    /// of the whole channel beside it (the frame says so).
    public struct Layout: Sendable {
        /// The window read on each padded channel, left to right (a window onto the channel: its
        /// indices are the padded channel's own).
        public var windows: [Grid]
        /// The whole padded channels as small maps without numbers, beside their windows.
        public var maps: [Grid]
        /// The filter slices, one under each window.
        public var slices: [Grid]
        /// The y of the channel-sum row.
        public var sumY: Double
        /// The output maps drawn with their numbers (a window around the step when a map is too
        /// large), top to bottom, and the filter each belongs to.
        public var outputs: [Grid]
        public var outputFilters: [Int]
        /// Small maps of every output when not all of them are drawn whole with numbers.
        public var outputOverview: [Grid]
    }

    /// The frame layout for step `stepIndex` of `trace`. At a larger `textScale` the grids start
    /// lower, under the note (two lines at 1.5), and the slices' labels start at their left edges.
    public static func layout(for trace: MultiChannelConvolutionTrace, step stepIndex: Int = 0, width: Double = 1280,
                              height: Double = 720, textScale: Double = 1) -> Layout {
        let channels = trace.input.shape[0]
        let padded = trace.channelTraces[0][0].paddedInput.shape
        let kernel = trace.channelTraces[0][0].kernel.shape
        let out = trace.output.shape
        let step = trace.steps[stepIndex]
        let window = trace.channelTraces[step.filter][0].step(row: step.row, column: step.column)
        let smallest = ConvolutionFigures.minimumNumberSize / 0.4
        let rightWidth = 290.0, gap = 36.0, mapCell = min(12, 90 / Double(padded[1]))
        let mapWidth = mapCell * Double(padded[1])
        let available = width - 40 - rightWidth - 20 - gap * Double(channels - 1)
        let cell = min(smallest, (available / Double(channels) - mapWidth - 14) / Double(kernel[1]))
        let top = 150 + 52 * (textScale - 1)
        var windows: [Grid] = [], maps: [Grid] = [], slices: [Grid] = []
        var x = 40.0
        for _ in 0..<channels {
            var w = Grid(rows: window.windowRows.count, columns: window.windowColumns.count, x: x, y: top, cellSize: cell,
                         firstRow: window.windowRows.lowerBound, firstColumn: window.windowColumns.lowerBound)
            w.numberFloor = ConvolutionFigures.minimumNumberSize
            windows.append(w)
            maps.append(Grid(rows: padded[0], columns: padded[1], x: x + w.width + 14, y: top, cellSize: mapCell))
            var slice = Grid(rows: kernel[0], columns: kernel[1], x: x, y: top + w.height + 60, cellSize: cell)
            slice.numberFloor = ConvolutionFigures.minimumNumberSize
            if textScale > 1 { slice.labelAlignment = .left }
            slices.append(slice)
            x += w.width + 14 + mapWidth + gap
        }
        let sumY = (slices.first.map { $0.y + $0.height } ?? top) + 44
        // Every output map whole with numbers when they fit above the sum row; else the current
        // map (a window around the step) and small maps of all of them.
        let right = width - rightWidth - 10, room = sumY - 40 - top
        let outX = { (columns: Int) in right + (rightWidth - Double(columns) * smallest) / 2 }
        var outputs: [Grid] = [], filters: [Int] = [], overview: [Grid] = []
        if Double(out[0] * out[1]) * smallest + Double(out[0] - 1) * 52 <= room, Double(out[2]) * smallest <= rightWidth {
            var y = top
            for f in 0..<out[0] {
                var g = Grid(rows: out[1], columns: out[2], x: outX(out[2]), y: y, cellSize: smallest)
                g.numberFloor = ConvolutionFigures.minimumNumberSize
                outputs.append(g)
                filters.append(f)
                y += g.height + 52
            }
        } else {
            let shown = min(4, Int(rightWidth / smallest))
            func view(_ total: Int, _ at: Int) -> (Int, Int) {
                let count = min(total, shown)
                return (min(max(0, at - count / 2), total - count), count)
            }
            let rows = view(out[1], step.row), columns = view(out[2], step.column)
            var g = Grid(rows: rows.1, columns: columns.1, x: outX(columns.1), y: top, cellSize: smallest,
                         firstRow: rows.0, firstColumn: columns.0)
            g.numberFloor = ConvolutionFigures.minimumNumberSize
            outputs = [g]
            filters = [step.filter]
            let small = min(14, (rightWidth - 20 * Double(out[0] - 1)) / Double(out[0] * out[2]))
            var ox = right + (rightWidth - (small * Double(out[2]) + 20) * Double(out[0]) + 20) / 2
            for _ in 0..<out[0] {
                overview.append(Grid(rows: out[1], columns: out[2], x: ox, y: g.y + g.height + 56, cellSize: small))
                ox += small * Double(out[2]) + 20
            }
        }
        return Layout(windows: windows, maps: maps, slices: slices, sumY: sumY, outputs: outputs, outputFilters: filters,
                      outputOverview: overview)
    }

    /// One frame per output cell (filter by filter, row by row), `step-1` ….
    public static func frames(_ trace: MultiChannelConvolutionTrace) -> [Figure] {
        trace.steps.enumerated().map { index, step in
            let description = "Step \(index + 1) of \(trace.steps.count): filter \(step.filter + 1)'s slices on the same window of each of the \(trace.input.shape[0]) channels; \(step.text)."
            return Figure(name: Figure.stepName(index, of: trace.steps.count), description: description, step: index + 1) { canvas in
                drawFrame(trace, stepIndex: index, on: canvas)
            }
        }
    }

    private static func drawFrame(_ trace: MultiChannelConvolutionTrace, stepIndex: Int, on canvas: Canvas) {
        let theme = canvas.theme
        let layout = layout(for: trace, step: stepIndex, textScale: canvas.textScale)
        let step = trace.steps[stepIndex]
        Caption.title("Channels · filter \(step.filter + 1) of \(trace.filters.count) · step \(stepIndex + 1) of \(trace.steps.count)",
                      on: canvas, width: 1280)
        let padded = trace.channelTraces[0][0].paddedInput.shape
        Caption.note("the \(Notation.shape(padded)) padded channels are too large for projector-size numbers: each shows its window",
                     on: canvas, y: 84)
        for c in layout.windows.indices {
            let window = layout.windows[c], map = layout.maps[c], slice = layout.slices[c]
            let channelTrace = trace.channelTraces[step.filter][c]
            let s = channelTrace.step(row: step.row, column: step.column)
            let p = channelTrace.padding, n = channelTrace.input.shape
            let isPadding = { (r: Int, col: Int) in r < p.rows || r >= p.rows + n[0] || col < p.columns || col >= p.columns + n[1] }
            let tint = channelColor(c)
            window.draw(on: canvas, label: "channel \(c + 1)") { r, col in
                CellStyle(fill: theme.highlight.withAlpha(0.32), text: Notation.number(channelTrace.paddedInput[r, col]),
                          textColor: isPadding(r, col) ? theme.muted : nil, bold: true)
            }
            window.outline(rows: s.windowRows, columns: s.windowColumns, on: canvas, theme.highlight, lineWidth: 4)
            // The whole channel, small: padding grey, the window where it lies.
            map.draw(on: canvas) { r, col in CellStyle(fill: isPadding(r, col) ? theme.padding : tint.withAlpha(0.18)) }
            map.fillCells(rows: s.windowRows, columns: s.windowColumns, on: canvas, theme.highlight)
            map.outline(rows: 0...(map.rows - 1), columns: 0...(map.columns - 1), on: canvas, tint, lineWidth: 2)
            slice.draw(on: canvas, label: "⋆ filter \(step.filter + 1), slice \(c + 1)") { r, col in
                CellStyle(fill: theme.highlight.withAlpha(0.18), text: Notation.number(channelTrace.kernel[r, col]))
            }
            slice.outline(rows: 0...(slice.rows - 1), columns: 0...(slice.columns - 1), on: canvas, theme.highlight, lineWidth: 3)
            let centre = window.x + window.width / 2
            canvas.text(Notation.number(s.value), x: centre, y: layout.sumY, size: 30, theme.foreground, weight: .bold)
            if c > 0 {
                let previous = layout.maps[c - 1]
                canvas.text("+", x: (previous.x + previous.width + window.x) / 2, y: layout.sumY, size: 30, theme.foreground)
            }
        }
        if let last = layout.windows.last {
            canvas.text("+ " + Notation.factor(step.bias) + " (b\(Notation.subscriptDigits(step.filter + 1))) = " + Notation.number(step.value),
                        x: last.x + last.width + 10, y: layout.sumY, size: 30, theme.foreground, align: .left, weight: .bold)
        }
        let columns = trace.output.shape[2], rows = trace.output.shape[1]
        for (grid, f) in zip(layout.outputs, layout.outputFilters) {
            grid.draw(on: canvas, label: "output map \(f + 1)") { r, c in
                let index = (f * rows + r) * columns + c
                guard index <= stepIndex else { return CellStyle() }
                let value = Notation.number(trace.output[f, r, c])
                if index == stepIndex { return CellStyle(fill: theme.current.withAlpha(0.28), text: value, bold: true) }
                return CellStyle(fill: theme.doneFill(0.14), text: value)
            }
            if f == step.filter {
                grid.outline(rows: step.row...step.row, columns: step.column...step.column, on: canvas, theme.current, lineWidth: 4)
            }
        }
        if let first = layout.outputOverview.first, let shown = layout.outputs.first {
            let label = "all \(trace.output.shape[0]) maps (\(Notation.shape([rows, columns])) each)"
            canvas.text(label, x: canvas.centerOnSlide(label, x: 1280 - 290 / 2 - 10, size: 18, weight: .bold),
                        y: first.y - 22, size: 18, theme.foreground, weight: .bold)
            for (f, map) in layout.outputOverview.enumerated() {
                map.draw(on: canvas) { r, c in
                    let index = (f * rows + r) * columns + c
                    return CellStyle(fill: index == stepIndex ? theme.current : (index < stepIndex ? theme.doneFill(0.4) : nil))
                }
                if f == step.filter {
                    map.outline(rows: shown.shownRows.lowerBound...(shown.shownRows.upperBound - 1),
                                columns: shown.shownColumns.lowerBound...(shown.shownColumns.upperBound - 1), on: canvas,
                                theme.foreground, lineWidth: 2)
                }
            }
        }
        Caption.lines([step.text + "   (channel sums, then the bias)"], on: canvas, width: 1280, bottom: 690, size: 24)
    }

    /// The channel stack: the input volume, the K filters and the output volume, with shapes
    /// and the parameter count filled in.
    public static func stack(_ trace: MultiChannelConvolutionTrace) -> Figure {
        let p = trace.parameters
        let description = "A \(Notation.shape(trace.input.shape)) input, \(p.filters) filter\(p.filters == 1 ? "" : "s") of \(Notation.shape(trace.filters[0].shape)) and the \(Notation.shape(trace.output.shape)) output; \(ConvolutionParameterCount.formula) = \(p.filledIn) parameters."
        return Figure(name: "stack", description: description) { canvas in
            let theme = canvas.theme
            Caption.title("A convolutional layer: \(p.inputChannels) channel\(p.inputChannels == 1 ? "" : "s") in, \(p.filters) filter\(p.filters == 1 ? "" : "s"), \(p.filters) map\(p.filters == 1 ? "" : "s") out", on: canvas, width: 1280)
            let input = trace.input.shape, filter = trace.filters[0].shape, output = trace.output.shape
            // Input volume.
            let inputCell = min(60, 330 / Double(max(input[1], input[2])))
            let depth = inputCell * 0.45
            drawVolume(slices: (0..<input[0]).map { c in (trace.input.channel(c), channelColor(c)) },
                       x: 50, y: 130 + Double(input[0] - 1) * depth, cell: inputCell, depth: depth, on: canvas)
            let inputBottom = 130 + Double(input[0] - 1) * depth + Double(input[1]) * inputCell
            canvas.text("input \(Notation.shape(input))", x: 50 + Double(input[2]) * inputCell / 2 + depth, y: inputBottom + 36,
                        size: 24, theme.foreground, weight: .bold)
            // The second line of a label 30 px under the first, further at a larger text scale.
            let k = canvas.textScale
            canvas.text("C_in × H × W", x: 50 + Double(input[2]) * inputCell / 2 + depth, y: inputBottom + (36 + 30 * k),
                        size: 20, theme.muted)
            // Filters.
            let filterCell = min(34, 300 / Double(trace.filters.count) / Double(filter[1] + 2))
            var y = 150.0
            let fx = 520.0
            for (f, w) in trace.filters.enumerated() {
                drawVolume(slices: (0..<filter[0]).map { c in (w.channel(c), channelColor(c)) },
                           x: fx, y: y + Double(filter[0] - 1) * filterCell * 0.9, cell: filterCell, depth: filterCell * 0.9, on: canvas)
                // Beside the filter, or above it where larger text would run into the output volume.
                let label = "filter \(f + 1): \(Notation.shape(w.shape)), b\(Notation.subscriptDigits(f + 1)) = \(Notation.number(trace.biases[f]))"
                if k > 1 {
                    canvas.text(label, x: fx, y: y - 6 - 0.55 * 22 * k, size: 22, theme.foreground, align: .left)
                } else {
                    canvas.text(label, x: fx + Double(filter[2]) * filterCell + Double(filter[0]) * filterCell * 0.9 + 16,
                                y: y + Double(filter[0] - 1) * filterCell * 0.9 + Double(filter[1]) * filterCell / 2, size: 22,
                                theme.foreground, align: .left)
                }
                y += Double(filter[1]) * filterCell + Double(filter[0]) * filterCell * 0.9 + 30
            }
            canvas.text("⋆", x: 478, y: 330, size: 44, theme.foreground)
            // Output volume.
            let ox = 1000.0
            let outCell = min(60, (1250 - ox) / (Double(output[2]) + 0.45 * Double(output[0] - 1)), 300 / Double(output[1]))
            drawVolume(slices: (0..<output[0]).map { f in (trace.outputChannel(f), theme.current) },
                       x: ox, y: 230, cell: outCell, depth: outCell * 0.45, on: canvas)
            canvas.text("=", x: ox - 34, y: 330, size: 44, theme.foreground)
            canvas.text("output \(Notation.shape(output))", x: ox + Double(output[2]) * outCell / 2 + outCell * 0.45,
                        y: 230 + Double(output[1]) * outCell + 40, size: 24, theme.foreground, weight: .bold)
            canvas.text("K × H_out × W_out", x: ox + Double(output[2]) * outCell / 2 + outCell * 0.45,
                        y: 230 + Double(output[1]) * outCell + (40 + 30 * k), size: 20, theme.muted)
            Caption.lines(["each filter spans all \(p.inputChannels) input channels and makes one output map",
                           "parameters: \(ConvolutionParameterCount.formula) = \(p.filledIn) (\(p.weights) weights + \(p.biases) bias\(p.biases == 1 ? "" : "es"))"],
                          on: canvas, width: 1280, bottom: 680, size: 24)
        }
    }

    /// Draws a stack of matrices as slices receding up and to the right; the first is in front.
    /// `(x, y)` is the front slice's top-left corner.
    private static func drawVolume(slices: [(Tensor, Color)], x: Double, y: Double, cell: Double, depth: Double, on canvas: Canvas) {
        let theme = canvas.theme
        for (index, (matrix, tint)) in slices.enumerated().reversed() {
            let grid = Grid(rows: matrix.rows, columns: matrix.columns, x: x + Double(index) * depth, y: y - Double(index) * depth,
                            cellSize: cell)
            canvas.fillRect(x: grid.x, y: grid.y, width: grid.width, height: grid.height, theme.background)
            // Numbers only where they are projector-size (the filters' weights are on every step frame).
            let numbered = index == 0 && cell * 0.4 >= ConvolutionFigures.minimumNumberSize - 1e-9
            grid.draw(on: canvas) { r, c in
                CellStyle(fill: tint.withAlpha(0.16), text: numbered ? Notation.number(matrix[r, c]) : nil)
            }
            grid.outline(rows: 0...(grid.rows - 1), columns: 0...(grid.columns - 1), on: canvas, tint, lineWidth: 2.5)
        }
    }
}

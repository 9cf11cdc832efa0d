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
    public struct Layout: Sendable {
        /// The padded input channels, left to right.
        public var channels: [Grid]
        /// The filter slices, one under each channel.
        public var slices: [Grid]
        /// The y of the channel-sum row.
        public var sumY: Double
        /// The output maps, top to bottom.
        public var outputs: [Grid]
    }

    /// The frame layout for `trace`.
    public static func layout(for trace: MultiChannelConvolutionTrace, width: Double = 1280, height: Double = 720) -> Layout {
        let channels = trace.input.shape[0]
        let padded = trace.channelTraces[0][0].paddedInput.shape
        let kernel = trace.channelTraces[0][0].kernel.shape
        let out = trace.output.shape
        let rightWidth = 300.0, gap = 44.0
        let available = width - 100 - rightWidth - gap * Double(channels - 1)
        let cell = min(46, available / Double(channels * padded[1]), (height - 330) / Double(padded[0] + kernel[0]))
        var x = 50.0
        var grids: [Grid] = [], slices: [Grid] = []
        let top = 130.0
        for _ in 0..<channels {
            let g = Grid(rows: padded[0], columns: padded[1], x: x, y: top, cellSize: cell)
            let sliceX = x + (g.width - Double(kernel[1]) * cell) / 2
            slices.append(Grid(rows: kernel[0], columns: kernel[1], x: sliceX, y: top + g.height + 56, cellSize: cell))
            grids.append(g)
            x += g.width + gap
        }
        let sumY = top + Double(padded[0] + kernel[0]) * cell + 56 + 40
        let outCell = min(52, (height - 220 - 40 * Double(out[0])) / Double(out[0] * out[1]), (rightWidth - 40) / Double(out[2]))
        var y = top
        let outX = width - rightWidth + (rightWidth - Double(out[2]) * outCell) / 2
        let outputs = (0..<out[0]).map { _ -> Grid in
            let g = Grid(rows: out[1], columns: out[2], x: outX, y: y, cellSize: outCell)
            y += g.height + 40
            return g
        }
        return Layout(channels: grids, slices: slices, sumY: sumY, outputs: outputs)
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
        let layout = layout(for: trace)
        let step = trace.steps[stepIndex]
        Caption.title("Channels · filter \(step.filter + 1) of \(trace.filters.count) · step \(stepIndex + 1) of \(trace.steps.count)",
                      on: canvas, width: 1280)
        for (c, (grid, slice)) in zip(layout.channels, layout.slices).enumerated() {
            let channelTrace = trace.channelTraces[step.filter][c]
            let s = channelTrace.step(row: step.row, column: step.column)
            let p = channelTrace.padding, n = channelTrace.input.shape
            var taps: [Int: Double] = [:]
            for term in s.terms { taps[term.paddedRow * grid.columns + term.paddedColumn] = term.weight }
            let tint = channelColor(c)
            grid.draw(on: canvas, label: "channel \(c + 1)") { r, col in
                let isPadding = r < p.rows || r >= p.rows + n[0] || col < p.columns || col >= p.columns + n[1]
                let text = Notation.number(channelTrace.paddedInput[r, col])
                if taps[r * grid.columns + col] != nil {
                    return CellStyle(fill: theme.highlight.withAlpha(0.32), text: text, textColor: isPadding ? theme.muted : nil, bold: true)
                }
                return CellStyle(fill: isPadding ? theme.padding : tint.withAlpha(0.10), text: text, textColor: isPadding ? theme.muted : nil)
            }
            grid.outline(rows: 0...(grid.rows - 1), columns: 0...(grid.columns - 1), on: canvas, tint, lineWidth: 2)
            grid.outline(rows: s.windowRows, columns: s.windowColumns, on: canvas, theme.highlight, lineWidth: 4)
            slice.draw(on: canvas, label: "filter \(step.filter + 1), slice \(c + 1)") { r, col in
                CellStyle(fill: theme.highlight.withAlpha(0.18), text: Notation.number(channelTrace.kernel[r, col]))
            }
            slice.outline(rows: 0...(slice.rows - 1), columns: 0...(slice.columns - 1), on: canvas, theme.highlight, lineWidth: 3)
            canvas.text("⋆", x: slice.x - 26, y: slice.y + slice.height / 2, size: 30, theme.foreground)
            let centre = grid.x + grid.width / 2
            canvas.text(Notation.number(s.value), x: centre, y: layout.sumY, size: 30, theme.foreground, weight: .bold)
            if c > 0 {
                canvas.text("+", x: (layout.channels[c - 1].x + layout.channels[c - 1].width + grid.x) / 2, y: layout.sumY, size: 30, theme.foreground)
            }
        }
        if let last = layout.channels.last {
            canvas.text("+ " + Notation.factor(step.bias) + " (b\(Notation.subscriptDigits(step.filter + 1))) = " + Notation.number(step.value),
                        x: last.x + last.width + 10, y: layout.sumY, size: 30, theme.foreground, align: .left, weight: .bold)
        }
        for (f, grid) in layout.outputs.enumerated() {
            grid.draw(on: canvas, label: "output map \(f + 1)") { r, c in
                let index = (f * grid.rows + r) * grid.columns + c
                guard index <= stepIndex else { return CellStyle() }
                let value = Notation.number(trace.output[f, r, c])
                if index == stepIndex { return CellStyle(fill: theme.current.withAlpha(0.28), text: value, bold: true) }
                return CellStyle(fill: theme.doneFill(0.14), text: value)
            }
        }
        let current = layout.outputs[step.filter]
        current.outline(rows: step.row...step.row, columns: step.column...step.column, on: canvas, theme.current, lineWidth: 4)
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
            let inputCell = min(44, 330 / Double(max(input[1], input[2])))
            let depth = inputCell * 0.9
            drawVolume(slices: (0..<input[0]).map { c in (trace.input.channel(c), channelColor(c)) },
                       x: 70, y: 200, cell: inputCell, depth: depth, on: canvas)
            canvas.text("input \(Notation.shape(input))", x: 70 + Double(input[2]) * inputCell / 2 + depth, y: 200 + Double(input[1]) * inputCell + Double(input[0]) * 0 + 40,
                        size: 24, theme.foreground, weight: .bold)
            canvas.text("C_in × H × W", x: 70 + Double(input[2]) * inputCell / 2 + depth, y: 200 + Double(input[1]) * inputCell + 70,
                        size: 18, theme.muted)
            // Filters.
            let filterCell = min(34, 300 / Double(trace.filters.count) / Double(filter[1] + 2))
            var y = 150.0
            let fx = 560.0
            for (f, w) in trace.filters.enumerated() {
                drawVolume(slices: (0..<filter[0]).map { c in (w.channel(c), channelColor(c)) },
                           x: fx, y: y + Double(filter[0] - 1) * filterCell * 0.9, cell: filterCell, depth: filterCell * 0.9, on: canvas)
                canvas.text("filter \(f + 1): \(Notation.shape(w.shape)), b\(Notation.subscriptDigits(f + 1)) = \(Notation.number(trace.biases[f]))",
                            x: fx + Double(filter[2]) * filterCell + Double(filter[0]) * filterCell * 0.9 + 16,
                            y: y + Double(filter[0] - 1) * filterCell * 0.9 + Double(filter[1]) * filterCell / 2, size: 20, theme.foreground, align: .left)
                y += Double(filter[1]) * filterCell + Double(filter[0]) * filterCell * 0.9 + 30
            }
            canvas.text("⋆", x: 500, y: 330, size: 44, theme.foreground)
            // Output volume.
            let outCell = min(44, 260 / Double(max(output[1], output[2])))
            let ox = 1010.0
            drawVolume(slices: (0..<output[0]).map { f in (trace.outputChannel(f), theme.current) },
                       x: ox, y: 230, cell: outCell, depth: outCell * 0.9, on: canvas)
            canvas.text("=", x: ox - 40, y: 330, size: 44, theme.foreground)
            canvas.text("output \(Notation.shape(output))", x: ox + Double(output[2]) * outCell / 2 + outCell * 0.9,
                        y: 230 + Double(output[1]) * outCell + 40, size: 24, theme.foreground, weight: .bold)
            canvas.text("K × H_out × W_out", x: ox + Double(output[2]) * outCell / 2 + outCell * 0.9,
                        y: 230 + Double(output[1]) * outCell + 70, size: 18, theme.muted)
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
            grid.draw(on: canvas) { r, c in
                CellStyle(fill: tint.withAlpha(0.16), text: index == 0 ? Notation.number(matrix[r, c]) : nil)
            }
            grid.outline(rows: 0...(grid.rows - 1), columns: 0...(grid.columns - 1), on: canvas, tint, lineWidth: 2.5)
        }
    }
}

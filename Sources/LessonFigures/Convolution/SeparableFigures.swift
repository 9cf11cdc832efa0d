import LessonCore

/// The figures of a depthwise separable convolution: the depthwise step (one row per channel),
/// the pointwise step (channels mixed by 1×1 weights), and the notes' parameter comparison.
public enum SeparableFigures {
    /// The three figures, read from the trace and the comparison.
    public static func figures(_ trace: SeparableConvolutionTrace, model: ParameterComparison) -> [Figure] {
        let channels = trace.input.shape[0], filters = trace.pointwiseWeights.shape[0]
        let depthwise = (0..<channels).map { c in
            Figure(name: "depthwise-\(c + 1)", description: "Step 1, depthwise, channel \(c + 1) of \(channels): the channel is cross-correlated with its own \(Notation.shape(trace.depthwise[c].kernel.shape)) kernel, giving a \(Notation.shape(trace.depthwise[c].output.shape)) channel of h.") { canvas in
                drawDepthwise(trace, channel: c, on: canvas)
            }
        }
        return depthwise + [
            Figure(name: "pointwise", description: "Step 2, pointwise: each of the \(filters) filters adds the \(channels) depthwise channels with one weight each, plus its bias.") { canvas in
                drawPointwise(trace, on: canvas)
            },
            Figure(name: "parameters", description: "Parameters per layer of the notes' Keras model with Conv2D and with SeparableConv2D: \(model.rows.map { "\($0.standard.total) vs \($0.separable.total)" }.joined(separator: ", ")); totals \(model.standardTotal) vs \(model.separableTotal).") { canvas in
                drawParameters(model, on: canvas)
            },
        ]
    }

    /// The smallest cell of a grid at 1280×720: its numbers (0.4 of the cell) are then 24 px.
    static let smallestCell = ConvolutionFigures.minimumNumberSize / 0.4

    /// A channel's colour: the palette in order, so channel c looks the same in every figure.
    public static func channelColor(_ c: Int) -> Color {
        [Palette.orange, Palette.skyBlue, Palette.bluishGreen, Palette.reddishPurple, Palette.yellow, Palette.vermillion][c % 6]
    }

    private static func channel(_ stack: Tensor, _ c: Int) -> Tensor {
        let shape = Array(stack.shape.dropFirst()), size = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: Array(stack.scalars[(c * size)..<((c + 1) * size)]))
    }

    /// Step 1 for one channel (one frame each, so every number is projector-size): the channel,
    /// its own kernel and its channel of h, with the sum of h's first cell.
    private static func drawDepthwise(_ trace: SeparableConvolutionTrace, channel c: Int, on canvas: Canvas) {
        let theme = canvas.theme
        let channels = trace.depthwise.count
        Caption.title("Depthwise separable convolution · step 1: depthwise, channel \(c + 1) of \(channels)", on: canvas, width: 1280)
        canvas.text("each channel has its own kernel", x: 640, y: 82, size: 22, theme.muted)
        let d = trace.depthwise[c]
        // The zero-padded channel (the sum below reads its padding), the window of h's first cell marked.
        let n = d.paddedInput.shape, k = d.kernel.shape, o = d.output.shape, p = d.padding
        let gap = 110.0
        let cell = min(80, (1280 - 160 - 2 * gap) / Double(n[1] + k[1] + o[1]), (720 - 300) / Double(max(n[0], k[0], o[0])))
        let total = Double(n[1] + k[1] + o[1]) * cell + 2 * gap
        let mid = 370.0
        var x = (1280 - total) / 2
        func grid(_ rows: Int, _ columns: Int) -> Grid {
            var g = Grid(rows: rows, columns: columns, x: x, y: mid - Double(rows) * cell / 2, cellSize: cell)
            g.numberFloor = ConvolutionFigures.minimumNumberSize
            x += g.width + gap
            return g
        }
        let input = grid(n[0], n[1]), kernel = grid(k[0], k[1]), output = grid(o[0], o[1])
        let color = channelColor(c)
        let unpadded = d.input.shape
        input.draw(on: canvas, label: "channel \(c + 1)" + (d.isPadded ? " (zero-padded)" : "")) { r, cc in
            let isPadding = r < p.rows || r >= p.rows + unpadded[0] || cc < p.columns || cc >= p.columns + unpadded[1]
            return CellStyle(fill: isPadding ? theme.padding : color.withAlpha(0.16), text: Notation.number(d.paddedInput[r, cc]),
                             textColor: isPadding ? theme.muted : nil)
        }
        let first = d.steps[0]
        input.outline(rows: first.windowRows, columns: first.windowColumns, on: canvas, theme.highlight, lineWidth: 4)
        kernel.draw(on: canvas, label: "its kernel") { r, cc in
            CellStyle(fill: color.withAlpha(0.34), text: Notation.number(d.kernel[r, cc]))
        }
        output.draw(on: canvas, label: "h\(Notation.subscriptDigits(c + 1)) (no bias)") { r, cc in
            CellStyle(fill: color.withAlpha(0.16), text: Notation.number(d.output[r, cc]), bold: true)
        }
        output.outline(rows: 0...0, columns: 0...0, on: canvas, theme.current, lineWidth: 4)
        canvas.text("⋆", x: (input.x + input.width + kernel.x) / 2, y: mid, size: 44, theme.foreground)
        canvas.text("=", x: (kernel.x + kernel.width + output.x) / 2, y: mid, size: 44, theme.foreground)
        Caption.lines(["h[\(c + 1),1,1] = " + d.steps[0].sumTextWithoutZeroBias], on: canvas, width: 1280, bottom: 720 - 36, size: 24)
    }

    private static func drawPointwise(_ trace: SeparableConvolutionTrace, on canvas: Canvas) {
        let theme = canvas.theme
        Caption.title("Depthwise separable convolution · step 2: pointwise (1×1 across channels)", on: canvas, width: 1280)
        let channels = trace.depthwise.count, filters = trace.pointwiseWeights.shape[0]
        let o = trace.depthwise[0].output.shape
        // Left: the depthwise channels stacked; middle: P and b; right: one output per filter. At
        // projector size only a top-left window of h and z may fit; the figure then says so.
        let stacked = Double(max(channels, filters))
        let cell = max(smallestCell, min(64, 540 / (stacked * (Double(o[0]) + 0.8)), 300 / Double(o[1] + 1)))
        // Rows fit the height of the stacked grids; columns the 300 pixels each side has.
        func shown(_ height: Double) -> (Int, Int) {
            let rows = min(o[0], max(1, Int(height / stacked / cell - 0.8 + 1e-9)))
            return (rows, min(o[1], max(2, Int(300 / cell + 1e-9) - 1)))
        }
        var (shownRows, shownColumns) = shown(540)
        // The grids start lower under the sentence of a cut where text is drawn larger (its labels too).
        let cut = (shownRows, shownColumns) != (o[0], o[1])
        let top = 130 + (cut ? 34 * (canvas.textScale - 1) : 0)
        if top > 130 { (shownRows, shownColumns) = shown(540 + 130 - top) }
        if cut {
            canvas.text("h and z are \(Notation.shape(o)): their top-left \(shownRows)×\(shownColumns) shown", x: 640, y: 82, size: 22, theme.muted)
        }
        // The channel names right-aligned left of h: h moves right where they are drawn wider than 136 px.
        let channelNames = (0..<channels).map { "channel \($0 + 1)" }
        let leftX = max(150, 24 + 14 + (channelNames.map { canvas.textWidth($0, size: 22) }.max() ?? 0))
        var hGrids: [Grid] = []
        for c in 0..<channels {
            let g = Grid(rows: shownRows, columns: shownColumns, x: leftX, y: top + Double(c) * (Double(shownRows) + 0.8) * cell, cellSize: cell)
            hGrids.append(g)
            let h = channel(trace.depthwiseOutput, c)
            let color = channelColor(c)
            let firstCell = (0, 0)
            g.draw(on: canvas, label: c == 0 ? "h" : nil) { r, cc in
                CellStyle(fill: color.withAlpha((r, cc) == firstCell ? 0.45 : 0.16), text: Notation.number(h[r, cc]),
                          bold: (r, cc) == firstCell)
            }
        }
        let pCell = min(64, 360 / Double(channels + 1))
        let p = Grid(rows: filters, columns: channels, x: 640 - Double(channels) * pCell / 2 - 40, y: 160, cellSize: pCell)
        p.draw(on: canvas, label: "P (filters × channels)") { r, c in
            CellStyle(fill: channelColor(c).withAlpha(r == 0 ? 0.45 : 0.2), text: Notation.number(trace.pointwiseWeights[r, c]), bold: r == 0)
        }
        // b right of P, its label clear of P's (wider than P when drawn large).
        let labelSize = max(18, min(26, pCell * 0.36))
        let pOverhang = (canvas.richTextWidth("P (filters × channels)", size: labelSize, weight: .bold) - p.width) / 2
        // At least an em between the two headings, so "b" does not read as the end of P's.
        let bGap = max(30, pOverhang + canvas.richTextWidth("b", size: labelSize, weight: .bold) / 2 - pCell / 2 + labelSize * canvas.textScale)
        let b = Grid(rows: filters, columns: 1, x: p.x + p.width + bGap, y: p.y, cellSize: pCell)
        b.draw(on: canvas, label: "b") { r, _ in CellStyle(fill: theme.padding, text: Notation.number(trace.biases[r])) }
        // The filter names left-aligned right of z: z moves left where they are drawn wider than 106 px.
        let filterWidth = (0..<filters).map { canvas.textWidth("filter \($0 + 1)", size: 22) }.max() ?? 0
        let rightX = min(1280 - 130, 1280 - 12 - 12 - filterWidth) - Double(shownColumns) * cell
        for f in 0..<filters {
            let g = Grid(rows: shownRows, columns: shownColumns, x: rightX, y: top + Double(f) * (Double(shownRows) + 0.8) * cell, cellSize: cell)
            let z = channel(trace.output, f)
            g.draw(on: canvas, label: f == 0 ? "z" : nil) { r, c in
                let first = f == 0 && r == 0 && c == 0
                return CellStyle(fill: first ? theme.current.withAlpha(0.28) : theme.doneFill(0.14), text: Notation.number(z[r, c]), bold: first)
            }
            // The label sits right of its output, so the arrow from P reaches the z cell itself.
            canvas.text("filter \(f + 1)", x: g.x + g.width + 12, y: g.y + g.height / 2, size: 22, theme.foreground, align: .left)
            if f == 0 { g.outline(rows: 0...0, columns: 0...0, on: canvas, theme.current, lineWidth: 4) }
        }
        for (c, g) in hGrids.enumerated() {
            canvas.text("channel \(c + 1)", x: g.x - 14, y: g.y + g.height / 2, size: 22, theme.foreground, align: .right)
            g.outline(rows: 0...0, columns: 0...0, on: canvas, channelColor(c), lineWidth: 4)
            canvas.arrow(from: (g.x + g.width + 12, g.y + cell / 2), to: (p.x - 14, p.y + pCell / 2), channelColor(c), lineWidth: 2)
        }
        canvas.arrow(from: (b.x + b.width + 14, p.y + pCell / 2), to: (pointwiseArrowEnd(rightX: rightX, cell: cell, top: top)), theme.current,
                     lineWidth: 2.5)
        let step = trace.pointwise[0]
        Caption.lines(["\(step.label) = " + step.sumText + "   (h of each channel × P[1,c], plus b₁)"], on: canvas, width: 1280,
                      bottom: 720 - 30, size: 24)
    }

    /// Where the pointwise arrow ends: at the left edge of z's first cell (x, y), not at a label.
    public static func pointwiseArrowEnd(rightX: Double, cell: Double, top: Double = 130) -> (Double, Double) { (rightX - 4, top + cell / 2) }

    private static func drawParameters(_ model: ParameterComparison, on canvas: Canvas) {
        let theme = canvas.theme
        Caption.title("Parameters: Conv2D vs SeparableConv2D (the notes' Keras model, input \(Notation.shape(model.inputShape)))",
                      on: canvas, width: 1280)
        let rows = model.rows
        let largest = Double(rows.map { max($0.standard.total, $0.separable.total) }.max() ?? 1)
        let left = 330.0, right = 1280 - 170.0
        let rowHeight = min(100, (720 - 230) / Double(rows.count))
        let bar = rowHeight * 0.34
        // The two bars of a row as far apart as their counts are drawn tall (4 px at text scale 1).
        let countSize = max(24, min(26, bar * 0.8)), barGap = max(4, 1.12 * countSize * canvas.textScale - bar)
        for (i, row) in rows.enumerated() {
            let y = 110 + Double(i) * rowHeight
            let name = row.outputSizes.isEmpty ? row.layer : "conv(\(row.layer))"
            // Shrunk to fit left of the bars, never under 18 px as drawn.
            canvas.text(name, x: left - 16, y: y + bar + (barGap - 4) / 2, size: max(18 / canvas.textScale, canvas.fittingSize(name, size: 22, maxWidth: left - 30)), theme.foreground, align: .right)
            for (j, count) in [row.standard.total, row.separable.total].enumerated() {
                let color = j == 0 ? theme.current : theme.highlight
                let top = y + Double(j) * (bar + barGap)
                let width = max(2, (right - left) * Double(count) / largest)
                canvas.fillRect(x: left, y: top, width: count == 0 ? 0 : width, height: bar, color)
                canvas.text(String(count), x: left + (count == 0 ? 0 : width) + 10, y: top + bar / 2, size: countSize,
                            theme.foreground, align: .left, weight: .bold)
            }
        }
        let legendY = 720 - 80.0
        canvas.fillRect(x: 360, y: legendY - 10, width: 24, height: 20, theme.current)
        canvas.text("Conv2D: (C_in·k·k + 1)·K, total \(model.standardTotal)", x: 394, y: legendY, size: 20, theme.foreground, align: .left)
        // The legend's second line as far below the first as it is drawn tall.
        let legendStep = 32 * canvas.textScale
        canvas.fillRect(x: 360, y: legendY + legendStep - 10, width: 24, height: 20, theme.highlight)
        canvas.text("SeparableConv2D: k·k·C_in + C_in·K + K, total \(model.separableTotal)", x: 394, y: legendY + legendStep, size: 20,
                    theme.foreground, align: .left)
    }
}

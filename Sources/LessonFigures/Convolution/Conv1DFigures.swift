import LessonCore

/// The figures of a 1-D convolution trace: one frame per output and an overview.
///
/// A frame shows the padded signal as a strip with the window highlighted, the kernel's
/// weights laid under the window's taps, and the output strip below, each output placed
/// under the centre of its window. Everything is read from the trace.
public enum Conv1DFigures {
    /// Where the strips sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        /// The padded signal, one row.
        public var signal: Grid
        /// The top of the kernel row and of the output row.
        public var kernelY: Double
        public var outputY: Double
        /// The height of every cell.
        public var cell: Double
        /// The width of a column (signal, kernel and output cells alike): the signal grid's, as
        /// wide as the cell is high, wider where long numbers need it.
        public var column: Double { signal.columnWidth }
        public var width: Double
        public var height: Double

        /// The x of the left edge of padded position `p`.
        public func x(_ position: Int) -> Double { signal.x + Double(position) * column }

        /// The left edge of output `i`'s cell: centred under its window.
        public func outputX(_ trace: Conv1DTrace, _ i: Int) -> Double {
            let window = trace.steps[i].window
            return signal.x + (Double(window.lowerBound + window.upperBound + 1) / 2) * column - column / 2
        }
    }

    /// The layout of every figure of `trace`: square cells of at most 90 px across the slide, their
    /// columns widened (up to the slide's room) so the longest signal value, weight and output
    /// read at the cell-number floor (24 px), as conv2d's do.
    public static func layout(for trace: Conv1DTrace, width: Double = 1280, height: Double = 720) -> Layout {
        let count = trace.paddedInput.count
        let room = (width - 140) / Double(count)
        let cell = min(90, room)
        let floor = ConvolutionFigures.minimumNumberSize
        let readable = max(Grid.readableColumn(for: trace.paddedInput + trace.kernel, floor: floor),
                           Grid.readableColumn(for: trace.output, decimals: 2, floor: floor))
        let column = max(cell, min(readable, room))
        let x = (width - column * Double(count)) / 2
        var signal = Grid(rows: 1, columns: count, x: x, y: 140, cellSize: cell)
        if column > cell { signal.cellWidth = column }
        signal.numberFloor = floor
        return Layout(signal: signal, kernelY: 140 + cell + 70, outputY: 140 + 2 * cell + 160, cell: cell,
                      width: width, height: height)
    }

    /// One frame per output, `step-1` … in order.
    public static func frames(_ trace: Conv1DTrace, title: String = "1D convolution") -> [Figure] {
        trace.steps.enumerated().map { index, step in
            let description = "Step \(index + 1) of \(trace.steps.count): the kernel on padded positions \(Notation.span(step.window)) gives \(step.label) = \(Notation.number(step.value))."
            return Figure(name: Figure.stepName(index, of: trace.steps.count), description: description, step: index + 1) { canvas in
                draw(trace, stepIndex: index, title: title, on: canvas)
            }
        }
    }

    /// Every output at once with the output-length arithmetic.
    public static func overview(_ trace: Conv1DTrace, title: String = "1D convolution") -> Figure {
        let description = "The signal of length \(trace.input.count) and the kernel of length \(trace.kernel.count) give \(trace.output.count) outputs: \(trace.steps.map { $0.label + " = " + Notation.number($0.value) }.joined(separator: ", "))."
        return Figure(name: "overview", description: description) { canvas in
            draw(trace, stepIndex: nil, title: title, on: canvas)
        }
    }

    /// The size of a number in a kernel or output cell: `size` shrunk to fit 0.86 of the column,
    /// but not under the cell-number floor (24 px) while it fits 0.94 of it, as `Grid.numberFloor` does.
    private static func cellNumberSize(_ text: String, size: Double, column: Double, on canvas: Canvas) -> Double {
        let fitted = canvas.fittingSize(text, size: size, maxWidth: column * 0.86)
        let floor = min(size, ConvolutionFigures.minimumNumberSize)
        return fitted >= floor ? fitted : min(floor, canvas.fittingSize(text, size: size, maxWidth: column * 0.94))
    }

    private static func draw(_ trace: Conv1DTrace, stepIndex: Int?, title: String, on canvas: Canvas) {
        let theme = canvas.theme
        var layout = layout(for: trace)
        let step = stepIndex.map { trace.steps[$0] }
        var settings: [String] = []
        if trace.padding != 0 || trace.extraPadding != nil { settings.append("padding \(trace.paddingText)") }
        if trace.stride != 1 { settings.append("stride \(trace.stride)") }
        if trace.dilation != 1 { settings.append("dilation \(trace.dilation)") }
        if trace.mode == .convolution { settings.append("kernel reversed") }
        settings.append(stepIndex.map { "step \($0 + 1) of \(trace.steps.count)" } ?? "overview")
        Caption.title(([title] + settings).joined(separator: " · "), on: canvas, width: layout.width)

        let p = trace.padding, n = trace.input.count
        var taps: [Int: Double] = [:]
        for term in step?.terms ?? [] { taps[term.paddedPosition] = term.weight }
        let label = p == 0 && trace.extraPadding == nil ? "signal x" : "x̃: the signal " + trace.paddedDescription
        layout.signal.draw(on: canvas, label: label) { _, c in
            let isPadding = c < p || c >= p + n
            let text = Notation.number(trace.paddedInput[c])
            if taps[c] != nil {
                return CellStyle(fill: theme.highlight.withAlpha(0.30), text: text, textColor: isPadding ? theme.muted : nil, bold: true)
            }
            return CellStyle(fill: isPadding ? theme.padding : nil, text: text, textColor: isPadding ? theme.muted : nil)
        }
        // Positions under the strip, 1-based in x̃ (or x): numbers, so at the cell-number floor
        // (24 px) once the cells are 80 px wide (every lesson variant's are 90).
        let small = max(11, min(18, layout.cell * 0.26))
        let tick = max(small, min(ConvolutionFigures.minimumNumberSize, layout.cell * 0.3))
        let overviewCaption = [OutputSize.formula, trace.outputSize.filledIn]
        if step == nil, canvas.textScale > 1 {
            // The outputs' names end above the caption as drawn (two lines of larger text rise into them).
            let top = Caption.top(of: overviewCaption, on: canvas, width: layout.width, bottom: layout.height - 50, size: 26)
            layout.outputY = min(layout.outputY, top - 2 - 0.55 * small * canvas.textScale - small - 4 - layout.cell)
        }
        for c in 0..<trace.paddedInput.count {
            canvas.text(String(c + 1), x: layout.x(c) + layout.column / 2, y: layout.signal.y + layout.cell + tick + 4,
                        size: tick, theme.muted)
        }
        if let step {
            layout.signal.outline(rows: 0...0, columns: step.window, on: canvas, theme.highlight, lineWidth: 4,
                                  dash: trace.dilation == 1 ? [] : [8, 5])
            // The kernel, one weight under each tap.
            for term in step.terms {
                let x = layout.x(term.paddedPosition)
                canvas.fillRect(x: x, y: layout.kernelY, width: layout.column, height: layout.cell, theme.highlight.withAlpha(0.18))
                canvas.strokeRect(x: x, y: layout.kernelY, width: layout.column, height: layout.cell, theme.highlight, lineWidth: 3)
                let text = Notation.number(term.weight)
                canvas.text(text, x: x + layout.column / 2, y: layout.kernelY + layout.cell / 2,
                            size: cellNumberSize(text, size: layout.cell * 0.38, column: layout.column, on: canvas), theme.foreground)
                canvas.line(from: (x + layout.column / 2, layout.signal.y + layout.cell + 2 * tick),
                            to: (x + layout.column / 2, layout.kernelY), theme.highlight, lineWidth: 2, dash: [4, 4])
            }
            canvas.text(trace.mode == .convolution ? "w reversed" : "w", x: layout.x(step.window.lowerBound) - 12,
                        y: layout.kernelY + layout.cell / 2, size: max(16, min(24, layout.cell * 0.34)), theme.foreground,
                        align: .right, weight: .bold)
        }
        // The outputs, each under its window's centre.
        let filled = stepIndex.map { $0 + 1 } ?? trace.steps.count
        canvas.text("output z", x: layout.width / 2, y: layout.outputY - 22, size: max(18, min(26, layout.cell * 0.36)),
                    theme.foreground, weight: .bold)
        for (i, s) in trace.steps.enumerated() {
            let x = layout.outputX(trace, i)
            let isCurrent = i == stepIndex
            let fill = i >= filled ? theme.cellFill : (isCurrent ? theme.current.withAlpha(0.28) : theme.doneFill(0.14))
            canvas.fillRect(x: x, y: layout.outputY, width: layout.column, height: layout.cell, fill)
            canvas.strokeRect(x: x, y: layout.outputY, width: layout.column, height: layout.cell,
                              isCurrent ? theme.current : theme.gridLine, lineWidth: isCurrent ? 4 : 1)
            if i < filled {
                let text = Notation.number(s.value, decimals: 2)
                canvas.text(text, x: x + layout.column / 2, y: layout.outputY + layout.cell / 2,
                            size: cellNumberSize(text, size: layout.cell * 0.36, column: layout.column, on: canvas),
                            theme.foreground, weight: isCurrent ? .bold : .normal)
            }
            canvas.text(s.label, x: x + layout.column / 2, y: layout.outputY + layout.cell + small + 4, size: small, theme.muted)
        }
        if let step, let current = stepIndex {
            let window = step.window
            let from = (layout.x(window.lowerBound) + Double(window.count) * layout.column / 2, layout.kernelY + layout.cell + 6)
            canvas.arrow(from: from, to: (layout.outputX(trace, current) + layout.column / 2, layout.outputY - 40), theme.current, lineWidth: 3)
            Caption.lines([step.text], on: canvas, width: layout.width, bottom: layout.height - 36, size: 28)
        } else {
            Caption.lines(overviewCaption, on: canvas, width: layout.width, bottom: layout.height - 50, size: 26)
        }
    }
}

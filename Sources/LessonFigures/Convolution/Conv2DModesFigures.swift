import LessonCore

/// The comparison figure of `conv2d-modes`: the input with each run's padding drawn as a
/// ring around it, and every run's output beside it, labelled with its shape.
public enum Conv2DModesFigures {
    /// The colour that marks run number `index` (padding ring and output frame).
    public static func color(_ index: Int, theme: Theme) -> Color {
        [theme.highlight, theme.current, Palette.reddishPurple, theme.done][index % 4]
    }

    /// The colour of a run by its name, the same in every figure and variant: full orange,
    /// valid blue, same purple, a true convolution green; any other name by its place.
    public static func color(run name: String, index: Int, theme: Theme) -> Color {
        if name.hasSuffix("-convolution") { return theme.done }
        switch name {
        case "full": return theme.highlight
        case "valid": return theme.current
        case "same": return Palette.reddishPurple
        default: return color(index, theme: theme)
        }
    }

    /// Where the grids sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        /// The input padded by the largest padding of any run.
        public var input: Grid
        /// The largest padding, per axis.
        public var margin: Pair2
        /// One grid per run's output, top to bottom.
        public var outputs: [Grid]
    }

    /// The layout for these traces.
    public static func layout(for traces: [ConvolutionTrace], width: Double = 1280, height: Double = 720) -> Layout {
        precondition(!traces.isEmpty, "a comparison needs at least one run")
        let input = traces[0].input.shape
        let margin = Pair2(rows: traces.map(\.padding.rows).max() ?? 0, columns: traces.map(\.padding.columns).max() ?? 0)
        let rows = input[0] + 2 * margin.rows, columns = input[1] + 2 * margin.columns
        let left = min(64, (width * 0.5 - 70) / Double(columns), (height - 230) / Double(rows))
        let inputGrid = Grid(rows: rows, columns: columns, x: 50, y: 110 + (height - 230 - Double(rows) * left) / 2, cellSize: left)
        // Runs side by side in pairs when there are more than three (cross-correlation | convolution).
        let perRow = traces.count > 3 ? 2 : 1
        let bands = stride(from: 0, to: traces.count, by: perRow).map { Array(traces[$0..<min($0 + perRow, traces.count)]) }
        let totalRows = bands.map { Double($0.map { $0.output.shape[0] }.max() ?? 0) }.reduce(0, +)
        let maxColumns = Double(traces.map { $0.output.shape[1] }.max() ?? 1)
        let gap = 46.0, x0 = width * 0.52, columnWidth = (width - x0 - 30) / Double(perRow)
        let right = min(34, (height - 200 - gap * Double(bands.count)) / totalRows, (columnWidth - 30) / maxColumns)
        var y = 100.0 + gap
        var outputs: [Grid] = []
        for band in bands {
            for (column, trace) in band.enumerated() {
                outputs.append(Grid(rows: trace.output.shape[0], columns: trace.output.shape[1],
                                    x: x0 + Double(column) * columnWidth, y: y, cellSize: right))
            }
            y += right * Double(band.map { $0.output.shape[0] }.max() ?? 0) + gap
        }
        return Layout(input: inputGrid, margin: margin, outputs: outputs)
    }

    /// The comparison of `runs` (name and trace), all on the same input and kernel.
    public static func comparison(_ runs: [(name: String, trace: ConvolutionTrace)], title: String) -> Figure {
        let runs = runs.map { (name: $0.name, paddingName: $0.name.replacingOccurrences(of: "-convolution", with: ""), trace: $0.trace) }
        let description = "The input with each run's zero padding as a ring, and the outputs: " + runs.map {
            "\($0.name) (p = \($0.trace.padding)) gives \(Notation.shape($0.trace.output.shape))"
        }.joined(separator: "; ") + "."
        return Figure(name: "comparison", description: description) { canvas in
            let theme = canvas.theme
            let traces = runs.map(\.trace)
            let layout = layout(for: traces)
            Caption.title(title, on: canvas, width: 1280)
            let m = layout.margin, n = traces[0].input.shape
            layout.input.draw(on: canvas, label: "input \(Notation.shape(n)), each run's padding") { r, c in
                let ir = r - m.rows, ic = c - m.columns
                let inside = (0..<n[0]).contains(ir) && (0..<n[1]).contains(ic)
                guard inside else {
                    // Shade padding by ring: the rings a run uses are darker.
                    let used = traces.contains { t in
                        outside(ir, n[0]) <= t.padding.rows && outside(ic, n[1]) <= t.padding.columns
                    }
                    return CellStyle(fill: used ? theme.padding : nil, text: used ? "0" : nil, textColor: theme.muted)
                }
                return CellStyle(text: Notation.number(traces[0].input[ir, ic]))
            }
            func color(_ index: Int, theme: Theme) -> Color { Self.color(run: runs[index].name, index: index, theme: theme) }
            var drawn: Set<Pair2> = []
            for (index, trace) in traces.enumerated() where !drawn.contains(trace.padding) {
                drawn.insert(trace.padding)
                let p = trace.padding
                let inset = Double(index) * 3
                let a = layout.input.cellRect(m.rows - p.rows, m.columns - p.columns)
                let b = layout.input.cellRect(m.rows + n[0] - 1 + p.rows, m.columns + n[1] - 1 + p.columns)
                canvas.strokeRect(x: a.x + inset, y: a.y + inset, width: b.x + b.width - a.x - 2 * inset,
                                  height: b.y + b.height - a.y - 2 * inset, color(index, theme: theme), lineWidth: 4)
            }
            for (index, (run, grid)) in zip(runs, layout.outputs).enumerated() {
                let trace = run.trace
                // Outputs to scale, without numbers: those are on each run's frames, at projector size.
                grid.draw(on: canvas) { _, _ in CellStyle(fill: color(index, theme: theme).withAlpha(0.14)) }
                grid.outline(rows: 0...(grid.rows - 1), columns: 0...(grid.columns - 1), on: canvas, color(index, theme: theme), lineWidth: 3)
                let flipped = trace.mode == .convolution ? ", flipped" : ""
                let stride = trace.stride == Pair2(1) ? "" : ", stride \(trace.stride)"
                let label = "\(run.paddingName): p = \(trace.padding)\(stride)\(flipped) → \(Notation.shape(trace.output.shape))"
                let size = max(18, canvas.fittingSize(label, size: 22, maxWidth: 1280 - grid.x - 20, weight: .bold))
                canvas.text(label, x: grid.x, y: grid.y - 16, size: size,
                            color(index, theme: theme).mixed(with: theme.foreground, amount: 0.35), align: .left, weight: .bold)
            }
            // The kernel every run slides, right of the outputs where there is room.
            // Else below the outputs, if the rows fit above the caption; else the caption names it.
            let kernel = traces[0].kernel
            var kernelCell = max(ConvolutionFigures.minimumNumberSize / 0.4, min(64, 240 / Double(max(kernel.shape[0], kernel.shape[1]))))
            let right = layout.outputs.map { $0.x + $0.width }.max() ?? layout.input.x + layout.input.width
            var kernelX = max(right + 60, 1280 - 60 - Double(kernel.shape[1]) * kernelCell), kernelY = 160.0
            if kernelX + Double(kernel.shape[1]) * kernelCell > 1280 - 20 {
                let bottom = layout.outputs.map { $0.y + $0.height }.max() ?? 0
                kernelCell = min(kernelCell, (630 - bottom - 52) / Double(kernel.shape[0]))
                kernelX = layout.outputs.map(\.x).min() ?? 0
                kernelY = bottom + 52
            }
            if kernelCell >= 30, kernelX + Double(kernel.shape[1]) * kernelCell <= 1280 - 20 {
                let grid = Grid(rows: kernel.shape[0], columns: kernel.shape[1], x: kernelX, y: kernelY, cellSize: kernelCell)
                grid.draw(on: canvas, label: "kernel") { r, c in
                    CellStyle(fill: theme.highlight.withAlpha(0.18), text: Notation.number(kernel[r, c]))
                }
            }
            var caption = [OutputSize.formula + " per axis   (outputs to scale; their numbers are on each run's frames)"]
            if let flipped = traces.first(where: { $0.mode == .convolution }) {
                caption.append("flipped: the true convolution lays the kernel rotated by 180°, \(Notation.inlineMatrix(flipped.kernel)) → \(Notation.inlineMatrix(flipped.appliedKernel))")
            }
            Caption.lines(caption, on: canvas, width: 1280, bottom: 690, size: 22)
        }
    }

    /// How far index `i` lies outside 0 ..< n (0 inside).
    private static func outside(_ i: Int, _ n: Int) -> Int { i < 0 ? -i : max(0, i - n + 1) }
}

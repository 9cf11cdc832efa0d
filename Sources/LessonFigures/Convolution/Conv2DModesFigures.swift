import LessonCore

/// The comparison figure of `conv2d-modes`: the input with each run's padding drawn as a
/// frame around it (only on the sides it pads), and every run's output beside it, labelled
/// with its shape.
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
        /// The input padded by the largest padding of any run on each side.
        public var input: Grid
        /// The largest padding on top and on the left.
        public var before: Pair2
        /// The largest padding at the bottom and on the right (more than `before` where "same"
        /// pads an even kernel as TensorFlow does).
        public var after: Pair2
        /// One grid per run's output, top to bottom.
        public var outputs: [Grid]

        /// The input cell (0-based, in input coordinates) at row `r` and column `c` of `input`.
        public func inputCell(_ r: Int, _ c: Int) -> (row: Int, column: Int) { (r - before.rows, c - before.columns) }
    }

    /// The zeros a run adds on top and on the left, and at the bottom and on the right.
    static func zeros(_ trace: ConvolutionTrace) -> (before: Pair2, after: Pair2) {
        let extra = trace.extraPadding ?? Pair2(0)
        return (trace.padding, Pair2(rows: trace.padding.rows + extra.rows, columns: trace.padding.columns + extra.columns))
    }

    /// Whether `trace` pads input cell (row, column), which lies outside the input.
    static func pads(_ trace: ConvolutionTrace, row: Int, column: Int) -> Bool {
        let (before, after) = zeros(trace), n = trace.input.shape
        func covered(_ i: Int, _ size: Int, _ before: Int, _ after: Int) -> Bool {
            i < 0 ? -i <= before : i >= size ? i - size + 1 <= after : true
        }
        return covered(row, n[0], before.rows, after.rows) && covered(column, n[1], before.columns, after.columns)
    }

    /// The padding as a run's label writes it: `p = 1`, `p = 0 top/left, 1 bottom/right`, or each side.
    static func paddingLabel(_ trace: ConvolutionTrace) -> String {
        let (before, after) = zeros(trace)
        guard trace.extraPadding != nil else { return "p = \(trace.padding)" }
        if before.isSquare, after.isSquare { return "p = \(before.rows) top/left, \(after.rows) bottom/right" }
        return "p = " + trace.paddingText
    }

    /// The layout for these traces; `foot`: where a caption of larger text (`--text-scale`) begins,
    /// when the input must end above it.
    public static func layout(for traces: [ConvolutionTrace], width: Double = 1280, height: Double = 720,
                              foot: Double? = nil) -> Layout {
        precondition(!traces.isEmpty, "a comparison needs at least one run")
        let input = traces[0].input.shape
        let sides = traces.map(zeros)
        let before = Pair2(rows: sides.map(\.before.rows).max() ?? 0, columns: sides.map(\.before.columns).max() ?? 0)
        let after = Pair2(rows: sides.map(\.after.rows).max() ?? 0, columns: sides.map(\.after.columns).max() ?? 0)
        let rows = before.rows + input[0] + after.rows, columns = before.columns + input[1] + after.columns
        let band = min(height - 230, (foot ?? height) - 8 - 110)
        let left = min(64, (width * 0.5 - 70) / Double(columns), band / Double(rows))
        let inputGrid = Grid(rows: rows, columns: columns, x: 50, y: 110 + (band - Double(rows) * left) / 2, cellSize: left)
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
        return Layout(input: inputGrid, before: before, after: after, outputs: outputs)
    }

    /// The comparison of `runs` (name and trace), all on the same input and kernel.
    public static func comparison(_ runs: [(name: String, trace: ConvolutionTrace)], title: String) -> Figure {
        let runs = runs.map { (name: $0.name, paddingName: $0.name.replacingOccurrences(of: "-convolution", with: ""), trace: $0.trace) }
        let uneven = runs.map(\.trace).first { $0.extraPadding != nil }
        let description = "The input with each run's zero padding as a frame, and the outputs: " + runs.map {
            "\($0.name) (\(paddingLabel($0.trace))) gives \(Notation.shape($0.trace.output.shape))"
        }.joined(separator: "; ") + "." + (uneven == nil ? "" : " \"same\" pads unevenly, as TensorFlow does: the odd zero goes at the bottom and right, so there is no frame on top or on the left where it puts none.")
        return Figure(name: "comparison", description: description) { canvas in
            let theme = canvas.theme
            let traces = runs.map(\.trace)
            var caption = [OutputSize.formula + " per axis   (outputs to scale; their numbers are on each run's frames)"]
            if let uneven {
                caption.append("same pads as TensorFlow, the odd zero at the bottom and right: \(uneven.paddingText)")
            }
            if let flipped = traces.first(where: { $0.mode == .convolution }) {
                caption.append("flipped: the true convolution lays the kernel rotated by 180°, \(Notation.inlineMatrix(flipped.kernel)) → \(Notation.inlineMatrix(flipped.appliedKernel))")
            }
            let k = canvas.textScale
            let captionTop = Caption.top(of: caption, on: canvas, width: 1280, bottom: 690, size: 22)
            let layout = layout(for: traces, foot: k > 1 ? captionTop : nil)
            // Where each run's label starts at text scale 1: its size there is the least it is drawn at.
            let unscaledLayout = k > 1 ? Self.layout(for: traces) : layout
            Caption.title(title, on: canvas, width: 1280)
            let n = traces[0].input.shape
            layout.input.draw(on: canvas, label: "input \(Notation.shape(n)), each run's padding") { r, c in
                let (ir, ic) = layout.inputCell(r, c)
                let inside = (0..<n[0]).contains(ir) && (0..<n[1]).contains(ic)
                guard inside else {
                    // Only the zeros some run adds are drawn: an uneven "same" leaves top and left bare.
                    let used = traces.contains { pads($0, row: ir, column: ic) }
                    return CellStyle(fill: used ? theme.padding : nil, text: used ? "0" : nil, textColor: theme.muted)
                }
                return CellStyle(text: Notation.number(traces[0].input[ir, ic]))
            }
            func color(_ index: Int, theme: Theme) -> Color { Self.color(run: runs[index].name, index: index, theme: theme) }
            var drawn: Set<[Int]> = []
            for (index, trace) in traces.enumerated() {
                let (before, after) = zeros(trace)
                guard drawn.insert([before.rows, before.columns, after.rows, after.columns]).inserted else { continue }
                let inset = Double(index) * 3
                let a = layout.input.cellRect(layout.before.rows - before.rows, layout.before.columns - before.columns)
                let b = layout.input.cellRect(layout.before.rows + n[0] - 1 + after.rows, layout.before.columns + n[1] - 1 + after.columns)
                canvas.strokeRect(x: a.x + inset, y: a.y + inset, width: b.x + b.width - a.x - 2 * inset,
                                  height: b.y + b.height - a.y - 2 * inset, color(index, theme: theme), lineWidth: 4)
            }
            // The kernel every run slides, right of the outputs where there is room.
            // Else below the outputs, if the rows fit above the caption (as drawn); else the caption names it.
            let kernel = traces[0].kernel
            var kernelCell = max(ConvolutionFigures.minimumNumberSize / 0.4, min(64, 240 / Double(max(kernel.shape[0], kernel.shape[1]))))
            let right = layout.outputs.map { $0.x + $0.width }.max() ?? layout.input.x + layout.input.width
            var kernelX = max(right + 60, 1280 - 60 - Double(kernel.shape[1]) * kernelCell), kernelY = 160.0
            if kernelX + Double(kernel.shape[1]) * kernelCell > 1280 - 20 {
                let bottom = layout.outputs.map { $0.y + $0.height }.max() ?? 0
                let foot = k > 1 ? min(630, captionTop - 8) : 630
                kernelCell = min(kernelCell, (foot - bottom - 52) / Double(kernel.shape[0]))
                kernelX = layout.outputs.map(\.x).min() ?? 0
                kernelY = bottom + 52
            }
            let showsKernel = kernelCell >= 30 && kernelX + Double(kernel.shape[1]) * kernelCell <= 1280 - 20
            for (index, (run, grid)) in zip(runs, layout.outputs).enumerated() {
                let trace = run.trace
                // Outputs to scale, without numbers: those are on each run's frames, at projector size.
                grid.draw(on: canvas) { _, _ in CellStyle(fill: color(index, theme: theme).withAlpha(0.14)) }
                grid.outline(rows: 0...(grid.rows - 1), columns: 0...(grid.columns - 1), on: canvas, color(index, theme: theme), lineWidth: 3)
                let flipped = trace.mode == .convolution ? ", flipped" : ""
                let stride = trace.stride == Pair2(1) ? "" : ", stride \(trace.stride)"
                let label = "\(run.paddingName): \(paddingLabel(trace))\(stride)\(flipped) → \(Notation.shape(trace.output.shape))"
                // At a larger text scale a label ends before the kernel at its right, and is drawn no
                // smaller than at text scale 1 (18 px at the least; a few px past its room rather).
                let besideKernel = k > 1 && showsKernel && kernelX > grid.x && grid.y - 16 < kernelY + Double(kernel.shape[0]) * kernelCell
                // …and before the next run's output at its right.
                let next = layout.outputs.filter { $0.y == grid.y && $0.x > grid.x }.map(\.x).min()
                let room = min(besideKernel ? kernelX - 24 : 1280 - 20, k > 1 ? (next ?? 1280) - 24 : 1280) - grid.x
                let unscaled = canvas.unscaledFittingSize(label, size: 22, maxWidth: 1280 - 20 - unscaledLayout.outputs[index].x,
                                                          weight: .bold)
                let size = canvas.atLeastUnscaled(max(18 / k, canvas.fittingSize(label, size: 22, maxWidth: room, weight: .bold)),
                                                  unscaled)
                canvas.text(label, x: grid.x, y: grid.y - 16, size: size,
                            color(index, theme: theme).mixed(with: theme.foreground, amount: 0.35), align: .left, weight: .bold)
            }
            if showsKernel {
                let grid = Grid(rows: kernel.shape[0], columns: kernel.shape[1], x: kernelX, y: kernelY, cellSize: kernelCell)
                grid.draw(on: canvas, label: "kernel") { r, c in
                    CellStyle(fill: theme.highlight.withAlpha(0.18), text: Notation.number(kernel[r, c]))
                }
            }
            Caption.lines(caption, on: canvas, width: 1280, bottom: 690, size: 22)
        }
    }
}

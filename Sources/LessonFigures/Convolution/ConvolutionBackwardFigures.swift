import LessonCore

/// The figures of a convolution's backward pass: one frame per kernel-weight gradient, one
/// per input-cell gradient, and an overview. Everything is read from the trace.
///
/// A kernel frame shows the (padded) input with the cells that met weight w[u,v] highlighted
/// and each marked with the upstream gradient it was multiplied by, the upstream gradient,
/// and ∂L/∂w filling up. An input frame shows the upstream gradient with the output cells
/// whose windows read x[r,c] highlighted, each marked with the weight that met the cell,
/// and ∂L/∂x filling up.
public enum ConvolutionBackwardFigures {
    /// All frames: kernel gradients (`kernel-01`…), input gradients (`input-01`…), then `overview`.
    public static func figures(_ trace: ConvolutionBackwardTrace, title: String = "2D convolution backward") -> [Figure] {
        kernelFrames(trace, title: title) + inputFrames(trace, title: title) + [overview(trace, title: title)]
    }

    static func numbered(_ prefix: String, _ index: Int, of count: Int) -> String {
        let digits = String(count).count
        let text = String(index + 1)
        return prefix + "-" + String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// One frame per weight of the kernel.
    public static func kernelFrames(_ trace: ConvolutionBackwardTrace, title: String) -> [Figure] {
        trace.kernelSteps.enumerated().map { (index, step) -> Figure in
            let description = "\(step.label): the upstream gradient times the \(step.terms.count) input cells that met weight w\(Notation.index(step.row, step.column)) gives \(Notation.number(step.value))."
            return Figure(name: numbered("kernel", index, of: trace.kernelSteps.count), description: description,
                          step: index + 1) { canvas in
                drawKernelFrame(trace, index: index, title: title, on: canvas)
            }
        }
    }

    /// One frame per cell of the input (padding cropped).
    public static func inputFrames(_ trace: ConvolutionBackwardTrace, title: String) -> [Figure] {
        let p = trace.forward.padding
        let (rows, columns) = (trace.forward.input.shape[0], trace.forward.input.shape[1])
        let steps = trace.inputSteps.filter {
            (p.rows..<(p.rows + rows)).contains($0.row) && (p.columns..<(p.columns + columns)).contains($0.column)
        }
        return steps.enumerated().map { (index, step) -> Figure in
            let description = "\(step.label): \(step.terms.count) output cell\(step.terms.count == 1 ? "" : "s") read this input cell; their upstream gradients times the weights that met it give \(Notation.number(step.value))."
            return Figure(name: numbered("input", index, of: steps.count), description: description,
                          step: trace.kernelSteps.count + index + 1) { canvas in
                drawInputFrame(trace, step: step, index: index, count: steps.count, title: title, on: canvas)
            }
        }
    }

    /// Input, upstream gradient and the three gradients at once.
    public static func overview(_ trace: ConvolutionBackwardTrace, title: String) -> Figure {
        let description = "The backward pass of the convolution: upstream gradient \(Notation.inlineMatrix(trace.upstream)) gives ∂L/∂w = \(Notation.inlineMatrix(trace.gradKernel)), ∂L/∂b = \(Notation.number(trace.gradBias)) and ∂L/∂x = \(Notation.inlineMatrix(trace.gradInput))."
        return Figure(name: "overview", description: description) { canvas in
            let theme = canvas.theme
            Caption.title(title + " · overview", on: canvas, width: 1280)
            let values = [trace.forward.input, trace.upstream, trace.gradKernel, trace.gradInput]
            let grids = RowLayout.widened(RowLayout.grids(for: values.map(\.shape), gap: 70),
                                          toColumnWidths: Grid.readableColumns(for: values, notesOnFirst: [], floor: ConvolutionFigures.minimumNumberSize), gap: 70, minimumGap: 50).map { grid -> Grid in
                var grid = grid
                grid.numberFloor = ConvolutionFigures.minimumNumberSize
                return grid
            }
            grids[0].draw(on: canvas, label: "input x") { r, c in CellStyle(text: Notation.number(trace.forward.input[r, c])) }
            grids[1].draw(on: canvas, label: "upstream ∂L/∂z") { r, c in
                CellStyle(fill: theme.current.withAlpha(0.18), text: Notation.number(trace.upstream[r, c]))
            }
            grids[2].draw(on: canvas, label: "∂L/∂w") { r, c in
                CellStyle(fill: theme.highlight.withAlpha(0.22), text: Notation.number(trace.gradKernel[r, c]), bold: true)
            }
            grids[3].draw(on: canvas, label: "∂L/∂x") { r, c in
                CellStyle(fill: theme.doneFill(0.18), text: Notation.number(trace.gradInput[r, c]), bold: true)
            }
            Caption.lines(["∂L/∂b = Σ ∂L/∂z = \(Notation.number(trace.gradBias))",
                           "∂L/∂w: input correlated with the upstream gradient · ∂L/∂x: upstream gradient fully convolved with the kernel rotated 180°"],
                          on: canvas, width: 1280, bottom: 660, size: 22)
        }
    }

    private static func drawKernelFrame(_ trace: ConvolutionBackwardTrace, index: Int, title: String, on canvas: Canvas) {
        let theme = canvas.theme
        let step = trace.kernelSteps[index]
        Caption.title("\(title) · ∂L/∂w · step \(index + 1) of \(trace.kernelSteps.count)", on: canvas, width: 1280)
        let f = trace.forward
        let p = f.padding, n = f.input.shape
        let inputLabel = p == Pair2(0) ? "input x" : "input x (zero-padded)"
        let grids = grids(for: [f.paddedInput.shape, trace.upstream.shape, trace.gradKernel.shape],
                          labels: [inputLabel, "upstream ∂L/∂z", "∂L/∂w"],
                          values: [f.paddedInput, trace.upstream, trace.gradKernel], notes: trace.upstream.scalars, on: canvas)
        var met: [Int: String] = [:]
        for term in step.terms { met[term.factorRow * f.paddedInput.shape[1] + term.factorColumn] = "×" + Notation.number(term.upstream) }
        grids[0].draw(on: canvas, label: inputLabel) { r, c in
            let padding = r < p.rows || r >= p.rows + n[0] || c < p.columns || c >= p.columns + n[1]
            if let note = met[r * f.paddedInput.shape[1] + c] {
                return CellStyle(fill: theme.highlight.withAlpha(0.30), text: Notation.number(f.paddedInput[r, c]),
                                 textColor: padding ? theme.muted : nil, note: note, noteColor: theme.foreground, bold: true)
            }
            return CellStyle(fill: padding ? theme.padding : nil, text: Notation.number(f.paddedInput[r, c]),
                             textColor: padding ? theme.muted : nil)
        }
        grids[1].draw(on: canvas, label: "upstream ∂L/∂z") { r, c in
            CellStyle(fill: theme.current.withAlpha(0.18), text: Notation.number(trace.upstream[r, c]))
        }
        let done = index + 1
        let kernelColumns = trace.gradKernel.shape[1]
        grids[2].draw(on: canvas, label: "∂L/∂w") { r, c in
            // Steps follow the applied kernel; for a true convolution the printed kernel is its rotation.
            let k = r * kernelColumns + c
            let appliedIndex = f.mode == .convolution ? trace.gradKernel.count - 1 - k : k
            guard appliedIndex < done else { return CellStyle() }
            return CellStyle(fill: appliedIndex == index ? theme.current.withAlpha(0.28) : theme.doneFill(0.14),
                             text: Notation.number(trace.gradKernel[r, c]), bold: appliedIndex == index)
        }
        let top = Caption.top(of: [step.text], on: canvas, width: 1280, bottom: 670, size: 24)
        legend(theme, padding: p != Pair2(0)).drawCentered(on: canvas, width: 1280, y: 608, above: top)
        let symbolA = RowLayout.between(grids[0], grids[1]), symbolB = RowLayout.between(grids[1], grids[2])
        canvas.text("⋆", x: symbolA.0, y: symbolA.1, size: 56, theme.foreground)
        canvas.text("→", x: symbolB.0, y: symbolB.1, size: 44, theme.foreground)
        Caption.lines([step.text], on: canvas, width: 1280, bottom: 670, size: 24)
    }

    private static func drawInputFrame(_ trace: ConvolutionBackwardTrace, step: GradientStep, index: Int, count: Int,
                                       title: String, on canvas: Canvas) {
        let theme = canvas.theme
        let f = trace.forward
        Caption.title("\(title) · ∂L/∂x · step \(index + 1) of \(count)", on: canvas, width: 1280)
        let kernelLabel = f.mode == .convolution ? "kernel as given (applied one rotated 180°)" : "w rotated 180°"
        let grids = grids(for: [trace.upstream.shape, f.appliedKernel.shape, trace.gradInput.shape],
                          labels: ["upstream ∂L/∂z", kernelLabel, "∂L/∂x"],
                          values: [trace.upstream, f.appliedKernel, trace.gradInput], notes: f.appliedKernel.scalars, on: canvas)
        var readers: [Int: String] = [:]
        for term in step.terms { readers[term.outputRow * trace.upstream.shape[1] + term.outputColumn] = "×" + Notation.number(term.factor) }
        grids[0].draw(on: canvas, label: "upstream ∂L/∂z") { r, c in
            if let note = readers[r * trace.upstream.shape[1] + c] {
                return CellStyle(fill: theme.highlight.withAlpha(0.30), text: Notation.number(trace.upstream[r, c]),
                                 note: note, noteColor: theme.foreground, bold: true)
            }
            return CellStyle(text: Notation.number(trace.upstream[r, c]))
        }
        // ∂L/∂x is the upstream gradient fully convolved with the kernel: the slid kernel is the
        // applied one rotated 180°, drawn that way so its highlighted weights sit in the same
        // pattern as the upstream cells they multiply.
        let (kh, kw) = (f.appliedKernel.shape[0], f.appliedKernel.shape[1])
        let weights = Set(step.terms.map { (kh - 1 - $0.factorRow) * kw + (kw - 1 - $0.factorColumn) })
        grids[1].draw(on: canvas, label: kernelLabel) { r, c in
            CellStyle(fill: weights.contains(r * kw + c) ? theme.highlight.withAlpha(0.30) : nil,
                      text: Notation.number(f.appliedKernel[kh - 1 - r, kw - 1 - c]))
        }
        let columns = trace.gradInput.shape[1]
        grids[2].draw(on: canvas, label: "∂L/∂x") { r, c in
            let k = r * columns + c
            guard k <= index else { return CellStyle() }
            return CellStyle(fill: k == index ? theme.current.withAlpha(0.28) : theme.doneFill(0.14),
                             text: Notation.number(trace.gradInput[r, c]), bold: k == index)
        }
        let top = Caption.top(of: [step.text], on: canvas, width: 1280, bottom: 670, size: 24)
        legend(theme, padding: false).drawCentered(on: canvas, width: 1280, y: 608, above: top)
        let symbolB = RowLayout.between(grids[1], grids[2])
        canvas.text("→", x: symbolB.0, y: symbolB.1, size: 44, theme.foreground)
        Caption.lines([step.text], on: canvas, width: 1280, bottom: 670, size: 24)
    }

    /// A frame's three grids in a row. At a larger text scale the gaps between them grow, and more
    /// where two neighbours' `labels` are wider than their grids, so the labels stay 24 px apart.
    /// Columns widen, as conv2d's do, where the longest of a grid's `values` (or, on the first
    /// grid, of the `notes` laid on its cells) would read under the projector floor.
    private static func grids(for shapes: [[Int]], labels: [String], values: [Tensor], notes: [Double],
                              on canvas: Canvas) -> [Grid] {
        var gap = 90 + 40 * (canvas.textScale - 1)
        var grids = RowLayout.grids(for: shapes, gap: gap)
        if canvas.textScale > 1 {
            func overhang(_ i: Int) -> Double {
                max(0, canvas.richTextWidth(labels[i], size: grids[i].labelSize, weight: .bold) - grids[i].width) / 2
            }
            gap = max(gap, (1..<grids.count).map { overhang($0 - 1) + overhang($0) + 24 }.max() ?? 0)
            grids = RowLayout.grids(for: shapes, gap: gap)
        }
        return RowLayout.widened(grids, toColumnWidths: Grid.readableColumns(for: values, notesOnFirst: notes, floor: ConvolutionFigures.minimumNumberSize), gap: gap,
                                 minimumGap: min(gap, 60))
    }


    /// What the colours of a backward frame mean.
    private static func legend(_ theme: Theme, padding: Bool) -> Legend {
        var entries = [Legend.Entry("cells that met", color: theme.highlight.withAlpha(0.30)),
                       Legend.Entry("gradient written", color: theme.current.withAlpha(0.28)),
                       Legend.Entry("done", color: theme.doneFill(0.14))]
        if padding { entries.append(Legend.Entry("zero padding", color: theme.padding)) }
        return Legend(entries, size: 18)
    }
}

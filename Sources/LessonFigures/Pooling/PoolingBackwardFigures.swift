import LessonCore

/// The backward figures of a pooling: one frame per output cell, with arrows from that cell
/// of ∂L/∂y to the input cells its gradient lands on, and ∂L/∂x accumulating; and an overview
/// with every arrow. Everything is read from the traces.
extension PoolingFigures {
    /// Where the two grids of a backward figure sit; public so tests can look at the right pixels.
    public struct BackwardLayout: Sendable {
        /// The upstream gradient ∂L/∂y (output shape).
        public var upstream: Grid
        /// The input gradient ∂L/∂x (input shape).
        public var gradient: Grid
        public var width: Double
        public var height: Double
    }

    /// The layout of every backward figure on a `width` × `height` canvas.
    public static func backwardLayout(for backward: PoolingBackwardTrace, width: Double = 1280,
                                      height: Double = 720) -> BackwardLayout {
        let (upstream, gradient) = twoGrids(left: backward.upstream.shape, right: backward.gradient.shape,
                                            width: width, height: height)
        let widened = widenedForLongNumbers([upstream, gradient], values: [backward.upstream, backward.gradient], width: width)
        return BackwardLayout(upstream: widened[0], gradient: widened[1], width: width, height: height)
    }

    /// One frame per output cell, named `step-backward-1` … (zero-padded as `Figure.stepName`) in the order the gradient is routed.
    public static func backwardFrames(_ trace: PoolingTrace, _ backward: PoolingBackwardTrace, decimals: Int = 3) -> [Figure] {
        let count = backward.steps.count
        return backward.steps.enumerated().map { (index, step) -> Figure in
            let description = "Backward step \(index + 1) of \(count): " + step.text(decimals: decimals) + "."
            return Figure(name: Figure.stepName(index, of: count, prefix: "step-backward-"), description: description,
                          step: trace.steps.count + index + 1) { canvas in
                drawBackward(trace, backward, stepIndex: index, decimals: decimals, on: canvas)
            }
        }
    }

    /// Every route at once: each cell of ∂L/∂y with arrows (one colour per cell) to where its gradient lands.
    public static func backwardOverview(_ trace: PoolingTrace, _ backward: PoolingBackwardTrace, decimals: Int = 3) -> Figure {
        let description = "Backward through \(trace.settings): the upstream gradient \(Notation.inlineMatrix(backward.upstream, decimals: decimals, keepSmall: true)) routed to the input gives ∂L/∂x = \(Notation.inlineMatrix(backward.gradient, decimals: decimals, keepSmall: true))."
        return Figure(name: "backward-overview", description: description) { canvas in
            drawBackward(trace, backward, stepIndex: nil, decimals: decimals, on: canvas)
        }
    }

    /// The colours of the routes in the overview, one per output cell, cycling.
    static let routeColors: [Color] = [Palette.orange, Palette.blue, Palette.bluishGreen, Palette.vermillion,
                                       Palette.reddishPurple, Palette.skyBlue]

    private static func drawBackward(_ trace: PoolingTrace, _ backward: PoolingBackwardTrace, stepIndex: Int?,
                                     decimals: Int, on canvas: Canvas) {
        let theme = canvas.theme
        let layout = backwardLayout(for: backward)
        let position = stepIndex.map { "backward step \($0 + 1) of \(backward.steps.count)" } ?? "backward overview"
        Caption.title(heading(trace, position), on: canvas, width: layout.width)

        // ∂L/∂x as it stands after this step: the last running total of each cell reached so far.
        let last = stepIndex ?? (backward.steps.count - 1)
        let columns = backward.gradient.shape[1]
        var totals: [Int: Double] = [:]
        for step in backward.steps[0...last] {
            for target in step.targets where !target.isPadding { totals[target.row * columns + target.column] = target.totalAfter }
        }
        let current = stepIndex.map { backward.steps[$0] }
        let reachedNow = Set(current?.targets.filter { !$0.isPadding }.map { $0.row * columns + $0.column } ?? [])
        let upColumns = backward.upstream.shape[1]
        func color(_ index: Int) -> Color { routeColors[index % routeColors.count] }

        layout.gradient.draw(on: canvas, label: "input gradient ∂L/∂x") { r, c in
            let k = r * columns + c
            // The input value tells which cell won a max or min; an average does not depend on it.
            let note = trace.op.picksOneElement ? "x=" + Notation.number(trace.input[r, c], decimals: decimals, keepSmall: true) : nil
            guard let total = totals[k] else {
                return CellStyle(text: "0", textColor: theme.muted, note: note)
            }
            let text = Notation.number(total, decimals: decimals, keepSmall: true)
            if reachedNow.contains(k) {
                return CellStyle(fill: theme.highlight.withAlpha(0.30), text: text, note: note, noteColor: theme.muted, bold: true)
            }
            return CellStyle(fill: theme.doneFill(0.14), text: text, note: note)
        }
        if let stepIndex {
            // The window this output cell pooled, clipped to the input (padding has no gradient cell).
            let window = trace.steps[stepIndex]
            let rows = max(0, window.windowRows.lowerBound)...min(backward.gradient.shape[0] - 1, window.windowRows.upperBound)
            let cols = max(0, window.windowColumns.lowerBound)...min(columns - 1, window.windowColumns.upperBound)
            layout.gradient.outline(rows: rows, columns: cols, on: canvas, theme.highlight, lineWidth: 3, dash: [8, 5])
        }

        // ∂L/∂y first (on an opaque ground, its fills are translucent), then the arrows over it,
        // so each route visibly leaves its own source cell.
        canvas.fillRect(x: layout.upstream.x, y: layout.upstream.y, width: layout.upstream.width,
                        height: layout.upstream.height, theme.cellFill)
        layout.upstream.draw(on: canvas, label: "upstream ∂L/∂y") { r, c in
            let index = r * upColumns + c
            let text = Notation.number(backward.upstream[r, c], decimals: decimals, keepSmall: true)
            if stepIndex == nil { return CellStyle(fill: color(index).withAlpha(0.25), text: text) }
            if index == stepIndex { return CellStyle(fill: theme.current.withAlpha(0.28), text: text, bold: true) }
            return CellStyle(fill: index < (stepIndex ?? 0) ? theme.doneFill(0.14) : nil, text: text)
        }
        if let current {
            layout.upstream.outline(rows: current.row...current.row, columns: current.column...current.column,
                                    on: canvas, theme.current, lineWidth: 4)
        }

        // Arrows from each routed cell of ∂L/∂y to where its gradient lands.
        let routed = stepIndex.map { [($0, backward.steps[$0])] } ?? Array(backward.steps.enumerated())
        for (index, step) in routed {
            let arrowColor = stepIndex == nil ? color(index) : theme.highlight
            let from = layout.upstream.cellCenter(step.row, step.column)
            // A dot on the source cell, beside its number, where every route of that cell starts.
            let start = (from.0 + layout.upstream.cellSize * 0.3, from.1 - layout.upstream.cellSize * 0.3)
            canvas.circle(center: start, radius: 5, fill: arrowColor, stroke: nil)
            for target in step.targets where !target.isPadding {
                let to = layout.gradient.cellCenter(target.row, target.column)
                let dx = to.0 - start.0, dy = to.1 - start.1
                let length = (dx * dx + dy * dy).squareRoot()
                guard length > 1 else { continue }
                let stop = min(layout.gradient.cellSize * 0.3, length / 2)
                let end = (to.0 - dx / length * stop, to.1 - dy / length * stop)
                canvas.arrow(from: start, to: end, arrowColor.withAlpha(stepIndex == nil ? 0.75 : 0.9),
                             lineWidth: stepIndex == nil ? 2 : 3, headLength: 12)
            }
        }

        let caption: [String]
        if let current {
            caption = [current.text(decimals: decimals)]
        } else {
            var sums = "Σ ∂L/∂y = \(Notation.number(backward.upstreamSum, decimals: decimals, keepSmall: true)), Σ ∂L/∂x = \(Notation.number(backward.gradientSum, decimals: decimals, keepSmall: true))"
            if backward.droppedOnPadding != 0 {
                sums += " (\(Notation.number(backward.droppedOnPadding, decimals: decimals, keepSmall: true)) fell on padding)"
            }
            caption = [trace.op == .avg ? "each gradient is shared evenly by its window's counted cells" :
                        "each gradient goes whole to its window's winner; overlapping windows add up", sums]
        }
        Caption.lines(caption, on: canvas, width: layout.width, bottom: layout.height - 45, size: 24)
    }
}

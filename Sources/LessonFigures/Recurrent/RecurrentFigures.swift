import Foundation
import LessonCore

/// The figures of the recurrent lessons: the network unrolled through time with its numbers,
/// one frame per forward step, one per backward step (the gradient flowing right to left, the
/// truncation window shaded), the LSTM cell per step, and the vanishing-gradient plot.
/// Everything is read from the traces.
public enum RecurrentFigures {
    /// Where the boxes of the unrolled network sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        /// The x of column t = 0 … T (columns outside `shown` lie off the slide and are not drawn).
        public var columns: [Double]
        /// The rows of ŷ, s and x.
        public var outputY: Double
        public var stateY: Double
        public var inputY: Double
        /// The width of a box.
        public var boxWidth: Double
        /// The heights of the boxes of the rows ŷ, s and x: a name line and a line per number.
        public var outputHeight: Double
        public var stateHeight: Double
        public var inputHeight: Double
        /// The most lines of numbers a box holds: a longer vector shows its first `lines − 1`
        /// numbers and how many more (see `cutNote`).
        public var lines: Int
        /// The steps drawn: all of 1 … T, or a window of `maximumShownSteps` when T is larger
        /// (their boxes would be too narrow for their numbers); the column left of the first is
        /// the state the window starts from.
        public var shown: ClosedRange<Int> = 1...1
        /// Whether only a window of the steps is drawn.
        public var isWindow: Bool = false

        /// The room between the ŷ row and the s row, and between the s row and the x row.
        public var upperGap: Double { (stateY - stateHeight / 2) - (outputY + outputHeight / 2) }
        public var lowerGap: Double { (inputY - inputHeight / 2) - (stateY + stateHeight / 2) }

        /// The box of row `row` in column `t`.
        public func frame(_ t: Int, _ row: Row) -> BoxFrame {
            switch row {
            case .output: BoxFrame(center: (columns[t], outputY), width: boxWidth, height: outputHeight)
            case .state: BoxFrame(center: (columns[t], stateY), width: boxWidth, height: stateHeight)
            case .input: BoxFrame(center: (columns[t], inputY), width: boxWidth, height: inputHeight)
            }
        }
    }

    /// The rows of the unrolled network.
    public enum Row: Sendable { case output, state, input }

    /// How many numbers the vectors of each row hold: o outputs, h hidden units, n inputs.
    public struct VectorSizes: Sendable {
        public var output: Int, state: Int, input: Int
        public init(output: Int, state: Int, input: Int) {
            self.output = output
            self.state = state
            self.input = input
        }

        /// The sizes of a network's vectors.
        public init(_ network: RecurrentNetwork) {
            self.init(output: network.V.rows, state: network.W.rows, input: network.U.columns)
        }
    }

    /// The most steps drawn on one slide: more would make the boxes too narrow for their numbers.
    public static let maximumShownSteps = 4

    /// The smallest text of the recurrent figures at 1280×720, read from the back of a hall.
    static let textSize = 18.0

    /// The band the rows of boxes share: from the top of the ŷ row to the bottom of the x row,
    /// leaving room for the title and the note above and the captions below (which with
    /// `--text-scale` need more: the band ends 60 px higher per unit of scale).
    static let rowsTop = 130.0, rowsBottom = 560.0
    /// The gaps between rows, which hold the arrows and their U and V labels.
    static let smallestRowGap = 26.0, largestRowGap = 70.0

    /// The layout for T steps on a 1280 × 720 slide, with the step `current` in view (nil: the
    /// last steps, where the loss is); the rows are as tall as their vectors need, and when the
    /// three do not fit one above another every box holds fewer lines (with `--text-scale` the
    /// boxes grow with their text; past what the slide holds, the rows come closer).
    public static func layout(steps: Int, current: Int? = nil, backward: Bool = false,
                              sizes: VectorSizes = VectorSizes(output: 1, state: 2, input: 1), textScale: Double = 1) -> Layout {
        let shownCount = min(max(steps, 1), maximumShownSteps)
        let latest = max(1, steps - shownCount + 1)
        let first: Int
        if let current {
            // Forward: the steps leading to t; backward: t and the steps its gradient came from.
            first = min(max(1, backward ? current - 1 : current - shownCount + 1), latest)
        } else {
            first = latest
        }
        let left = 116.0, right = 1164.0
        let step = (right - left) / Double(shownCount)
        let columns = (0...max(steps, 0)).map { t in left + Double(t - (first - 1)) * step + (t < first - 1 ? -2000 : 0) }
        let counts = [sizes.output, sizes.state, sizes.input]
        let band = rowsBottom - 60 * (textScale - 1) - rowsTop
        var lines = max(counts.max() ?? 1, 1)
        func heights(_ lines: Int) -> [Double] { counts.map { boxHeight(lines: Self.lines(for: $0, maximum: lines), textScale: textScale) } }
        while lines > 2 && heights(lines).reduce(0, +) + 2 * smallestRowGap > band { lines -= 1 }
        let h = heights(lines)
        // At a larger text scale a gap keeps the room its label (U, V: 22 px) had at text scale 1,
        // so the label is not drawn smaller; the rows then reach a few px lower.
        let least = textScale > 1
            ? max(22, min(1.1 * 22 + 2, layout(steps: steps, current: current, backward: backward, sizes: sizes).upperGap)) : 22
        let gap = max(least, min(largestRowGap, (band - h.reduce(0, +)) / 2))
        let outputY = rowsTop + h[0] / 2, stateY = rowsTop + h[0] + gap + h[1] / 2
        return Layout(columns: columns, outputY: outputY, stateY: stateY, inputY: stateY + h[1] / 2 + gap + h[2] / 2,
                      boxWidth: min(196, step * 0.75), outputHeight: h[0], stateHeight: h[1], inputHeight: h[2], lines: lines,
                      shown: first...(first + shownCount - 1), isWindow: shownCount < steps)
    }

    /// A note under the title: 20 px (or as small as 18 px to fit the width) at y 82, or just
    /// under the title when `--text-scale` makes the title taller.
    static func noteUnderTitle(_ note: String, on canvas: Canvas) {
        let scale = canvas.textScale
        let size = fitted(note, size: 20, floor: textSize, maxWidth: 1220, on: canvas)
        let y = scale > 1 ? 42 + 0.55 * 30 * scale + 0.55 * size * scale + 2 : 82
        canvas.text(note, x: 640, y: y, size: size, canvas.theme.muted)
    }

    /// The size of a label in the gap between two rows: `size`, or smaller so its text fits a
    /// `gap` shrunk by `--text-scale`, never under 18 px as drawn nor under its size at text
    /// scale 1, where the gap was `unscaledGap` (the label's plate then reaches a little past it).
    static func gapLabelSize(_ size: Double, gap: Double, unscaledGap: Double, on canvas: Canvas) -> Double {
        let scale = canvas.textScale
        return canvas.atLeastUnscaled(max(textSize / scale, min(size, (gap - 2) / (1.1 * scale))),
                                      max(textSize, min(size, (unscaledGap - 2) / 1.1)))
    }

    /// The y of the loss label Eₜ over a ŷ box whose top is at `top`: 4 px above it.
    static func lossLabelY(_ top: Double, on canvas: Canvas) -> Double { top - 4 - 0.55 * textSize * canvas.textScale }

    /// The sentence a figure that could not show everything draws under its title: which steps
    /// are shown of a long sequence, how many numbers of a long vector.
    static func windowNote(_ layout: Layout, steps: Int, longest: Int, backward: Bool = false, on canvas: Canvas) {
        let last = layout.shown.upperBound
        let arriving = backward && last < steps ? " (the gradient arrives from step \(last + 1))" : ""
        let cut = longest > layout.lines
        let note: String
        switch (layout.isWindow, cut) {
        case (false, false): return
        case (true, false): note = "\(steps) steps do not fit at projector size: steps \(layout.shown.lowerBound)–\(last) shown" + arriving
        case (false, true): note = cutNote(longest: longest, lines: layout.lines) ?? ""
        case (true, true):
            note = "\(steps) steps and vectors of \(longest) numbers do not fit at projector size: steps \(layout.shown.lowerBound)–\(last) and \(firstNumbers(layout.lines - 1)) of each shown" + arriving
        }
        noteUnderTitle(note, on: canvas)
    }

    /// Caption lines drawn at the foot of the slide at `size` (18 px when that many do not fit
    /// at `size`), wrapped so none shrinks under 18 px, the first line's text below `top`;
    /// `fewer` gives shorter lists (nil: none) for when they still do not fit, and past those
    /// only the last lines that fit are drawn.
    static func footCaption(_ lines: [String], size: Double, top: Double, bottom: Double = 690, on canvas: Canvas,
                            fewer: ((Int) -> [String]?)? = nil) {
        var lines = lines, attempt = 1
        while true {
            for candidate in [size, textSize] {
                let wrapped = wrapped(lines, size: textSize, on: canvas)
                let first = bottom - captionPitch(candidate, on: canvas) * Double(wrapped.count - 1)
                if first - 0.55 * candidate * canvas.textScale >= top {
                    drawCaption(wrapped, size: candidate, bottom: bottom, on: canvas)
                    return
                }
            }
            guard let shorter = fewer?(attempt) else {
                // Still too many: the last whole lines that fit, or none rather than a piece of one
                // (the text output has them all).
                let pitch = captionPitch(textSize, on: canvas)
                let room = max(1, Int(((bottom - 0.55 * textSize * canvas.textScale - top) / pitch).rounded(.down)) + 1)
                let kept = (1...max(1, lines.count)).reversed().lazy.map { wrapped(Array(lines.suffix($0)), size: textSize, on: canvas) }
                    .first { $0.count <= room } ?? []
                drawCaption(kept, size: textSize, bottom: bottom, on: canvas)
                return
            }
            lines = shorter
            attempt += 1
        }
    }

    /// The distance between two caption lines of `size`: 1.45 lines, of the text as drawn.
    static func captionPitch(_ size: Double, on canvas: Canvas) -> Double { size * 1.45 * canvas.textScale }

    /// `lines` centred at the foot of the slide, the last at `bottom`, `captionPitch` apart.
    static func drawCaption(_ lines: [String], size: Double, bottom: Double, on canvas: Canvas) {
        let pitch = captionPitch(size, on: canvas)
        for (index, line) in lines.enumerated() {
            Caption.lines([line], on: canvas, width: 1280, bottom: bottom - pitch * Double(lines.count - 1 - index), size: size)
        }
    }

    /// The rnn lesson's figures: `unrolled`, `forward-step-t`, `backward-step-k`, truncated
    /// `truncation-windows` (every loss term's window; the backward frames shade the last term's),
    /// `vanishing-gradient`.
    public static func rnn(network: RecurrentNetwork, forward: RNNForwardTrace, backward: BPTTTrace,
                           vanishing: [(label: String, gradient: VanishingGradient)]) -> [Figure] {
        let steps = forward.steps.count
        var figures = [Figure(name: "unrolled", description: "The recurrent network unrolled over \(steps) step\(steps == 1 ? "" : "s"): every x⁽ᵗ⁾, s⁽ᵗ⁾ and ŷ⁽ᵗ⁾ with its numbers, U, W and V on the arrows; E = \(Notation.number(forward.loss, decimals: 6)).") { canvas in
            drawForward(network: network, forward: forward, current: nil, on: canvas)
        }]
        for t in 1...steps {
            let step = forward.steps[t - 1]
            figures.append(Figure(name: "forward-step-\(t)", description: "Forward step \(t) of \(steps): z⁽\(NetworkNotation.raised(t))⁾ = W s⁽\(NetworkNotation.raised(t - 1))⁾ + U x⁽\(NetworkNotation.raised(t))⁾ + b = \(vector(step.preActivation)), s⁽\(NetworkNotation.raised(t))⁾ = \(vector(step.state)).", step: t) { canvas in
                drawForward(network: network, forward: forward, current: t, on: canvas)
            })
        }
        for k in stride(from: steps, through: 1, by: -1) {
            let index = steps - k + 1
            figures.append(Figure(name: "backward-step-\(index)", description: "Backward step \(index) of \(steps): ∂E/∂s⁽\(NetworkNotation.raised(k))⁾ = \(vector(backward.stateGradients[k - 1])) flows right to left through Wᵀ and φ₁′\(backward.truncation.map { "; the shaded window holds the last \($0) step\($0 == 1 ? "" : "s") truncated BPTT keeps for the last loss term" } ?? "").", step: steps + index) { canvas in
                drawBackward(network: network, forward: forward, backward: backward, current: k, on: canvas)
            })
        }
        if let k = backward.truncation {
            figures.append(truncationWindows(backward.chains.map(TruncationChain.init), steps: steps, truncation: k,
                                             units: network.hiddenUnits, lesson: "Recurrent network", held: "s"))
        }
        if !vanishing.isEmpty { figures.append(vanishingPlot(vanishing)) }
        return figures
    }

    /// A vector as the figures write it: three decimals, or two significant digits below 0.01
    /// (so a vanishing gradient still shows its size).
    static func vector(_ v: [Double], decimals: Int = 3) -> String {
        "(" + v.map { number($0, decimals: decimals) }.joined(separator: ", ") + ")"
    }

    static func number(_ value: Double, decimals: Int = 3) -> String {
        guard value != 0, abs(value) < 0.01, value.isFinite else { return Notation.number(value, decimals: decimals) }
        return Typography.scientific(value, decimals: 1)
    }

    private static func drawForward(network: RecurrentNetwork, forward: RNNForwardTrace, current: Int?, on canvas: Canvas) {
        let theme = canvas.theme, steps = forward.steps.count, sizes = VectorSizes(network)
        let layout = layout(steps: steps, current: current, sizes: sizes, textScale: canvas.textScale)
        let unscaled = canvas.textScale > 1 ? Self.layout(steps: steps, current: current, sizes: sizes) : layout
        let heading = current.map { " · forward step \($0) of \(steps)" } ?? " · unrolled through time"
        Caption.title("Recurrent network" + heading, on: canvas, width: 1280)
        windowNote(layout, steps: steps, longest: max(sizes.output, sizes.state, sizes.input), on: canvas)
        let halfW = layout.boxWidth / 2
        let outputBottom = layout.outputY + layout.outputHeight / 2, stateTop = layout.stateY - layout.stateHeight / 2
        let stateBottom = layout.stateY + layout.stateHeight / 2, inputTop = layout.inputY - layout.inputHeight / 2
        let shown = { (t: Int) in current.map { t <= $0 } ?? true }
        for t in layout.shown {
            let x = layout.columns[t], previous = layout.columns[t - 1]
            let color = shown(t) ? theme.foreground : theme.gridLine
            canvas.arrow(from: (previous + halfW, layout.stateY), to: (x - halfW, layout.stateY), color, lineWidth: 2)
            canvas.arrow(from: (x, inputTop), to: (x, stateBottom), color, lineWidth: 2)
            canvas.arrow(from: (x, stateTop), to: (x, outputBottom), color, lineWidth: 2)
            if t == layout.shown.lowerBound || current == t {
                canvas.plateLabel("W", x: (previous + x) / 2, y: layout.stateY - 18, size: 22, theme.muted, background: theme.background, weight: .bold)
                canvas.plateLabel("U", x: x + 20, y: (inputTop + stateBottom) / 2, size: gapLabelSize(22, gap: inputTop - stateBottom, unscaledGap: unscaled.lowerGap, on: canvas),
                                  theme.muted, background: theme.background, weight: .bold)
                canvas.plateLabel("V", x: x + 20, y: (outputBottom + stateTop) / 2, size: gapLabelSize(22, gap: stateTop - outputBottom, unscaledGap: unscaled.upperGap, on: canvas),
                                  theme.muted, background: theme.background, weight: .bold)
            }
        }
        startBox(forward, layout: layout, on: canvas)
        for step in forward.steps where layout.shown.contains(step.t) {
            let t = step.t
            let fill: Color = current == t ? theme.current.withAlpha(0.25) : (shown(t) ? theme.done.withAlpha(0.18) : theme.background)
            valueBox("x⁽\(NetworkNotation.raised(t))⁾", [step.input], frame: layout.frame(t, .input), lines: layout.lines, fill: theme.padding, on: canvas)
            valueBox("s⁽\(NetworkNotation.raised(t))⁾", shown(t) ? [step.state] : nil, frame: layout.frame(t, .state), lines: layout.lines, fill: fill, on: canvas)
            valueBox("ŷ⁽\(NetworkNotation.raised(t))⁾", shown(t) ? [step.output] : nil, frame: layout.frame(t, .output), lines: layout.lines, fill: fill, on: canvas)
            if let loss = step.loss, shown(t) {
                canvas.text("E\(NetworkNotation.lowered(t)) = \(Notation.number(loss, decimals: 4))", x: layout.columns[t], y: lossLabelY(layout.outputY - layout.outputHeight / 2, on: canvas),
                            size: textSize, theme.negative, weight: .bold)
            }
        }
        var lines: [String] = []
        if let t = current {
            let step = forward.steps[t - 1]
            lines.append("z⁽\(NetworkNotation.raised(t))⁾ = W s⁽\(NetworkNotation.raised(t - 1))⁾ + U x⁽\(NetworkNotation.raised(t))⁾ + b = \(vector(step.recurrent)) + \(vector(step.fromInput)) + \(vector(network.b)) = \(vector(step.preActivation))")
            lines.append("s⁽\(NetworkNotation.raised(t))⁾ = \(network.hiddenActivation.symbol)(z⁽\(NetworkNotation.raised(t))⁾) = \(vector(step.state)),  ŷ⁽\(NetworkNotation.raised(t))⁾ = \(network.outputActivation.symbol)(V s⁽\(NetworkNotation.raised(t))⁾ + c) = \(vector(step.output))")
        } else {
            lines.append("s⁽ᵗ⁾ = \(network.hiddenActivation.symbol)(W s⁽ᵗ⁻¹⁾ + U x⁽ᵗ⁾ + b),  ŷ⁽ᵗ⁾ = \(network.outputActivation.symbol)(V s⁽ᵗ⁾ + c),  E = \(Notation.number(forward.loss, decimals: 6))")
            lines.append("W = \(Notation.inlineMatrix(network.W, decimals: 3)),  U = \(Notation.inlineMatrix(network.U, decimals: 3)),  V = \(Notation.inlineMatrix(network.V, decimals: 3))")
        }
        footCaption(lines, size: 20, top: layout.inputY + layout.inputHeight / 2 + 20, bottom: 665, on: canvas)
    }

    /// The state the drawn steps start from: s⁽⁰⁾, or the state before a window's first step.
    private static func startBox(_ forward: RNNForwardTrace, layout: Layout, on canvas: Canvas) {
        let t = layout.shown.lowerBound - 1
        let values = t == 0 ? forward.initialState : forward.steps[t - 1].state
        valueBox("s⁽\(NetworkNotation.raised(t))⁾", [values], frame: layout.frame(t, .state), lines: layout.lines,
                 fill: canvas.theme.padding, on: canvas)
    }

    private static func drawBackward(network: RecurrentNetwork, forward: RNNForwardTrace, backward: BPTTTrace, current: Int,
                                     on canvas: Canvas) {
        let theme = canvas.theme, steps = forward.steps.count, sizes = VectorSizes(network)
        let layout = layout(steps: steps, current: current, backward: true, sizes: sizes, textScale: canvas.textScale)
        let unscaled = canvas.textScale > 1 ? Self.layout(steps: steps, current: current, backward: true, sizes: sizes) : layout
        Caption.title("Recurrent network · backward step \(steps - current + 1) of \(steps): ∂E/∂s⁽ᵗ⁾ flows right to left", on: canvas, width: 1280)
        windowNote(layout, steps: steps, longest: max(sizes.output, sizes.state, sizes.input), backward: true, on: canvas)
        let halfW = layout.boxWidth / 2
        let top = layout.outputY - layout.outputHeight / 2, bottom = layout.inputY + layout.inputHeight / 2
        let outputBottom = layout.outputY + layout.outputHeight / 2, stateTop = layout.stateY - layout.stateHeight / 2
        var captionTop = bottom + 20
        if let k = backward.truncation {
            // The window truncated BPTT keeps for the last loss term: s⁽ᵀ⁾ … s⁽ᵀ⁻ᴷ⁺¹⁾.
            let first = max(1, steps - k + 1, layout.shown.lowerBound), last = min(steps, layout.shown.upperBound)
            let x0 = max(4, layout.columns[first] - halfW - 12), x1 = min(1276, layout.columns[last] + halfW + 12)
            let shadeTop = lossLabelY(top, on: canvas) - 9.9 * canvas.textScale - 6
            canvas.fillRect(x: x0, y: shadeTop, width: x1 - x0, height: bottom + 14 - shadeTop, theme.highlight.withAlpha(0.12))
            canvas.strokeRect(x: x0, y: shadeTop, width: x1 - x0, height: bottom + 14 - shadeTop, theme.highlight, lineWidth: 2)
            if first <= last {
                let label = "truncation window K = \(k)"
                let half = canvas.textWidth(label, size: textSize, weight: .bold) / 2 + 8
                canvas.text(label, x: min(max((x0 + x1) / 2, half), 1280 - half), y: bottom + 26 * canvas.textScale, size: textSize,
                            theme.highlight, weight: .bold)
                captionTop = bottom + 36 * canvas.textScale + 8
            }
        }
        for t in layout.shown {
            let x = layout.columns[t], previous = layout.columns[t - 1]
            let reached = t > current
            canvas.arrow(from: (x - halfW, layout.stateY), to: (previous + halfW, layout.stateY),
                         reached ? theme.negative : theme.gridLine, lineWidth: reached ? 3 : 2)
            canvas.arrow(from: (x, outputBottom), to: (x, stateTop), forward.steps[t - 1].loss == nil ? theme.gridLine : theme.negative, lineWidth: 2)
            if reached && (steps <= 6 || t == current + 1) {
                let size = gapLabelSize(textSize, gap: stateTop - outputBottom - 2, unscaledGap: unscaled.upperGap - 2, on: canvas)
                canvas.plateLabel("Wᵀδ⁽\(NetworkNotation.raised(t))⁾", x: (previous + x) / 2, y: stateTop - 4 - 0.55 * size * canvas.textScale, size: size, theme.negative,
                                  background: theme.background, weight: .bold)
            }
        }
        startBox(forward, layout: layout, on: canvas)
        for step in forward.steps where layout.shown.contains(step.t) {
            let t = step.t
            let done = t >= current
            let fill: Color = t == current ? theme.highlight.withAlpha(0.3) : (done ? theme.highlight.withAlpha(0.12) : theme.background)
            valueBox("x⁽\(NetworkNotation.raised(t))⁾", [step.input], frame: layout.frame(t, .input), lines: layout.lines, fill: theme.padding, on: canvas)
            valueBox("∂E/∂s⁽\(NetworkNotation.raised(t))⁾", done ? [backward.stateGradients[t - 1]] : nil, frame: layout.frame(t, .state), lines: layout.lines,
                     fill: fill, on: canvas)
            valueBox("ŷ⁽\(NetworkNotation.raised(t))⁾", [step.output], frame: layout.frame(t, .output), lines: layout.lines, fill: theme.padding, on: canvas)
            if step.loss != nil {
                canvas.text("E\(NetworkNotation.lowered(t))", x: layout.columns[t], y: lossLabelY(top, on: canvas), size: textSize, theme.negative, weight: .bold)
            }
        }
        // The last loss terms' links at this step: three, or fewer when their sums do not fit.
        func lines(_ count: Int) -> [String] {
            var lines: [String] = []
            for chain in backward.chains.suffix(count) {
                guard let link = chain.links.first(where: { $0.step == current }) else { continue }
                lines.append("E\(NetworkNotation.lowered(chain.lossStep)): δ⁽\(NetworkNotation.raised(current))⁾ = ∂E\(NetworkNotation.lowered(chain.lossStep))/∂s⁽\(NetworkNotation.raised(current))⁾ ∘ φ₁′ = \(vector(link.stateGradient)) ∘ \(vector(link.derivative)) = \(vector(link.delta))\(link.kept ? "" : "  [cut by truncation]")")
            }
            if backward.chains.count > count { lines.insert(count == 1 ? "(the last loss term shown)" : "(the last \(count) loss terms shown)", at: 0) }
            lines.append("adds δ⁽ᵏ⁾s⁽ᵏ⁻¹⁾ᵀ to ∂E/∂W, δ⁽ᵏ⁾x⁽ᵏ⁾ᵀ to ∂E/∂U, δ⁽ᵏ⁾ to ∂E/∂b")
            return lines
        }
        let most = min(3, backward.chains.count)
        footCaption(lines(most), size: textSize, top: captionTop, on: canvas) { attempt in
            most - attempt >= 1 ? lines(most - attempt) : nil
        }
    }
}

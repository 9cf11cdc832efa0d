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
        /// The size of a box.
        public var boxWidth: Double
        public var boxHeight: Double
        /// The steps drawn: all of 1 … T, or a window of `maximumShownSteps` when T is larger
        /// (their boxes would be too narrow for 18 px numbers); the column left of the first is
        /// the state the window starts from.
        public var shown: ClosedRange<Int> = 1...1
        /// Whether only a window of the steps is drawn.
        public var isWindow: Bool = false
    }

    /// The most steps drawn on one slide: more would make the boxes too narrow for 18 px numbers.
    public static let maximumShownSteps = 4

    /// The smallest text of the recurrent figures at 1280×720, read from the back of a hall.
    static let textSize = 18.0

    /// The layout for T steps on a 1280 × 720 slide, with the step `current` in view (nil: the
    /// last steps, where the loss is).
    public static func layout(steps: Int, current: Int? = nil, backward: Bool = false) -> Layout {
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
        return Layout(columns: columns, outputY: 190, stateY: 345, inputY: 500, boxWidth: min(196, step * 0.75), boxHeight: 80,
                      shown: first...(first + shownCount - 1), isWindow: shownCount < steps)
    }

    /// The sentence a windowed figure shows under its title.
    static func windowNote(_ layout: Layout, steps: Int, backward: Bool = false, on canvas: Canvas) {
        guard layout.isWindow else { return }
        let last = layout.shown.upperBound
        let arriving = backward && last < steps ? " (the gradient arrives from step \(last + 1))" : ""
        canvas.text("\(steps) steps do not fit at projector size: steps \(layout.shown.lowerBound)–\(last) shown" + arriving,
                    x: 640, y: 82, size: 20, canvas.theme.muted)
    }

    /// The rnn lesson's figures: `unrolled`, `forward-step-t`, `backward-step-k`, `vanishing-gradient`.
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
        return Typography.trueMinus(String(format: "%.1e", value))
    }

    /// A box with a name above its numbers; in a narrow box up to four numbers stack one per line.
    static func valueBox(_ name: String, _ values: [Double]?, center: (Double, Double), layout: Layout, fill: Color, on canvas: Canvas) {
        let theme = canvas.theme
        let text = values.map { vector($0) }
        let stacked = values.map { (2...4).contains($0.count) && canvas.textWidth(text ?? "", size: textSize) > layout.boxWidth - 10 } ?? false
        let height = stacked ? max(layout.boxHeight, 30 + Double(values?.count ?? 0) * 24) : layout.boxHeight
        canvas.box(x: center.0 - layout.boxWidth / 2, y: center.1 - height / 2, width: layout.boxWidth,
                   height: height, fill: fill, stroke: theme.gridLine)
        let nameSize = max(textSize, canvas.fittingSize(name, size: 20, maxWidth: layout.boxWidth - 8, weight: .bold))
        guard let values, let text else {
            canvas.text(name, x: center.0, y: center.1, size: nameSize, theme.muted, weight: .bold)
            return
        }
        if stacked {
            // The name on the top line, one number a line under it.
            canvas.text(name, x: center.0, y: center.1 - height / 2 + 15, size: textSize, theme.muted, weight: .bold)
            for (i, value) in values.enumerated() {
                canvas.text(number(value), x: center.0, y: center.1 - height / 2 + 40 + 24 * Double(i), size: textSize, theme.foreground)
            }
            return
        }
        canvas.text(name, x: center.0, y: center.1 - layout.boxHeight * 0.22, size: nameSize, theme.muted, weight: .bold)
        let size = max(textSize, canvas.fittingSize(text, size: 20, maxWidth: layout.boxWidth - 10))
        canvas.text(text, x: center.0, y: center.1 + layout.boxHeight * 0.2, size: size, theme.foreground)
    }

    private static func drawForward(network: RecurrentNetwork, forward: RNNForwardTrace, current: Int?, on canvas: Canvas) {
        let theme = canvas.theme, steps = forward.steps.count
        let layout = layout(steps: steps, current: current)
        let heading = current.map { " · forward step \($0) of \(steps)" } ?? " · unrolled through time"
        Caption.title("Recurrent network" + heading, on: canvas, width: 1280)
        windowNote(layout, steps: steps, on: canvas)
        let halfW = layout.boxWidth / 2, halfH = layout.boxHeight / 2
        let shown = { (t: Int) in current.map { t <= $0 } ?? true }
        for t in layout.shown {
            let x = layout.columns[t], previous = layout.columns[t - 1]
            let color = shown(t) ? theme.foreground : theme.gridLine
            canvas.arrow(from: (previous + halfW, layout.stateY), to: (x - halfW, layout.stateY), color, lineWidth: 2)
            canvas.arrow(from: (x, layout.inputY - halfH), to: (x, layout.stateY + halfH), color, lineWidth: 2)
            canvas.arrow(from: (x, layout.stateY - halfH), to: (x, layout.outputY + halfH), color, lineWidth: 2)
            if t == layout.shown.lowerBound || current == t {
                canvas.plateLabel("W", x: (previous + x) / 2, y: layout.stateY - 18, size: 22, theme.muted, background: theme.background, weight: .bold)
                canvas.plateLabel("U", x: x + 20, y: (layout.inputY + layout.stateY) / 2, size: 22, theme.muted, background: theme.background, weight: .bold)
                canvas.plateLabel("V", x: x + 20, y: (layout.outputY + layout.stateY) / 2, size: 22, theme.muted, background: theme.background, weight: .bold)
            }
        }
        startBox(forward, layout: layout, on: canvas)
        for step in forward.steps where layout.shown.contains(step.t) {
            let t = step.t, x = layout.columns[t]
            let fill: Color = current == t ? theme.current.withAlpha(0.25) : (shown(t) ? theme.done.withAlpha(0.18) : theme.background)
            valueBox("x⁽\(NetworkNotation.raised(t))⁾", step.input, center: (x, layout.inputY), layout: layout, fill: theme.padding, on: canvas)
            valueBox("s⁽\(NetworkNotation.raised(t))⁾", shown(t) ? step.state : nil, center: (x, layout.stateY), layout: layout, fill: fill, on: canvas)
            valueBox("ŷ⁽\(NetworkNotation.raised(t))⁾", shown(t) ? step.output : nil, center: (x, layout.outputY), layout: layout, fill: fill, on: canvas)
            if let loss = step.loss, shown(t) {
                canvas.text("E\(NetworkNotation.lowered(t)) = \(Notation.number(loss, decimals: 4))", x: x, y: layout.outputY - halfH - 20, size: textSize, theme.negative, weight: .bold)
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
        Caption.lines(lines, on: canvas, width: 1280, bottom: 665, size: 20)
    }

    /// The state the drawn steps start from: s⁽⁰⁾, or the state before a window's first step.
    private static func startBox(_ forward: RNNForwardTrace, layout: Layout, on canvas: Canvas) {
        let t = layout.shown.lowerBound - 1
        let values = t == 0 ? forward.initialState : forward.steps[t - 1].state
        valueBox("s⁽\(NetworkNotation.raised(t))⁾", values, center: (layout.columns[t], layout.stateY), layout: layout,
                 fill: canvas.theme.padding, on: canvas)
    }

    private static func drawBackward(network: RecurrentNetwork, forward: RNNForwardTrace, backward: BPTTTrace, current: Int,
                                     on canvas: Canvas) {
        let theme = canvas.theme, steps = forward.steps.count
        let layout = layout(steps: steps, current: current, backward: true)
        Caption.title("Recurrent network · backward step \(steps - current + 1) of \(steps): ∂E/∂s⁽ᵗ⁾ flows right to left", on: canvas, width: 1280)
        windowNote(layout, steps: steps, backward: true, on: canvas)
        let halfW = layout.boxWidth / 2, halfH = layout.boxHeight / 2
        if let k = backward.truncation {
            // The window truncated BPTT keeps for the last loss term: s⁽ᵀ⁾ … s⁽ᵀ⁻ᴷ⁺¹⁾.
            let first = max(1, steps - k + 1, layout.shown.lowerBound), last = min(steps, layout.shown.upperBound)
            let x0 = max(4, layout.columns[first] - halfW - 12), x1 = min(1276, layout.columns[last] + halfW + 12)
            canvas.fillRect(x: x0, y: layout.outputY - halfH - 44, width: x1 - x0, height: layout.inputY - layout.outputY + layout.boxHeight + 58,
                            theme.highlight.withAlpha(0.12))
            canvas.strokeRect(x: x0, y: layout.outputY - halfH - 44, width: x1 - x0, height: layout.inputY - layout.outputY + layout.boxHeight + 58,
                              theme.highlight, lineWidth: 2)
            if first <= last {
                let label = "truncation window K = \(k)"
                let half = canvas.textWidth(label, size: textSize, weight: .bold) / 2 + 8
                canvas.text(label, x: min(max((x0 + x1) / 2, half), 1280 - half), y: layout.inputY + halfH + 28, size: textSize,
                            theme.highlight, weight: .bold)
            }
        }
        for t in layout.shown {
            let x = layout.columns[t], previous = layout.columns[t - 1]
            let reached = t > current
            canvas.arrow(from: (x - halfW, layout.stateY), to: (previous + halfW, layout.stateY),
                         reached ? theme.negative : theme.gridLine, lineWidth: reached ? 3 : 2)
            canvas.arrow(from: (x, layout.outputY + halfH), to: (x, layout.stateY - halfH), forward.steps[t - 1].loss == nil ? theme.gridLine : theme.negative, lineWidth: 2)
            if reached && (steps <= 6 || t == current + 1) {
                canvas.plateLabel("Wᵀδ⁽\(NetworkNotation.raised(t))⁾", x: (previous + x) / 2, y: layout.stateY - halfH - 14, size: textSize, theme.negative,
                                  background: theme.background, weight: .bold)
            }
        }
        startBox(forward, layout: layout, on: canvas)
        for step in forward.steps where layout.shown.contains(step.t) {
            let t = step.t, x = layout.columns[t]
            let done = t >= current
            let fill: Color = t == current ? theme.highlight.withAlpha(0.3) : (done ? theme.highlight.withAlpha(0.12) : theme.background)
            valueBox("x⁽\(NetworkNotation.raised(t))⁾", step.input, center: (x, layout.inputY), layout: layout, fill: theme.padding, on: canvas)
            valueBox("∂E/∂s⁽\(NetworkNotation.raised(t))⁾", done ? backward.stateGradients[t - 1] : nil, center: (x, layout.stateY), layout: layout, fill: fill, on: canvas)
            valueBox("ŷ⁽\(NetworkNotation.raised(t))⁾", step.output, center: (x, layout.outputY), layout: layout, fill: theme.padding, on: canvas)
            if step.loss != nil {
                canvas.text("E\(NetworkNotation.lowered(t))", x: x, y: layout.outputY - halfH - 20, size: textSize, theme.negative, weight: .bold)
            }
        }
        var lines: [String] = []
        for chain in backward.chains.suffix(3) {
            guard let link = chain.links.first(where: { $0.step == current }) else { continue }
            lines.append("E\(NetworkNotation.lowered(chain.lossStep)): δ⁽\(NetworkNotation.raised(current))⁾ = ∂E\(NetworkNotation.lowered(chain.lossStep))/∂s⁽\(NetworkNotation.raised(current))⁾ ∘ φ₁′ = \(vector(link.stateGradient)) ∘ \(vector(link.derivative)) = \(vector(link.delta))\(link.kept ? "" : "  [cut by truncation]")")
        }
        if backward.chains.count > 3 { lines.insert("(the last 3 loss terms shown)", at: 0) }
        lines.append("adds δ⁽ᵏ⁾s⁽ᵏ⁻¹⁾ᵀ to ∂E/∂W, δ⁽ᵏ⁾x⁽ᵏ⁾ᵀ to ∂E/∂U, δ⁽ᵏ⁾ to ∂E/∂b")
        Caption.lines(lines, on: canvas, width: 1280, bottom: 690, size: 18)
    }
}

import Foundation
import LessonCore

/// The figures of the recurrent lessons: the network unrolled through time with its numbers,
/// one frame per forward step, one per backward step (the gradient flowing right to left, the
/// truncation window shaded), the LSTM cell per step, and the vanishing-gradient plot.
/// Everything is read from the traces.
public enum RecurrentFigures {
    /// Where the boxes of the unrolled network sit; public so tests can look at the right pixels.
    public struct Layout: Sendable {
        /// The x of column t = 0 … T.
        public var columns: [Double]
        /// The rows of ŷ, s and x.
        public var outputY: Double
        public var stateY: Double
        public var inputY: Double
        /// The size of a box.
        public var boxWidth: Double
        public var boxHeight: Double
    }

    /// The layout for T steps on a 1280 × 720 slide.
    public static func layout(steps: Int) -> Layout {
        let left = 110.0, right = 1170.0
        let step = (right - left) / Double(max(steps, 1))
        return Layout(columns: (0...steps).map { left + Double($0) * step }, outputY: 190, stateY: 345, inputY: 500,
                      boxWidth: min(150, step * 0.72), boxHeight: 66)
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

    /// A box with a name above its numbers; in a narrow box up to three numbers stack one per line.
    static func valueBox(_ name: String, _ values: [Double]?, center: (Double, Double), layout: Layout, fill: Color, on canvas: Canvas) {
        let theme = canvas.theme
        canvas.box(x: center.0 - layout.boxWidth / 2, y: center.1 - layout.boxHeight / 2, width: layout.boxWidth,
                   height: layout.boxHeight, fill: fill, stroke: theme.gridLine)
        let nameSize = canvas.fittingSize(name, size: 16, maxWidth: layout.boxWidth - 6, weight: .bold)
        guard let values else {
            canvas.text(name, x: center.0, y: center.1, size: nameSize, theme.muted, weight: .bold)
            return
        }
        let text = vector(values)
        if canvas.textWidth(text, size: 14) > layout.boxWidth - 8, (2...3).contains(values.count) {
            let lineHeight = (layout.boxHeight - 22) / Double(values.count)
            canvas.text(name, x: center.0, y: center.1 - layout.boxHeight / 2 + 11, size: min(nameSize, 13), theme.muted, weight: .bold)
            for (i, value) in values.enumerated() {
                let line = number(value)
                let size = canvas.fittingSize(line, size: min(14, lineHeight), maxWidth: layout.boxWidth - 8)
                canvas.text(line, x: center.0, y: center.1 - layout.boxHeight / 2 + 22 + lineHeight * (Double(i) + 0.5), size: size, theme.foreground)
            }
            return
        }
        canvas.text(name, x: center.0, y: center.1 - layout.boxHeight * 0.22, size: nameSize, theme.muted, weight: .bold)
        let size = canvas.fittingSize(text, size: 16, maxWidth: layout.boxWidth - 8)
        canvas.text(text, x: center.0, y: center.1 + layout.boxHeight * 0.2, size: size, theme.foreground)
    }

    private static func drawForward(network: RecurrentNetwork, forward: RNNForwardTrace, current: Int?, on canvas: Canvas) {
        let theme = canvas.theme, steps = forward.steps.count
        let layout = layout(steps: steps)
        let heading = current.map { " · forward step \($0) of \(steps)" } ?? " · unrolled through time"
        Caption.title("Recurrent network" + heading, on: canvas, width: 1280)
        let halfW = layout.boxWidth / 2, halfH = layout.boxHeight / 2
        let shown = { (t: Int) in current.map { t <= $0 } ?? true }
        for t in 1...steps {
            let x = layout.columns[t], previous = layout.columns[t - 1]
            let color = shown(t) ? theme.foreground : theme.gridLine
            canvas.arrow(from: (previous + halfW, layout.stateY), to: (x - halfW, layout.stateY), color, lineWidth: 2)
            canvas.arrow(from: (x, layout.inputY - halfH), to: (x, layout.stateY + halfH), color, lineWidth: 2)
            canvas.arrow(from: (x, layout.stateY - halfH), to: (x, layout.outputY + halfH), color, lineWidth: 2)
            if t == 1 || current == t {
                canvas.plateLabel("W", x: (previous + x) / 2, y: layout.stateY - 16, size: 16, theme.muted, background: theme.background, weight: .bold)
                canvas.plateLabel("U", x: x + 16, y: (layout.inputY + layout.stateY) / 2, size: 16, theme.muted, background: theme.background, weight: .bold)
                canvas.plateLabel("V", x: x + 16, y: (layout.outputY + layout.stateY) / 2, size: 16, theme.muted, background: theme.background, weight: .bold)
            }
        }
        valueBox("s⁽⁰⁾", forward.initialState, center: (layout.columns[0], layout.stateY), layout: layout,
                 fill: theme.padding, on: canvas)
        for step in forward.steps {
            let t = step.t, x = layout.columns[t]
            let fill: Color = current == t ? theme.current.withAlpha(0.25) : (shown(t) ? theme.done.withAlpha(0.18) : theme.background)
            valueBox("x⁽\(NetworkNotation.raised(t))⁾", step.input, center: (x, layout.inputY), layout: layout, fill: theme.padding, on: canvas)
            valueBox("s⁽\(NetworkNotation.raised(t))⁾", shown(t) ? step.state : nil, center: (x, layout.stateY), layout: layout, fill: fill, on: canvas)
            valueBox("ŷ⁽\(NetworkNotation.raised(t))⁾", shown(t) ? step.output : nil, center: (x, layout.outputY), layout: layout, fill: fill, on: canvas)
            if let loss = step.loss, shown(t) {
                canvas.text("E\(NetworkNotation.lowered(t)) = \(Notation.number(loss, decimals: 4))", x: x, y: layout.outputY - halfH - 20, size: 16, theme.negative, weight: .bold)
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

    private static func drawBackward(network: RecurrentNetwork, forward: RNNForwardTrace, backward: BPTTTrace, current: Int,
                                     on canvas: Canvas) {
        let theme = canvas.theme, steps = forward.steps.count
        let layout = layout(steps: steps)
        Caption.title("Recurrent network · backward step \(steps - current + 1) of \(steps): ∂E/∂s⁽ᵗ⁾ flows right to left", on: canvas, width: 1280)
        let halfW = layout.boxWidth / 2, halfH = layout.boxHeight / 2
        if let k = backward.truncation {
            // The window truncated BPTT keeps for the last loss term: s⁽ᵀ⁾ … s⁽ᵀ⁻ᴷ⁺¹⁾.
            let first = max(1, steps - k + 1)
            let x0 = layout.columns[first] - halfW - 14, x1 = layout.columns[steps] + halfW + 14
            canvas.fillRect(x: x0, y: layout.outputY - halfH - 44, width: x1 - x0, height: layout.inputY - layout.outputY + layout.boxHeight + 58,
                            theme.highlight.withAlpha(0.12))
            canvas.strokeRect(x: x0, y: layout.outputY - halfH - 44, width: x1 - x0, height: layout.inputY - layout.outputY + layout.boxHeight + 58,
                              theme.highlight, lineWidth: 2)
            canvas.text("truncation window K = \(k)", x: (x0 + x1) / 2, y: layout.inputY + halfH + 28, size: 16, theme.highlight, weight: .bold)
        }
        for t in 1...steps {
            let x = layout.columns[t], previous = layout.columns[t - 1]
            let reached = t > current
            canvas.arrow(from: (x - halfW, layout.stateY), to: (previous + halfW, layout.stateY),
                         reached ? theme.negative : theme.gridLine, lineWidth: reached ? 3 : 2)
            canvas.arrow(from: (x, layout.outputY + halfH), to: (x, layout.stateY - halfH), forward.steps[t - 1].loss == nil ? theme.gridLine : theme.negative, lineWidth: 2)
            if reached && (steps <= 6 || t == current + 1) {
                canvas.plateLabel("Wᵀδ⁽\(NetworkNotation.raised(t))⁾", x: (previous + x) / 2, y: layout.stateY - halfH - 14, size: 15, theme.negative,
                                  background: theme.background, weight: .bold)
            }
        }
        valueBox("s⁽⁰⁾", forward.initialState, center: (layout.columns[0], layout.stateY), layout: layout, fill: theme.padding, on: canvas)
        for step in forward.steps {
            let t = step.t, x = layout.columns[t]
            let done = t >= current
            let fill: Color = t == current ? theme.highlight.withAlpha(0.3) : (done ? theme.highlight.withAlpha(0.12) : theme.background)
            valueBox("x⁽\(NetworkNotation.raised(t))⁾", step.input, center: (x, layout.inputY), layout: layout, fill: theme.padding, on: canvas)
            valueBox("∂E/∂s⁽\(NetworkNotation.raised(t))⁾", done ? backward.stateGradients[t - 1] : nil, center: (x, layout.stateY), layout: layout, fill: fill, on: canvas)
            valueBox("ŷ⁽\(NetworkNotation.raised(t))⁾", step.output, center: (x, layout.outputY), layout: layout, fill: theme.padding, on: canvas)
            if step.loss != nil {
                canvas.text("E\(NetworkNotation.lowered(t))", x: x, y: layout.outputY - halfH - 20, size: 16, theme.negative, weight: .bold)
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

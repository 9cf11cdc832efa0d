import Foundation
import LessonCore

extension RecurrentFigures {
    /// Where the LSTM cell diagram puts its parts; public so tests can look at the right pixels.
    public enum CellLayout {
        /// The centres of the four gate boxes f, i, s̃, o.
        public static let gates: [(Double, Double)] = [(360, 440), (540, 440), (720, 440), (900, 440)]
        /// The state line's y and the output's centre.
        public static let stateY = 190.0
        public static let output = (1180.0, 330.0)
        public static let gateSize = (172.0, 80.0)
        /// The y of the line that feeds [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] to every gate.
        public static let inputY = 560.0
    }

    /// The lstm lesson's figures: one cell diagram per step, with the gates' values and the
    /// backward pass's ∂E/∂s and what the forget gate carries back.
    public static func lstm(forward: LSTMForwardTrace, backward: LSTMBackwardTrace) -> [Figure] {
        forward.steps.map { step in
            let back = backward.steps.first { $0.t == step.t }
            let t = step.t
            let description = "The LSTM cell at step \(t) of \(forward.steps.count): f = \(vector(step.forget)), i = \(vector(step.input)), s̃ = \(vector(step.candidate)), o = \(vector(step.outputGate)), s⁽\(NetworkNotation.raised(t))⁾ = \(vector(step.state)), ŷ⁽\(NetworkNotation.raised(t))⁾ = \(vector(step.output))."
            return Figure(name: "cell-step-\(t)", description: description, step: t) { canvas in
                drawCell(step, back, steps: forward.steps.count, on: canvas)
            }
        }
    }

    private static func drawCell(_ step: LSTMStep, _ back: LSTMBackwardStep?, steps: Int, on canvas: Canvas) {
        let theme = canvas.theme, t = step.t
        let up = NetworkNotation.raised(t), down = NetworkNotation.raised(t - 1)
        Caption.title("LSTM cell · step \(t) of \(steps): gates, state and output", on: canvas, width: 1280)
        let layout = Layout(columns: [], outputY: 0, stateY: 0, inputY: 0, boxWidth: CellLayout.gateSize.0, boxHeight: CellLayout.gateSize.1)
        let stateY = CellLayout.stateY
        // The state line (the constant error carousel) across the top.
        canvas.line(from: (190, stateY), to: (1066, stateY), theme.foreground, lineWidth: 4)
        valueBox("s⁽\(down)⁾", step.previousState, center: (105, stateY), layout: layout, fill: theme.padding, on: canvas)
        valueBox("s⁽\(up)⁾", step.state, center: (1152, stateY), layout: layout, fill: theme.done.withAlpha(0.22), on: canvas)
        // × f and + i∗s̃ on the state line.
        for (x, symbol) in [(360.0, "×"), (630.0, "+")] {
            canvas.circle(center: (x, stateY), radius: 22, fill: theme.background, stroke: theme.foreground, lineWidth: 2)
            canvas.text(symbol, x: x, y: stateY, size: 24, theme.foreground, weight: .bold)
        }
        // The input [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] feeding every gate.
        let inputY = CellLayout.inputY
        var wide = layout
        wide.boxWidth = 250
        valueBox("[ŷ⁽\(down)⁾, x⁽\(up)⁾]", step.concatenated, center: (150, inputY), layout: wide, fill: theme.padding, on: canvas)
        canvas.line(from: (275, inputY), to: (900, inputY), theme.muted, lineWidth: 2)
        let names = ["f = σ(…)", "i = σ(…)", "s̃ = tanh(…)", "o = σ(…)"]
        let values = [step.forget, step.input, step.candidate, step.outputGate]
        for (index, center) in CellLayout.gates.enumerated() {
            canvas.arrow(from: (center.0, inputY), to: (center.0, center.1 + CellLayout.gateSize.1 / 2), theme.muted, lineWidth: 2)
            valueBox(names[index], values[index], center: center, layout: layout, fill: theme.current.withAlpha(0.2), on: canvas)
        }
        // f into ×, i and s̃ into +, o into the output.
        let gateTop = CellLayout.gates[0].1 - CellLayout.gateSize.1 / 2
        canvas.arrow(from: (360, gateTop), to: (360, stateY + 22), theme.foreground, lineWidth: 2)
        canvas.line(from: (540, gateTop), to: (540, 330), theme.foreground, lineWidth: 2)
        canvas.line(from: (720, gateTop), to: (720, 330), theme.foreground, lineWidth: 2)
        canvas.line(from: (540, 330), to: (720, 330), theme.foreground, lineWidth: 2)
        canvas.circle(center: (630, 330), radius: 18, fill: theme.background, stroke: theme.foreground, lineWidth: 2)
        canvas.text("×", x: 630, y: 330, size: 20, theme.foreground, weight: .bold)
        canvas.arrow(from: (630, 312), to: (630, stateY + 22), theme.foreground, lineWidth: 2)
        canvas.text("i ∗ s̃ = \(vector(step.written))", x: 656, y: 296, size: textSize, theme.muted, align: .left)
        canvas.text("f ∗ s⁽\(down)⁾ = \(vector(step.kept))", x: 360, y: stateY - 42, size: textSize, theme.muted)
        // ŷ = o ∗ tanh(s): the state goes down through tanh, the output gate multiplies.
        let product = (1040.0, CellLayout.output.1)
        canvas.arrow(from: (product.0, stateY), to: (product.0, product.1 - 20), theme.foreground, lineWidth: 2)
        canvas.circle(center: product, radius: 18, fill: theme.background, stroke: theme.foreground, lineWidth: 2)
        canvas.text("×", x: product.0, y: product.1, size: 20, theme.foreground, weight: .bold)
        canvas.arrow(from: (900, gateTop), to: (product.0 - 14, product.1 + 12), theme.foreground, lineWidth: 2)
        canvas.arrow(from: (product.0 + 18, product.1), to: (CellLayout.output.0 - CellLayout.gateSize.0 / 2, product.1), theme.foreground, lineWidth: 2)
        valueBox("ŷ⁽\(up)⁾", step.output, center: CellLayout.output, layout: layout,
                 fill: theme.done.withAlpha(0.22), on: canvas)
        canvas.text("tanh(s⁽\(up)⁾) = \(vector(step.squashedState))", x: product.0 - 12, y: (stateY + product.1) / 2 - 6, size: textSize, theme.muted, align: .right)
        canvas.text("ŷ = o ∗ tanh(s)", x: CellLayout.output.0, y: CellLayout.output.1 + 60, size: textSize, theme.muted)
        var lines: [String] = []
        if let back {
            lines.append("backward: ∂E/∂s⁽\(up)⁾ = \(vector(back.throughOutput)) from ŷ + \(vector(back.carried)) carried by f⁽\(NetworkNotation.raised(t + 1))⁾ = \(vector(back.stateGradient))")
            lines.append("δ_f = \(vector(back.forgetDelta)), δ_i = \(vector(back.inputDelta)), δ_s = \(vector(back.candidateDelta)), δ_o = \(vector(back.outputDelta))")
        }
        Caption.lines(lines, on: canvas, width: 1280, bottom: 690, size: 22)
    }
}

import Foundation
import LessonCore

extension RecurrentFigures {
    /// Where the LSTM cell diagram puts its parts; public so tests can look at the right pixels.
    public enum CellLayout {
        /// The centres of the four gate boxes f, i, s̃, o.
        public static let gates: [(Double, Double)] = [(360, 470), (540, 470), (720, 470), (900, 470)]
        /// The state line's y and the output's centre.
        public static let stateY = 200.0
        public static let output = (1160.0, 330.0)
        public static let gateSize = (150.0, 70.0)
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
        canvas.line(from: (150, stateY), to: (1040, stateY), theme.foreground, lineWidth: 4)
        valueBox("s⁽\(down)⁾", step.previousState, center: (110, stateY), layout: layout, fill: theme.padding, on: canvas)
        valueBox("s⁽\(up)⁾", step.state, center: (1120, stateY), layout: layout, fill: theme.done.withAlpha(0.22), on: canvas)
        // × f and + i∗s̃ on the state line.
        for (x, symbol) in [(360.0, "×"), (630.0, "+")] {
            canvas.circle(center: (x, stateY), radius: 22, fill: theme.background, stroke: theme.foreground, lineWidth: 2)
            canvas.text(symbol, x: x, y: stateY, size: 24, theme.foreground, weight: .bold)
        }
        // The input [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] feeding every gate.
        valueBox("[ŷ⁽\(down)⁾, x⁽\(up)⁾]", step.concatenated, center: (140, 620), layout: layout, fill: theme.padding, on: canvas)
        canvas.line(from: (215, 620), to: (900, 620), theme.muted, lineWidth: 2)
        let names = ["f = σ(…)", "i = σ(…)", "s̃ = tanh(…)", "o = σ(…)"]
        let values = [step.forget, step.input, step.candidate, step.outputGate]
        for (index, center) in CellLayout.gates.enumerated() {
            canvas.arrow(from: (center.0, 620), to: (center.0, center.1 + CellLayout.gateSize.1 / 2), theme.muted, lineWidth: 2)
            valueBox(names[index], values[index], center: center, layout: layout, fill: theme.current.withAlpha(0.2), on: canvas)
        }
        // f into ×, i and s̃ into +, o into the output.
        canvas.arrow(from: (360, 435), to: (360, stateY + 22), theme.foreground, lineWidth: 2)
        canvas.line(from: (540, 435), to: (540, 330), theme.foreground, lineWidth: 2)
        canvas.line(from: (720, 435), to: (720, 330), theme.foreground, lineWidth: 2)
        canvas.line(from: (540, 330), to: (720, 330), theme.foreground, lineWidth: 2)
        canvas.circle(center: (630, 330), radius: 18, fill: theme.background, stroke: theme.foreground, lineWidth: 2)
        canvas.text("×", x: 630, y: 330, size: 20, theme.foreground, weight: .bold)
        canvas.arrow(from: (630, 312), to: (630, stateY + 22), theme.foreground, lineWidth: 2)
        canvas.text("i ∗ s̃ = \(vector(step.written))", x: 650, y: 300, size: 15, theme.muted, align: .left)
        canvas.text("f ∗ s⁽\(down)⁾ = \(vector(step.kept))", x: 360, y: stateY - 40, size: 15, theme.muted)
        // ŷ = o ∗ tanh(s): the state goes down through tanh, the output gate multiplies.
        let product = (1040.0, CellLayout.output.1)
        canvas.arrow(from: (1040, stateY), to: (product.0, product.1 - 20), theme.foreground, lineWidth: 2)
        canvas.circle(center: product, radius: 18, fill: theme.background, stroke: theme.foreground, lineWidth: 2)
        canvas.text("×", x: product.0, y: product.1, size: 20, theme.foreground, weight: .bold)
        canvas.arrow(from: (900, 435), to: (product.0 - 14, product.1 + 12), theme.foreground, lineWidth: 2)
        canvas.arrow(from: (product.0 + 18, product.1), to: (CellLayout.output.0 - CellLayout.gateSize.0 / 2 + 20, product.1), theme.foreground, lineWidth: 2)
        valueBox("ŷ⁽\(up)⁾", step.output, center: (CellLayout.output.0 + 20, CellLayout.output.1), layout: layout,
                 fill: theme.done.withAlpha(0.22), on: canvas)
        canvas.text("tanh(s⁽\(up)⁾) = \(vector(step.squashedState))", x: 1030, y: (stateY + product.1) / 2, size: 15, theme.muted, align: .right)
        canvas.text("ŷ = o ∗ tanh(s)", x: CellLayout.output.0 + 20, y: CellLayout.output.1 + 52, size: 15, theme.muted)
        var lines: [String] = []
        if let back {
            lines.append("backward: ∂E/∂s⁽\(up)⁾ = \(vector(back.throughOutput)) through the output + \(vector(back.carried)) carried through f⁽\(NetworkNotation.raised(t + 1))⁾ = \(vector(back.stateGradient))")
            lines.append("δ_f = \(vector(back.forgetDelta)), δ_i = \(vector(back.inputDelta)), δ_s = \(vector(back.candidateDelta)), δ_o = \(vector(back.outputDelta))")
        }
        Caption.lines(lines, on: canvas, width: 1280, bottom: 700, size: 17)
    }
}

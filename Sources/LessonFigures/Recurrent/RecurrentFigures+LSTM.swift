import Foundation
import LessonCore

extension RecurrentFigures {
    /// Where the LSTM cell diagram puts its parts; public so tests can look at the right pixels
    /// and find what is drawn inside each box.
    public struct CellLayout: Sendable {
        /// The x of the four gate boxes f, i, s̃, o, and the size of a gate box.
        public static let gateColumns = [360.0, 540.0, 720.0, 900.0]
        public static let gateWidth = 172.0
        /// The state line's y: s⁽ᵗ⁻¹⁾ at its left, s⁽ᵗ⁾ at its right.
        public static let stateY = 190.0
        /// The y of the gates' centres and the height of a gate (and state and output) box.
        public var gateY: Double
        public var boxHeight: Double
        /// The y of the i ∗ s̃ product and of the output ŷ = o ∗ tanh(s).
        public var productY: Double
        public var outputY: Double
        /// The y of the line that feeds [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] to every gate, and that box.
        public var inputY: Double
        public var input: BoxFrame
        /// The most lines of numbers a box holds (a longer vector shows its first `lines − 1`).
        public var lines: Int
        /// The size of the caption lines under the cell: 22 px, 18 px when there are more than two.
        public var captionSize: Double

        /// The boxes s⁽ᵗ⁻¹⁾, s⁽ᵗ⁾, the gates f, i, s̃, o, the output ŷ and the input, in that order.
        public var boxes: [BoxFrame] {
            [BoxFrame(center: (105, Self.stateY), width: Self.gateWidth, height: boxHeight),
             BoxFrame(center: (1152, Self.stateY), width: Self.gateWidth, height: boxHeight)]
                + Self.gateColumns.map { BoxFrame(center: ($0, gateY), width: Self.gateWidth, height: boxHeight) }
                + [BoxFrame(center: (1180, outputY), width: Self.gateWidth, height: boxHeight), input]
        }
    }

    /// The most lines of numbers an LSTM box holds before the layout tries fewer.
    static let maximumCellLines = 4

    /// The layout of the cell for h units and n inputs with `captionLines` lines under it
    /// (bottom at 690): the gates as tall as their vectors, the input box (ŷ⁽ᵗ⁻¹⁾ and
    /// x⁽ᵗ⁾ side by side) as tall as the longer, all of it above the captions; when that cannot
    /// be, every box holds fewer lines.
    public static func cellLayout(units: Int, inputs: Int, captionLines: Int, textScale: Double = 1) -> CellLayout {
        let captionSize = captionLines <= 2 ? 22.0 : textSize
        let captionTop = 690 - captionSize * 1.45 * textScale * Double(max(captionLines, 1) - 1) - captionSize * textScale / 2 - 12
        // Between the state line and the product: the tanh(s) label and the i ∗ s̃ label, one above the other.
        let lowestProduct = CellLayout.stateY + 58 + 39.6 * textScale
        var lines = min(maximumCellLines, max(units, inputs, 1))
        while true {
            let height = boxHeight(lines: Self.lines(for: units, maximum: lines), textScale: textScale)
            let inputHeight = boxHeight(lines: Self.lines(for: max(units, inputs), maximum: lines), textScale: textScale)
            let busLimit = captionTop - 32
            // The arrows from the gates to the product and from the input line to the gates: 50
            // and 36 px long, or 36 and 24 when that is what makes the boxes fit.
            for (above, below) in [(50.0, 36.0), (36.0, 24.0)] {
                let gateTop = min(400, busLimit - below - height)
                let productY = min(330, gateTop - above)
                if productY >= lowestProduct || (lines <= 2 && below == 24) {
                    let bus = min(busLimit, gateTop + height + 80)
                    let outputY = max(330, CellLayout.stateY + height + 30)
                    let input = BoxFrame(center: (136, bus + 24 - inputHeight / 2), width: 250, height: inputHeight)
                    return CellLayout(gateY: gateTop + height / 2, boxHeight: height, productY: productY, outputY: outputY,
                                      inputY: bus, input: input, lines: lines, captionSize: captionSize)
                }
            }
            lines -= 1
        }
    }

    /// The lstm lesson's figures: one cell diagram per step, with the gates' values and the
    /// backward pass's ∂E/∂s and what the forget gate carries back.
    /// Truncated, the cells' captions give what the window keeps at each step, and a last
    /// figure shows every loss term's window (`truncationWindows`).
    public static func lstm(forward: LSTMForwardTrace, backward: LSTMBackwardTrace) -> [Figure] {
        var figures = forward.steps.map { step in
            let back = backward.steps.first { $0.t == step.t }
            let truncated = backward.truncatedSteps?.first { $0.t == step.t }
            let t = step.t
            let description = "The LSTM cell at step \(t) of \(forward.steps.count): f = \(vector(step.forget)), i = \(vector(step.input)), s̃ = \(vector(step.candidate)), o = \(vector(step.outputGate)), s⁽\(NetworkNotation.raised(t))⁾ = \(vector(step.state)), ŷ⁽\(NetworkNotation.raised(t))⁾ = \(vector(step.output))."
            return Figure(name: "cell-step-\(t)", description: description, step: t) { canvas in
                drawCell(step, back, truncated: truncated.map { ($0, backward.truncation ?? 0) }, steps: forward.steps.count, on: canvas)
            }
        }
        if let k = backward.truncation, let chains = backward.chains {
            figures.append(truncationWindows(chains.map(TruncationChain.init), steps: forward.steps.count, truncation: k,
                                             units: forward.initialState.count, lesson: "LSTM", held: "ŷ and s"))
        }
        return figures
    }

    /// The backward captions of a cell: full BPTT's ∂E/∂s⁽ᵗ⁾ (through ŷ and carried by f) and the
    /// gate deltas; truncated, the kept terms' sums at t, which terms those are and which are cut.
    static func cellCaptions(_ back: LSTMBackwardStep, truncated: (step: LSTMTruncatedStep, k: Int)?, t: Int) -> [String] {
        let up = NetworkNotation.raised(t)
        guard let (sum, k) = truncated else {
            return ["backward: ∂E/∂s⁽\(up)⁾ = \(vector(back.throughOutput)) from ŷ + \(vector(back.carried)) carried by f⁽\(NetworkNotation.raised(t + 1))⁾ = \(vector(back.stateGradient))",
                    "δ_f = \(vector(back.forgetDelta)), δ_i = \(vector(back.inputDelta)), δ_s = \(vector(back.candidateDelta)), δ_o = \(vector(back.outputDelta))"]
        }
        let cut = sum.cutTerms.isEmpty ? "" : "; \(RecurrentNotation.terms(sum.cutTerms)) cut"
        let first = sum.keptTerms.isEmpty
            ? "backward, truncated to K = \(k): step \(t) is in no loss term's window (\(RecurrentNotation.terms(sum.cutTerms)) cut) and adds nothing; full BPTT: ∂E/∂s⁽\(up)⁾ = \(vector(back.stateGradient))"
            : "backward, truncated to K = \(k): ∂E/∂s⁽\(up)⁾ = \(vector(sum.stateGradient)) from \(RecurrentNotation.terms(sum.keptTerms))\(cut) (full BPTT: \(vector(back.stateGradient)))"
        return [first, "δ_f = \(vector(sum.forgetDelta)), δ_i = \(vector(sum.inputDelta)), δ_s = \(vector(sum.candidateDelta)), δ_o = \(vector(sum.outputDelta))"]
    }

    private static func drawCell(_ step: LSTMStep, _ back: LSTMBackwardStep?, truncated: (LSTMTruncatedStep, Int)?, steps: Int,
                                 on canvas: Canvas) {
        let theme = canvas.theme, t = step.t
        let up = NetworkNotation.raised(t), down = NetworkNotation.raised(t - 1)
        let units = step.state.count, inputs = step.concatenated.count - units
        Caption.title("LSTM cell · step \(t) of \(steps): gates, state and output", on: canvas, width: 1280)
        let captions = back.map { cellCaptions($0, truncated: truncated, t: t) } ?? []
        let wrappedCaptions = wrapped(captions, size: textSize, on: canvas)
        let layout = cellLayout(units: units, inputs: inputs, captionLines: wrappedCaptions.count, textScale: canvas.textScale)
        let boxes = layout.boxes
        let stateY = CellLayout.stateY, lines = layout.lines
        let gateTop = layout.gateY - layout.boxHeight / 2
        if max(units, inputs) > lines, let note = cutNote(longest: max(units, inputs), lines: lines) {
            noteUnderTitle(note, on: canvas)
        }
        // The state line (the constant error carousel) across the top.
        canvas.line(from: (190, stateY), to: (1066, stateY), theme.foreground, lineWidth: 4)
        valueBox("s⁽\(down)⁾", [step.previousState], frame: boxes[0], lines: lines, fill: theme.padding, on: canvas)
        valueBox("s⁽\(up)⁾", [step.state], frame: boxes[1], lines: lines, fill: theme.done.withAlpha(0.22), on: canvas)
        // × f and + i∗s̃ on the state line.
        for (x, symbol) in [(360.0, "×"), (630.0, "+")] {
            canvas.circle(center: (x, stateY), radius: 22, fill: theme.background, stroke: theme.foreground, lineWidth: 2)
            canvas.text(symbol, x: x, y: stateY, size: 24, theme.foreground, weight: .bold)
        }
        // The input [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] feeding every gate: ŷ⁽ᵗ⁻¹⁾'s numbers on the left, x⁽ᵗ⁾'s on the right.
        let bus = layout.inputY
        valueBox("[ŷ⁽\(down)⁾, x⁽\(up)⁾]", [Array(step.concatenated.prefix(units)), Array(step.concatenated.dropFirst(units))],
                 frame: layout.input, lines: lines, fill: theme.padding, on: canvas)
        canvas.line(from: (layout.input.x + layout.input.width, bus), to: (900, bus), theme.muted, lineWidth: 2)
        let names = ["f = σ(…)", "i = σ(…)", "s̃ = tanh(…)", "o = σ(…)"]
        let values = [step.forget, step.input, step.candidate, step.outputGate]
        for (index, x) in CellLayout.gateColumns.enumerated() {
            canvas.arrow(from: (x, bus), to: (x, layout.gateY + layout.boxHeight / 2), theme.muted, lineWidth: 2)
            valueBox(names[index], [values[index]], frame: boxes[2 + index], lines: lines, fill: theme.current.withAlpha(0.2), on: canvas)
        }
        // f into ×, i and s̃ into +, o into the output.
        let productY = layout.productY
        canvas.arrow(from: (360, gateTop), to: (360, stateY + 22), theme.foreground, lineWidth: 2)
        canvas.line(from: (540, gateTop), to: (540, productY), theme.foreground, lineWidth: 2)
        canvas.line(from: (720, gateTop), to: (720, productY), theme.foreground, lineWidth: 2)
        canvas.line(from: (540, productY), to: (720, productY), theme.foreground, lineWidth: 2)
        canvas.circle(center: (630, productY), radius: 18, fill: theme.background, stroke: theme.foreground, lineWidth: 2)
        canvas.text("×", x: 630, y: productY, size: 20, theme.foreground, weight: .bold)
        canvas.arrow(from: (630, productY - 18), to: (630, stateY + 22), theme.foreground, lineWidth: 2)
        // The labels along the arrows keep to the room between the lines they sit by.
        canvas.text(fittingVector("i ∗ s̃ = ", step.written, maxWidth: 1028 - 656, on: canvas), x: 656, y: productY - 24 - 9.9 * canvas.textScale, size: textSize,
                    theme.muted, align: .left)
        // Centred over ×, or as near as it can be without reaching into the s⁽ᵗ⁻¹⁾ box.
        let kept = fittingVector("f ∗ s⁽\(down)⁾ = ", step.kept, maxWidth: 600 - (boxes[0].x + boxes[0].width + 14), on: canvas)
        let keptX = max(360, boxes[0].x + boxes[0].width + 14 + canvas.textWidth(kept, size: textSize) / 2)
        canvas.text(kept, x: keptX, y: stateY - 42, size: textSize, theme.muted)
        // ŷ = o ∗ tanh(s): the state goes down through tanh, the output gate multiplies.
        let product = (1040.0, layout.outputY)
        canvas.arrow(from: (product.0, stateY), to: (product.0, product.1 - 20), theme.foreground, lineWidth: 2)
        canvas.circle(center: product, radius: 18, fill: theme.background, stroke: theme.foreground, lineWidth: 2)
        canvas.text("×", x: product.0, y: product.1, size: 20, theme.foreground, weight: .bold)
        // o into ×: up and across where × is well above the gates; else level into × from the
        // o box's side (taller boxes for longer vectors raise the gates to ×'s height).
        let oBox = boxes[5]
        if product.1 <= gateTop - 40 {
            canvas.arrow(from: (900, gateTop), to: (product.0 - 14, product.1 + 12), theme.foreground, lineWidth: 2)
        } else if product.1 < gateTop - 12 {
            canvas.line(from: (900, gateTop), to: (900, product.1), theme.foreground, lineWidth: 2)
            canvas.arrow(from: (900, product.1), to: (product.0 - 18, product.1), theme.foreground, lineWidth: 2)
        } else {
            canvas.arrow(from: (oBox.x + oBox.width, product.1), to: (product.0 - 18, product.1), theme.foreground, lineWidth: 2)
        }
        let output = boxes[6]
        canvas.arrow(from: (product.0 + 18, product.1), to: (output.x, product.1), theme.foreground, lineWidth: 2)
        valueBox("ŷ⁽\(up)⁾", [step.output], frame: output, lines: lines, fill: theme.done.withAlpha(0.22), on: canvas)
        canvas.text(fittingVector("tanh(s⁽\(up)⁾) = ", step.squashedState, maxWidth: product.0 - 12 - 652, on: canvas), x: product.0 - 12, y: stateY + 30 + 9.9 * canvas.textScale, size: textSize, theme.muted, align: .right)
        let formula = "ŷ = o ∗ tanh(s)"
        canvas.text(formula, x: min(output.x + output.width / 2, 1272 - canvas.textWidth(formula, size: textSize) / 2),
                    y: output.y + output.height + 20 * canvas.textScale, size: textSize, theme.muted)
        drawCaption(wrappedCaptions, size: layout.captionSize, bottom: 690, on: canvas)
    }
}

import Foundation
import LessonCore

extension RecurrentFigures {
    /// One loss term's row of the truncation figure: ∂Eτ/∂s⁽ᵏ⁾ at each step k = 1 … τ its
    /// gradient reaches in full BPTT, and whether truncation keeps the step.
    public struct TruncationChain: Sendable {
        /// τ, the step of the loss term.
        public var lossStep: Int
        /// ∂Eτ/∂s⁽ᵏ⁾ for k = 1 … τ (index k − 1).
        public var stateGradients: [[Double]]
        /// Whether the window keeps step k (index k − 1): k > τ − K.
        public var kept: [Bool]

        /// An LSTM loss term's chain (its links run τ … 1).
        public init(_ chain: LSTMBackwardChain) {
            lossStep = chain.lossStep
            stateGradients = chain.links.reversed().map(\.stateGradient)
            kept = chain.links.reversed().map { $0.kept ?? true }
        }

        /// An rnn loss term's chain (its links run τ … 1).
        public init(_ chain: BPTTChain) {
            lossStep = chain.lossStep
            stateGradients = chain.links.reversed().map(\.stateGradient)
            kept = chain.links.reversed().map(\.kept)
        }
    }

    /// Where the truncation figure puts its boxes: a row per loss term (E₁ on top), a column per
    /// step; public so tests can find what each box holds.
    public struct TruncationLayout: Sendable {
        /// The x of the column of step t = 1 … T (index t; columns outside `shown` are not drawn).
        public var columns: [Double]
        /// The steps drawn: all of 1 … T, or the last `maximumShownSteps`.
        public var shown: ClosedRange<Int>
        /// The loss terms drawn, top to bottom, and the y of each row's centre.
        public var terms: [Int]
        public var rowY: [Double]
        /// The size of a box and the most numbers it shows (a longer vector shows `lines − 1` and "+k more").
        public var boxWidth: Double
        public var boxHeight: Double
        public var lines: Int
        /// Loss terms taken at a shown step that have no row: they did not fit (the earliest go).
        public var termsLeftOut: Int

        /// Whether only some of the steps are drawn.
        public var isWindow: Bool { shown.lowerBound > 1 }

        /// The box of ∂Eτ/∂s⁽ᵏ⁾, or nil when it is not drawn (k > τ, or outside the window).
        public func frame(term tau: Int, step k: Int) -> BoxFrame? {
            guard k <= tau, shown.contains(k), let row = terms.firstIndex(of: tau) else { return nil }
            return BoxFrame(center: (columns[k], rowY[row]), width: boxWidth, height: boxHeight)
        }
    }

    /// The layout of the truncation figure for T steps, the loss terms at `lossSteps`, and vectors
    /// of `units` numbers: the rows as tall as their vectors need; when they do not fit one above
    /// another, every box holds fewer lines (down to the first number and "+k more"), then the
    /// earliest loss terms are left out.
    public static func truncationLayout(steps: Int, lossSteps: [Int], units: Int, textScale: Double = 1) -> TruncationLayout {
        let count = min(max(steps, 1), maximumShownSteps)
        let first = max(1, steps - count + 1)
        let left = 150.0, right = 1250.0
        let pitch = (right - left) / Double(count)
        let columns = (0...max(steps, 0)).map { t in t < first ? -2000 : left + (Double(t - first) + 0.5) * pitch }
        let candidates = lossSteps.filter { $0 >= first }
        let top = truncationRowsTop(textScale: textScale), bottom = 600 - 80 * (textScale - 1), gap = 16.0
        var lines = min(maximumCellLines, max(units, 1)), rows = max(candidates.count, 1)
        func height(_ lines: Int) -> Double { boxHeight(lines: Self.lines(for: units, maximum: lines), textScale: textScale) }
        while Double(rows) * height(lines) + Double(rows - 1) * gap > bottom - top {
            if lines > 2 { lines -= 1 } else if rows > 1 { rows -= 1 } else { break }
        }
        let cell = height(lines)
        let spread = rows > 1 ? min(40, max(gap, (bottom - top - Double(rows) * cell) / Double(rows - 1))) : 0
        let block = Double(rows) * cell + Double(rows - 1) * spread
        let y0 = top + max(0, (bottom - top - block) / 2) + cell / 2
        let terms = Array(candidates.suffix(rows))
        return TruncationLayout(columns: columns, shown: first...(first + count - 1), terms: terms,
                                rowY: terms.indices.map { y0 + Double($0) * (cell + spread) },
                                boxWidth: min(196, pitch * 0.75), boxHeight: cell, lines: lines,
                                termsLeftOut: candidates.count - terms.count)
    }

    /// The top of the truncation figure's rows: under the title, the note and the step headers.
    static func truncationRowsTop(textScale: Double) -> Double { 140 + 40 * (textScale - 1) }

    /// The figure of every loss term's truncation window: a row per term Eτ with ∂Eτ/∂s⁽ᵏ⁾ at
    /// each step k ≤ τ (the gradient flowing right to left), the K steps truncated BPTT keeps
    /// framed and filled, the steps it cuts grey. `lesson` names the network in the title, `held`
    /// what is held fixed before a window.
    static func truncationWindows(_ chains: [TruncationChain], steps: Int, truncation k: Int, units: Int,
                                  lesson: String, held: String) -> Figure {
        let description = "Truncated BPTT with K = \(k): for each loss term Eτ, ∂Eτ/∂s⁽ᵏ⁾ at every step k ≤ τ; the \(k == 1 ? "step" : "\(k) steps") its gradient keeps framed, the cut ones grey."
        return Figure(name: "truncation-windows", description: description) { canvas in
            drawTruncationWindows(chains, steps: steps, truncation: k, units: units, lesson: lesson, held: held, on: canvas)
        }
    }

    private static func drawTruncationWindows(_ chains: [TruncationChain], steps: Int, truncation k: Int, units: Int,
                                              lesson: String, held: String, on canvas: Canvas) {
        let theme = canvas.theme, scale = canvas.textScale
        let layout = truncationLayout(steps: steps, lossSteps: chains.map(\.lossStep), units: units, textScale: scale)
        Caption.title("\(lesson) · truncated BPTT, K = \(k): every loss term's window", on: canvas, width: 1280)
        // What does not fit, in one sentence: the steps, the loss terms and the numbers shown.
        var shown: [String] = []
        if layout.isWindow { shown.append("steps \(layout.shown.lowerBound)–\(layout.shown.upperBound) of \(steps)") }
        if layout.termsLeftOut > 0 { shown.append("loss term\(layout.terms.count == 1 ? "" : "s") \(RecurrentNotation.terms(layout.terms))") }
        if units > layout.lines { shown.append("\(firstNumbers(layout.lines - 1)) of each vector") }
        if let last = shown.last {
            let list = shown.count == 1 ? last : shown.dropLast().joined(separator: ", ") + " and " + last
            noteUnderTitle("Shown at projector size: \(list); the text output has them all", on: canvas)
        }
        let halfW = layout.boxWidth / 2, halfH = layout.boxHeight / 2
        guard let firstRow = layout.rowY.first else { return }
        for t in layout.shown {
            canvas.text("step \(t)", x: layout.columns[t], y: firstRow - halfH - 8 - 0.55 * textSize * scale, size: textSize, theme.muted, weight: .bold)
        }
        for (row, tau) in layout.terms.enumerated() {
            guard let chain = chains.first(where: { $0.lossStep == tau }) else { continue }
            let y = layout.rowY[row]
            canvas.text("E" + NetworkNotation.lowered(tau), x: max(60, layout.columns[layout.shown.lowerBound] - halfW - 40), y: y, size: 22,
                        theme.negative, weight: .bold)
            let kept = layout.shown.filter { $0 <= tau && chain.kept[$0 - 1] }
            if let a = kept.first, let b = kept.last {
                let x0 = layout.columns[a] - halfW - 7, x1 = layout.columns[b] + halfW + 7
                canvas.strokeRect(x: x0, y: y - halfH - 6, width: x1 - x0, height: 2 * halfH + 12, theme.highlight, lineWidth: 3)
            }
            for t in layout.shown where t <= tau {
                guard let frame = layout.frame(term: tau, step: t) else { continue }
                if t < tau {
                    let keeps = chain.kept[t - 1]
                    canvas.arrow(from: (layout.columns[t + 1] - halfW, y), to: (layout.columns[t] + halfW, y),
                                 keeps ? theme.negative : theme.gridLine, lineWidth: keeps ? 3 : 2)
                }
                let fill = chain.kept[t - 1] ? theme.highlight.withAlpha(0.3) : theme.padding
                valueBox("∂E\(NetworkNotation.lowered(tau))/∂s⁽\(NetworkNotation.raised(t))⁾", [chain.stateGradients[t - 1]],
                         frame: frame, lines: layout.lines, fill: fill, on: canvas)
            }
        }
        let bottom = (layout.rowY.last ?? firstRow) + halfH + 6
        let lines = ["row Eτ: ∂Eτ/∂s⁽ᵏ⁾ at each step k ≤ τ, flowing right to left; framed: the \(k == 1 ? "step" : "\(k) steps") truncated BPTT keeps (\(held) before \(k == 1 ? "it" : "them") held fixed)",
                     "grey: what full BPTT would add and truncation cuts; a column's framed boxes add up to the truncated ∂E/∂s⁽ᵗ⁾"]
        footCaption(lines, size: textSize, top: bottom + 16, on: canvas)
    }
}

import LessonTestSupport
import Foundation
import Testing
import LessonCore
@testable import LessonFigures

/// EXAMPLES.md's RNN (h = 2, T = 3, many-to-one) and its traces.
private func examplesRNN(truncation: Int? = nil) throws -> (RecurrentNetwork, RNNForwardTrace, BPTTTrace, VanishingGradient) {
    let network = try RecurrentNetwork(U: Tensor(rows: [[0.5], [-0.3]]), W: Tensor(rows: [[0.1, 0.4], [-0.2, 0.3]]),
                                       V: Tensor(rows: [[0.6, -0.5]]))
    let forward = try network.forward(RecurrentSequence(inputs: [[1], [0.5], [-1]], targets: .last([1])))
    return (network, forward, network.backward(forward, truncation: truncation), VanishingGradient(network: network, forward: forward))
}

@Suite struct RecurrentFiguresTests {
    @Test func oneFramePerForwardAndBackwardStep() throws {
        let (network, forward, backward, vanishing) = try examplesRNN()
        let figures = RecurrentFigures.rnn(network: network, forward: forward, backward: backward, vanishing: [("this network", vanishing)])
        #expect(figures.map(\.name) == ["unrolled", "forward-step-1", "forward-step-2", "forward-step-3",
                                        "backward-step-1", "backward-step-2", "backward-step-3", "vanishing-gradient"])
    }

    /// Truncated, rnn's figures add every loss term's window after the backward frames.
    @Test func rnnTruncationAddsTheWindowsFigure() throws {
        let (network, forward, backward, _) = try examplesRNN(truncation: 1)
        let figures = RecurrentFigures.rnn(network: network, forward: forward, backward: backward, vanishing: [])
        #expect(figures.map(\.name).suffix(2) == ["backward-step-3", "truncation-windows"])
        let texts = try FigureRenderer.surface(for: try #require(figures.last), options: RenderOptions(format: .svg)).drawnText.map(\.text)
        #expect(texts.contains("Recurrent network · truncated BPTT, K = 1: every loss term's window"), "\(texts)")
        #expect(texts.contains("∂E₃/∂s⁽¹⁾") && texts.contains("−0.361"), "\(texts)")
    }

    /// Forward step 2: s⁽¹⁾ done, s⁽²⁾ current, s⁽³⁾ not yet computed (background), read just
    /// inside each state box's top-left corner.
    @Test(arguments: ["light", "dark"])
    func forwardFrameFillsStatesByRole(themeName: String) throws {
        let theme = try #require(Theme.named(themeName))
        let (network, forward, backward, _) = try examplesRNN()
        let figure = RecurrentFigures.rnn(network: network, forward: forward, backward: backward, vanishing: [])[2]
        #expect(figure.name == "forward-step-2")
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions(theme: theme))
        let layout = RecurrentFigures.layout(steps: 3)
        let inside = { (t: Int) in (layout.columns[t] - layout.boxWidth / 2 + 6, layout.stateY - layout.stateHeight / 2 + 6) }
        let (x1, y) = inside(1), (x2, _) = inside(2), (x3, _) = inside(3)
        #expect(near(pixel(surface, x1, y), blend(theme.done, 0.18, over: theme.background)))
        #expect(near(pixel(surface, x2, y), blend(theme.current, 0.25, over: theme.background)))
        #expect(near(pixel(surface, x3, y), blend(theme.background, 1, over: theme.background)))
    }

    /// With K = 1 the window shades step 3 only: a pixel between the boxes of step 3 is tinted,
    /// the same place at step 2 is not.
    @Test func backwardFrameShadesTheTruncationWindow() throws {
        let (network, forward, backward, _) = try examplesRNN(truncation: 1)
        let figures = RecurrentFigures.rnn(network: network, forward: forward, backward: backward, vanishing: [])
        let frame = try #require(figures.first { $0.name == "backward-step-1" })
        let theme = Theme.light
        let surface = try FigureRenderer.surface(for: frame, options: RenderOptions(theme: theme))
        let layout = RecurrentFigures.layout(steps: 3)
        let y = (layout.stateY + layout.inputY) / 2
        let inWindow = layout.columns[3] - layout.boxWidth / 2 + 4, outside = layout.columns[2] - layout.boxWidth / 2 + 4
        #expect(near(pixel(surface, inWindow, y), blend(theme.highlight, 0.12, over: theme.background)))
        #expect(near(pixel(surface, outside, y), blend(theme.background, 1, over: theme.background)))
    }

    /// The SVG's text layer carries the numbers the trace recorded.
    @Test func svgTextCarriesTheTraceNumbers() throws {
        let (network, forward, backward, vanishing) = try examplesRNN()
        let figures = RecurrentFigures.rnn(network: network, forward: forward, backward: backward, vanishing: [("this network", vanishing)])
        func texts(_ figure: Figure) throws -> String {
            let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
            return SVGText.texts(in: svg).joined(separator: " | ")
        }
        let step1 = try texts(figures[1])
        #expect(step1.contains("(0.462, −0.291)"), "\(step1)")
        #expect(step1.contains("z⁽¹⁾ = W s⁽⁰⁾ + U x⁽¹⁾ + b = (0, 0) + (0.5, −0.3) + (0, 0) = (0.5, −0.3)"), "\(step1)")
        let back = try texts(figures[4])
        #expect(back.contains("(−0.361, 0.301)"), "\(back)")
        let plot = try texts(figures[7])
        #expect(plot.contains("this network") && plot.contains("1e0"), "\(plot)")
        let zero = [0.0]
        let lstm = try LSTMNetwork(LSTMParameters(W_f: Tensor(rows: [[0.5, 0.4]]), W_i: Tensor(rows: [[0.3, 0.6]]),
                                                  W_s: Tensor(rows: [[0.2, 0.8]]), W_o: Tensor(rows: [[-0.1, 0.7]]),
                                                  b_f: zero, b_i: zero, b_s: zero, b_o: zero))
        let lstmForward = try lstm.forward(RecurrentSequence(inputs: [[1], [0.5]], targets: .last([0.5])))
        let cells = RecurrentFigures.lstm(forward: lstmForward, backward: lstm.backward(lstmForward))
        #expect(cells.map(\.name) == ["cell-step-1", "cell-step-2"])
        // f, i, s̃, o, s⁽¹⁾ and ŷ⁽¹⁾, each number a run of its own in its box.
        let svg = String(decoding: try FigureRenderer.render(cells[0], options: RenderOptions(format: .svg)), as: UTF8.self)
        let cell = SVGText.texts(in: svg)
        for value in ["0.599", "0.646", "0.664", "0.668", "0.429", "0.27"] { #expect(cell.contains(value), "cell lacks \(value): \(cell)") }
    }

    /// Twelve steps do not fit at projector size: every frame draws a window of four steps that
    /// holds its own step (forward: the steps leading to it; backward: it and the steps its
    /// gradient came from; unrolled: the last, where the loss is), on the slide, and says so.
    @Test func aLongSequenceIsDrawnAsAWindowOfSteps() throws {
        let network = try RecurrentNetwork(U: Tensor(rows: [[0.5], [-0.3]]), W: Tensor(rows: [[0.2, 0.1], [-0.1, 0.2]]),
                                           V: Tensor(rows: [[0.6, -0.5]]))
        let inputs: [[Double]] = [1, 0.5, -1, 0.2, 0.8, -0.4, 1, -1, 0.3, 0.6, -0.2, 0.9].map { [$0] }
        let forward = try network.forward(RecurrentSequence(inputs: inputs, targets: .last([1])))
        let steps = forward.steps.count
        #expect(RecurrentFigures.layout(steps: steps).shown == 9...12)
        for t in 1...steps {
            for backward in [false, true] {
                let layout = RecurrentFigures.layout(steps: steps, current: t, backward: backward)
                #expect(layout.isWindow && layout.shown.count == RecurrentFigures.maximumShownSteps && layout.shown.contains(t),
                        "step \(t) (backward: \(backward)): \(layout.shown)")
                for shown in (layout.shown.lowerBound - 1)...layout.shown.upperBound {
                    let x = layout.columns[shown]
                    #expect(x - layout.boxWidth / 2 >= 0 && x + layout.boxWidth / 2 <= 1280, "column \(shown) on the slide")
                }
            }
        }
        #expect(!RecurrentFigures.layout(steps: 4, current: 2).isWindow)
        let figures = RecurrentFigures.rnn(network: network, forward: forward, backward: network.backward(forward, truncation: nil), vanishing: [])
        let frame = try #require(figures.first { $0.name == "forward-step-5" })
        let texts = try FigureRenderer.surface(for: frame, options: RenderOptions(format: .svg)).drawnText.map(\.text)
        #expect(texts.contains("12 steps do not fit at projector size: steps 2–5 shown"), "\(texts)")
        #expect(texts.contains("s⁽¹⁾") && texts.contains("x⁽⁵⁾") && !texts.contains("x⁽⁶⁾") && !texts.contains("x⁽¹⁾"))
    }

    /// The lesson file's many-to-many cell (h = 2, T = 4, a loss term at every step).
    private func manyToManyLSTM() throws -> (LSTMNetwork, LSTMForwardTrace) {
        let network = try LSTMNetwork(LSTMParameters(
            W_f: Tensor(rows: [[0.2, -0.1, 0.5, 0.3], [0.1, 0.4, -0.2, 0.6]]), W_i: Tensor(rows: [[0.3, 0.2, -0.4, 0.1], [-0.2, 0.5, 0.3, -0.3]]),
            W_s: Tensor(rows: [[0.6, -0.3, 0.2, 0.7], [0.4, 0.1, -0.5, 0.2]]), W_o: Tensor(rows: [[-0.1, 0.3, 0.4, -0.2], [0.2, -0.4, 0.1, 0.5]]),
            b_f: [1, 1], b_i: [0, 0.1], b_s: [0, -0.1], b_o: [0.1, 0]))
        let sequence = RecurrentSequence(inputs: [[1, 0], [0.5, -1], [-1, 0.5], [0.2, 0.8]],
                                         targets: .everyStep([[0.2, -0.1], [0.4, 0], [-0.3, 0.2], [0.1, 0.3]]))
        return (network, try network.forward(sequence))
    }

    /// Truncated, the lstm figures end with the truncation figure; without K they do not have it.
    @Test func lstmTruncationAddsTheWindowsFigure() throws {
        let (network, forward) = try manyToManyLSTM()
        #expect(RecurrentFigures.lstm(forward: forward, backward: network.backward(forward)).map(\.name)
                == ["cell-step-1", "cell-step-2", "cell-step-3", "cell-step-4"])
        #expect(RecurrentFigures.lstm(forward: forward, backward: network.backward(forward, truncation: 2)).map(\.name)
                == ["cell-step-1", "cell-step-2", "cell-step-3", "cell-step-4", "truncation-windows"])
    }

    /// Every loss term's window, not only the last one's: with K = 2, inside each row the boxes of
    /// steps τ and τ − 1 are tinted and framed, the earlier ones grey (read just inside each box's
    /// top-left corner, and on the frame left of the window's first box, above the arrow).
    @Test(arguments: ["light", "dark"])
    func truncationFigureFramesEveryTermsWindow(themeName: String) throws {
        let theme = try #require(Theme.named(themeName))
        let (network, forward) = try manyToManyLSTM()
        let backward = network.backward(forward, truncation: 2)
        let figure = try #require(RecurrentFigures.lstm(forward: forward, backward: backward).last)
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions(theme: theme))
        let layout = RecurrentFigures.truncationLayout(steps: 4, lossSteps: [1, 2, 3, 4], units: 2)
        #expect(layout.terms == [1, 2, 3, 4] && layout.shown == 1...4 && layout.termsLeftOut == 0)
        for tau in 1...4 {
            for k in 1...4 {
                let frame = layout.frame(term: tau, step: k)
                guard let frame else { #expect(k > tau); continue }
                let kept = k > tau - 2
                let inside = pixel(surface, frame.x + 4, frame.y + 4)
                let expected = kept ? blend(theme.highlight, 0.3, over: theme.background) : blend(theme.padding, 1, over: theme.background)
                #expect(near(inside, expected), "E\(tau), step \(k): \(inside), expected \(expected) (\(kept ? "kept" : "cut"))")
                if k == max(1, tau - 1) {
                    #expect(near(pixel(surface, frame.x - 7, frame.y + 10), blend(theme.highlight, 1, over: theme.background)),
                            "E\(tau): the window's frame left of step \(k)")
                }
            }
        }
        // The numbers in the boxes are the chains' ∂Eτ/∂s⁽ᵏ⁾, and the captions say how the cells read them.
        let texts = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText.map(\.text)
        let e4 = try #require(backward.chains?.last?.links.last?.stateGradient)
        #expect(texts.contains(RecurrentFigures.number(e4[0])) && texts.contains("∂E₄/∂s⁽¹⁾"), "\(texts)")
        let cell = try #require(RecurrentFigures.lstm(forward: forward, backward: backward).first)
        let captions = try FigureRenderer.surface(for: cell, options: RenderOptions(format: .svg)).captionLines.joined(separator: " ")
        #expect(captions.contains("backward, truncated to K = 2: ∂E/∂s⁽¹⁾ = ") && captions.contains("from E₁, E₂; E₃, E₄ cut"), "\(captions)")
    }
}

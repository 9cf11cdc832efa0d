import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// The rnn and lstm figures at projector size: every number in a value box (the cells of these
/// figures) is a run of its own at 24 px or more, inside its box, and is the number the trace
/// recorded; every other text is at 18 px or more; boxes and texts do not collide. Checked for
/// every variant and for seeded networks with more hidden units (3, 4 and 6, where the boxes
/// cannot hold every number and the figure says so). Runs are read from the SVG's text layer as
/// drawn (position, size, advance width); boxes are where the layout puts them.
@Suite struct RecurrentProjectorTextTests {
    /// What one case draws, with the traces its boxes show.
    enum Drawn {
        case rnn(RecurrentNetwork, RNNForwardTrace, BPTTTrace, [Figure])
        case lstm(LSTMForwardTrace, LSTMBackwardTrace, [Figure])

        var figures: [Figure] {
            switch self {
            case .rnn(_, _, _, let figures), .lstm(_, _, let figures): figures
            }
        }
    }

    /// Every variant of rnn and lstm ("lesson/variant") and the seeded networks ("lesson/h…").
    static let cases: [String] = {
        let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))
        let variants = ["rnn", "lstm"].flatMap { id -> [String] in
            guard let file = try? directory.load(id) else { return ["\(id)/unreadable"] }
            return file.variants.map { "\(id)/\($0.name)" }
        }
        return variants + seeded.keys.sorted()
    }()

    /// The lesson's variants with `--text-scale 1.5` ("lesson/variant@1.5"): the boxes grow with their text.
    static let scaledCases: [String] = cases.filter { seeded[$0] == nil }.map { $0 + "@1.5" }

    /// A case's name and text scale.
    static func parse(_ name: String) -> (name: String, textScale: Double) {
        let parts = name.split(separator: "@").map(String.init)
        return (parts[0], parts.count > 1 ? Double(parts[1]) ?? 1 : 1)
    }

    /// Seeded networks larger than the lesson's: hidden units h, inputs n, outputs o (rnn), steps T,
    /// many-to-many or not, truncation K.
    static let seeded: [String: (h: Int, n: Int, o: Int, steps: Int, everyStep: Bool, truncation: Int?)] = [
        "rnn/h3": (3, 1, 1, 3, false, nil),
        "rnn/h4-n2-o2-T6": (4, 2, 2, 6, true, nil),
        "rnn/h3-T9-K3": (3, 1, 1, 9, true, 3),
        "rnn/h4-n4-o4": (4, 4, 4, 3, true, nil),
        "lstm/h3": (3, 1, 3, 3, false, nil),
        "lstm/h4-n2-T5": (4, 2, 4, 5, true, nil),
        "lstm/h6-n3": (6, 3, 6, 2, true, nil),
        "lstm/h3-T9-K3": (3, 1, 3, 9, true, 3),
        "lstm/h4-n2-T6-K1": (4, 2, 4, 6, false, 1),
    ]

    /// Values in [−0.8, 0.8] from `random`.
    static func values(_ count: Int, _ random: inout SplitMix64) -> [Double] {
        (0..<count).map { _ in Double(random.next() % 1601) / 1000 - 0.8 }
    }

    static func drawn(_ name: String) throws -> Drawn {
        let parts = name.split(separator: "/").map(String.init)
        let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))
        if let shape = seeded[name] {
            var random = SplitMix64(seed: UInt64(shape.h * 100 + shape.n * 10 + shape.steps))
            let matrix = { (rows: Int, columns: Int, random: inout SplitMix64) in
                Tensor(rows: (0..<rows).map { _ in values(columns, &random) })
            }
            let inputs = (0..<shape.steps).map { _ in values(shape.n, &random) }
            if parts[0] == "rnn" {
                let network = try RecurrentNetwork(U: matrix(shape.h, shape.n, &random), W: matrix(shape.h, shape.h, &random),
                                                   V: matrix(shape.o, shape.h, &random), b: values(shape.h, &random),
                                                   outputActivation: .linear, loss: .mse)
                let targets: RecurrentTargets = shape.everyStep ? .everyStep(inputs.map { _ in values(shape.o, &random) }) : .last(values(shape.o, &random))
                let forward = try network.forward(RecurrentSequence(inputs: inputs, targets: targets))
                let backward = network.backward(forward, truncation: shape.truncation)
                return .rnn(network, forward, backward, RecurrentFigures.rnn(network: network, forward: forward, backward: backward, vanishing: []))
            }
            let gates = (0..<4).map { _ in matrix(shape.h, shape.h + shape.n, &random) }
            let network = try LSTMNetwork(LSTMParameters(W_f: gates[0], W_i: gates[1], W_s: gates[2], W_o: gates[3],
                                                         b_f: values(shape.h, &random), b_i: values(shape.h, &random),
                                                         b_s: values(shape.h, &random), b_o: values(shape.h, &random)))
            let targets: RecurrentTargets = shape.everyStep ? .everyStep(inputs.map { _ in values(shape.h, &random) }) : .last(values(shape.h, &random))
            let forward = try network.forward(RecurrentSequence(inputs: inputs, targets: targets))
            let backward = network.backward(forward, truncation: shape.truncation)
            return .lstm(forward, backward, RecurrentFigures.lstm(forward: forward, backward: backward))
        }
        let lesson = try #require(LessonRegistry.lesson(parts[0]))
        let file = try directory.load(parts[0])
        let variant = try file.variant(parts[1])
        let figures = try lesson.run(file, variant: variant).figures
        if parts[0] == "rnn" {
            let example = try RNNExample(variant)
            let forward = try example.network.forward(example.sequence)
            return .rnn(example.network, forward, example.network.backward(forward, truncation: example.truncation), figures)
        }
        let example = try LSTMExample(variant)
        let forward = try example.network.forward(example.sequence)
        return .lstm(forward, example.network.backward(forward, truncation: example.truncation), figures)
    }

    /// One box of a figure: where it is and the vectors it shows (nil: only its name).
    struct Box {
        var frame: RecurrentFigures.BoxFrame
        var columns: [[Double]]?
    }

    /// The boxes of `figure` with the numbers each shows, from the layout and the traces.
    static func boxes(_ figure: Figure, _ drawn: Drawn, surface: Surface, textScale: Double = 1) throws -> [Box] {
        if figure.name == "truncation-windows" { return try truncationBoxes(drawn, textScale: textScale) }
        switch drawn {
        case .rnn(let network, let forward, let backward, _):
            let steps = forward.steps.count, sizes = RecurrentFigures.VectorSizes(network)
            let layout: RecurrentFigures.Layout
            var current: Int?, isBackward = false
            if figure.name == "unrolled" {
                layout = RecurrentFigures.layout(steps: steps, sizes: sizes, textScale: textScale)
            } else if let t = Int(figure.name.replacingOccurrences(of: "forward-step-", with: "")) {
                current = t
                layout = RecurrentFigures.layout(steps: steps, current: t, sizes: sizes, textScale: textScale)
            } else if let index = Int(figure.name.replacingOccurrences(of: "backward-step-", with: "")) {
                current = steps - index + 1
                isBackward = true
                layout = RecurrentFigures.layout(steps: steps, current: current, backward: true, sizes: sizes, textScale: textScale)
            } else {
                return []
            }
            let first = layout.shown.lowerBound - 1
            var boxes = [Box(frame: layout.frame(first, .state), columns: [first == 0 ? forward.initialState : forward.steps[first - 1].state])]
            for t in layout.shown {
                let step = forward.steps[t - 1]
                let computed = isBackward || current.map { t <= $0 } ?? true
                let state = isBackward ? (t >= current! ? backward.stateGradients[t - 1] : nil) : (computed ? step.state : nil)
                boxes.append(Box(frame: layout.frame(t, .output), columns: computed ? [step.output] : nil))
                boxes.append(Box(frame: layout.frame(t, .state), columns: state.map { [$0] }))
                boxes.append(Box(frame: layout.frame(t, .input), columns: [step.input]))
            }
            return boxes
        case .lstm(let forward, _, _):
            let t = try #require(Int(figure.name.replacingOccurrences(of: "cell-step-", with: "")))
            let step = forward.steps[t - 1], units = step.state.count
            let layout = RecurrentFigures.cellLayout(units: units, inputs: step.concatenated.count - units,
                                                     captionLines: surface.captionLines.count, textScale: textScale)
            let vectors: [[[Double]]] = [[step.previousState], [step.state], [step.forget], [step.input], [step.candidate],
                                         [step.outputGate], [step.output],
                                         [Array(step.concatenated.prefix(units)), Array(step.concatenated.dropFirst(units))]]
            return zip(layout.boxes, vectors).map { Box(frame: $0, columns: $1) }
        }
    }

    /// The boxes of the truncation figure: ∂Eτ/∂s⁽ᵏ⁾ of every drawn (term, step), from the chains.
    static func truncationBoxes(_ drawn: Drawn, textScale: Double) throws -> [Box] {
        let chains: [RecurrentFigures.TruncationChain], steps: Int, units: Int
        switch drawn {
        case .rnn(let network, let forward, let backward, _):
            (chains, steps, units) = (backward.chains.map(RecurrentFigures.TruncationChain.init), forward.steps.count, network.hiddenUnits)
        case .lstm(let forward, let backward, _):
            (chains, steps, units) = (try #require(backward.chains).map(RecurrentFigures.TruncationChain.init), forward.steps.count,
                                      forward.initialState.count)
        }
        let layout = RecurrentFigures.truncationLayout(steps: steps, lossSteps: chains.map(\.lossStep), units: units, textScale: textScale)
        #expect(!layout.terms.isEmpty)
        return chains.flatMap { chain in
            (1...chain.lossStep).compactMap { k in
                layout.frame(term: chain.lossStep, step: k).map { Box(frame: $0, columns: [chain.stateGradients[k - 1]]) }
            }
        }
    }

    static func isNumber(_ text: String) -> Bool { value(text) != nil }

    /// The number a box writes: "0.073", "−0.057" or "−4.7·10⁻³".
    static func value(_ text: String) -> Double? {
        let plain = text.replacingOccurrences(of: "−", with: "-")
        let parts = plain.components(separatedBy: "·10")
        guard parts.count == 2 else { return Double(plain) }
        let superscripts: [Character: Character] = ["⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-"]
        let exponent = String(parts[1].map { superscripts[$0] ?? "x" })
        guard let mantissa = Double(parts[0]), let power = Int(exponent) else { return nil }
        return mantissa * pow(10, Double(power))
    }

    /// The rectangle a run covers: its advance across, from above its capitals to under its descenders.
    static func extent(_ run: DrawnText) -> RecurrentFigures.BoxFrame {
        RecurrentFigures.BoxFrame(center: (run.x + run.width / 2, run.y - 0.36 * run.size), width: run.width, height: 1.1 * run.size)
    }

    /// What is wrong with the numbers in the boxes of `figure`: a number under 24 px, a number
    /// not the trace's, a box showing fewer numbers than it holds without saying "+k more".
    static func boxProblems(_ figure: Figure, _ drawn: Drawn, in name: String, textScale: Double = 1) throws -> [String] {
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, textScale: textScale))
        let runs = surface.drawnText
        var problems: [String] = []
        let boxes = try boxes(figure, drawn, surface: surface, textScale: textScale)
        for box in boxes {
            let inside = runs.filter { run in let e = extent(run); return box.frame.contains(e.x + e.width / 2, e.y + e.height / 2) }
            let numbers = inside.filter { !$0.bold && isNumber($0.text) }
            for run in numbers where run.size < RecurrentFigures.numberSize - 1e-9 {
                problems.append("\(name) \(figure.name): box number '\(run.text)' at \(run.size) px")
            }
            for run in inside where !run.bold && !isNumber(run.text) && !run.text.hasSuffix(" more") {
                problems.append("\(name) \(figure.name): '\(run.text)' in a box is neither a number nor '+k more'")
            }
            guard let columns = box.columns else {
                if !numbers.isEmpty { problems.append("\(name) \(figure.name): numbers in a box not computed yet") }
                continue
            }
            // Each column's numbers, top to bottom, are the first of its vector (three decimals
            // or two significant digits: within 0.0005 or 5 % of the value).
            let width = box.frame.width / Double(columns.count)
            for (index, values) in columns.enumerated() {
                let left = box.frame.x + width * Double(index)
                let column = numbers.filter { let c = $0.x + $0.width / 2; return c >= left && c <= left + width }.sorted { $0.y < $1.y }
                let shown = column.compactMap { Self.value($0.text) }
                let more = inside.contains { $0.text == "+\(values.count - shown.count) more" && abs(($0.x + $0.width / 2) - (left + width / 2)) < 1 }
                if shown.isEmpty || shown.count > values.count || (shown.count < values.count && !more) {
                    problems.append("\(name) \(figure.name): a box shows \(shown.count) of \(values.count) numbers")
                    continue
                }
                for (drawnValue, value) in zip(shown, values) where abs(drawnValue - value) > max(0.0005, 0.05 * abs(value)) {
                    problems.append("\(name) \(figure.name): box shows \(drawnValue), the trace has \(value)")
                }
            }
        }
        return problems
    }

    /// Every number in a box is its own run at 24 px and is the trace's; every number anywhere
    /// in these figures (the plot's ticks too) is at 24 px and every other text at 18 px.
    @Test(arguments: cases + scaledCases)
    func boxNumbersAreProjectorSizeAndTheTraces(_ name: String) throws {
        let (lesson, textScale) = Self.parse(name)
        let drawn = try Self.drawn(lesson)
        var problems: [String] = []
        for figure in drawn.figures {
            problems += try Self.boxProblems(figure, drawn, in: name, textScale: textScale)
            if textScale == 1 {
                problems += try ProjectorTextFloorTests.tooSmall(figure, lesson: name, numberFloor: ProjectorTextFloorTests.cellNumberFloor)
            }
        }
        #expect(problems.isEmpty, "\(problems.count) problems: \(problems.prefix(12).joined(separator: "; "))")
    }

    /// Each pair of boxes of `figure` that meet, each pair of texts that meet, each box or text
    /// off the slide, and each text that straddles a box's edge (a text is wholly inside one box
    /// or clear of every box).
    static func collisions(_ figure: Figure, _ drawn: Drawn, in name: String, textScale: Double = 1) throws -> [String] {
        var problems: [String] = []
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, textScale: textScale))
        let frames = try boxes(figure, drawn, surface: surface, textScale: textScale).map(\.frame)
        for (a, first) in frames.enumerated() {
            for second in frames[(a + 1)...] where first.meets(second) {
                problems.append("\(name) \(figure.name): boxes at (\(Int(first.x)), \(Int(first.y))) and (\(Int(second.x)), \(Int(second.y))) meet")
            }
            if first.x < 0 || first.y < 0 || first.x + first.width > 1280 || first.y + first.height > 720 {
                problems.append("\(name) \(figure.name): a box runs off the slide")
            }
        }
        let extents = surface.drawnText.map(extent)
        for (a, first) in extents.enumerated() {
            for b in extents.indices where b > a && first.meets(extents[b]) {
                problems.append("\(name) \(figure.name): '\(surface.drawnText[a].text)' meets '\(surface.drawnText[b].text)'")
            }
            if first.x < 0 || first.x + first.width > 1280 || first.y < 0 || first.y + first.height > 720 {
                problems.append("\(name) \(figure.name): '\(surface.drawnText[a].text)' runs off the slide")
            }
        }
        for run in surface.drawnText {
            let e = extent(run)
            let met = frames.filter { $0.meets(e) }
            let inside = met.count == 1 && met[0].x <= e.x && e.x + e.width <= met[0].x + met[0].width
                && met[0].y <= e.y && e.y + e.height <= met[0].y + met[0].height
            if !met.isEmpty && !inside {
                problems.append("\(name) \(figure.name): '\(run.text)' straddles a box's edge")
            }
        }
        return problems
    }

    /// No two boxes meet, no two texts meet (`NetworkLabelOverlapTests`' measure), every text is
    /// on the slide, and no text straddles a box's edge.
    @Test(arguments: cases + scaledCases)
    func boxesAndTextsDoNotCollide(_ name: String) throws {
        let (lesson, textScale) = Self.parse(name)
        let drawn = try Self.drawn(lesson)
        var problems: [String] = []
        for figure in drawn.figures {
            if textScale == 1 { problems += try NetworkLabelOverlapTests.problems(figure, in: name) }
            problems += try Self.collisions(figure, drawn, in: name, textScale: textScale)
        }
        #expect(problems.isEmpty, "\(problems.count) problems: \(problems.prefix(12).joined(separator: "; "))")
    }

    /// The checks can fail: a vector drawn on one line at 18 px in a box, and a box over a text.
    @Test func aVectorOnOneLineAndAStraddlingTextAreCaught() throws {
        let drawn = try Self.drawn("rnn/example")
        let real = try #require(drawn.figures.first { $0.name == "forward-step-1" })
        let layout = RecurrentFigures.layout(steps: 3, current: 1)
        let frame = layout.frame(1, .state)
        let figure = Figure(name: "forward-step-1", description: "a vector on one line") { canvas in
            real.draw(canvas)
            canvas.box(x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: canvas.theme.background, stroke: canvas.theme.gridLine)
            canvas.text("0.462", x: frame.x + frame.width / 2, y: frame.y + 40, size: 18, canvas.theme.foreground)
            canvas.text("(0.462, −0.291)", x: frame.x + frame.width / 2, y: frame.y + 60, size: 18, canvas.theme.foreground)
            canvas.text("a label across the edge", x: frame.x, y: frame.y, size: 18, canvas.theme.foreground)
        }
        let problems = try Self.boxProblems(figure, drawn, in: "test")
        #expect(problems.contains { $0.contains("box number '0.462' at 18") }, "\(problems)")
        #expect(problems.contains { $0.contains("'(0.462, −0.291)' in a box is neither") }, "\(problems)")
        let collisions = try Self.collisions(figure, drawn, in: "test")
        #expect(collisions.contains { $0.contains("'a label across the edge' straddles") }, "\(collisions)")
        #expect(try Self.boxProblems(real, drawn, in: "real").isEmpty && Self.collisions(real, drawn, in: "real").isEmpty)
    }
}

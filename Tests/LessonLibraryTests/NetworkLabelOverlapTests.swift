import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// The texts of a network figure never touch: every edge label's plate, every unit's lines, the
/// targets, the captions are apart from one another and on the canvas, in every variant of every
/// lesson that draws a network. Boxes are computed from the text as drawn (position, size and
/// advance width recorded with the SVG's text layer), not from the placement code.
@Suite struct NetworkLabelOverlapTests {
    static let lessons = ["mlp", "backprop", "perceptron"]

    /// Every variant of those lessons, as "lesson/variant".
    static let variants: [String] = {
        let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))
        return lessons.flatMap { id -> [String] in
            guard let file = try? directory.load(id) else { return ["\(id)/unreadable"] }
            return file.variants.map { "\(id)/\($0.name)" }
        }
    }()

    /// The box a run covers: an edge label (a bold number at the edge-label size) with its plate,
    /// any other text from just above its capitals to just under its descenders.
    static func box(_ run: DrawnText, textScale: Double = 1) -> NetworkFigures.LabelBox {
        let center = run.y - 0.36 * run.size
        let isEdgeLabel = run.bold && abs(run.size - 18 * textScale) < 1e-6
            && Double(run.text.replacingOccurrences(of: "−", with: "-")) != nil
        if isEdgeLabel {
            return .init(centerX: run.x + run.width / 2, centerY: center, width: run.width + 0.6 * run.size, height: 1.3 * run.size)
        }
        return .init(centerX: run.x + run.width / 2, centerY: center, width: run.width, height: 1.1 * run.size)
    }

    /// Each pair of runs of `figure` whose boxes meet, each run off the canvas and each under the
    /// floor (by default 18 px times the text scale).
    static func problems(_ figure: Figure, in pair: String, textScale: Double = 1, floor: Double? = nil) throws -> [String] {
        let floor = floor ?? ProjectorTextFloorTests.textFloor * textScale
        let runs = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, textScale: textScale)).drawnText
        let boxes = runs.map { box($0, textScale: textScale) }
        var problems: [String] = []
        for (a, first) in boxes.enumerated() {
            if !first.isInside(width: figure.width, height: figure.height) {
                problems.append("\(pair) \(figure.name): '\(runs[a].text)' runs off the canvas (x \(Int(first.x))…\(Int(first.x + first.width)))")
            }
            if runs[a].size < floor - 1e-6 {
                problems.append("\(pair) \(figure.name): '\(runs[a].text)' at \(runs[a].size) px, under the floor of \(floor) px")
            }
            for b in boxes.indices where b > a && first.overlap(boxes[b]) > 0 {
                problems.append("\(pair) \(figure.name): '\(runs[a].text)' meets '\(runs[b].text)'")
            }
        }
        return problems
    }

    @Test(arguments: variants)
    func noTwoTextsMeetAndAllAreOnTheCanvas(_ pair: String) throws {
        try check(pair, textScale: 1)
    }

    /// With `--text-scale` the texts grow on the same 1280×720 canvas: the layout makes room for
    /// them (taller boxes where a column has room, captions and column labels apart, edge labels
    /// spread further along their edges), so still no two meet and none runs off.
    @Test(arguments: variants, [1.25, 1.5])
    func noTwoTextsMeetAtLargerTextScales(_ pair: String, textScale: Double) throws {
        try check(pair, textScale: textScale)
    }

    func check(_ pair: String, textScale: Double) throws {
        let parts = pair.split(separator: "/").map(String.init)
        let lesson = try #require(LessonRegistry.lesson(parts[0]))
        let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))
        let file = try directory.load(parts[0])
        let output = try lesson.run(file, variant: try file.variant(parts[1]))
        var problems: [String] = []
        var checked = 0
        for figure in output.figures where figure.name.contains("forward") || figure.name.contains("backward") || figure.name.contains("network") {
            problems += try Self.problems(figure, in: pair, textScale: textScale)
            checked += 1
        }
        #expect(checked > 0, "\(pair) draws no network figure")
        #expect(problems.isEmpty, "at text scale \(textScale): \(problems.count) problems: \(problems.prefix(12).joined(separator: "; "))")
    }

    /// The check can fail: two labels drawn on top of each other are caught.
    @Test func labelsDrawnOnTopOfEachOtherAreCaught() throws {
        let figure = Figure(name: "forward", description: "two labels in one place") { canvas in
            canvas.plateLabel("0.25", x: 400, y: 300, size: 18, canvas.theme.positive, background: canvas.theme.background, weight: .bold)
            canvas.plateLabel("−0.14", x: 440, y: 310, size: 18, canvas.theme.negative, background: canvas.theme.background, weight: .bold)
            canvas.text("y₁ = 0.8", x: 1250, y: 300, size: 20, canvas.theme.foreground, align: .left)
        }
        let problems = try Self.problems(figure, in: "test")
        #expect(problems.contains { $0.contains("'0.25' meets '−0.14'") })
        #expect(problems.contains { $0.contains("'y₁ = 0.8' runs off the canvas") })
    }
}

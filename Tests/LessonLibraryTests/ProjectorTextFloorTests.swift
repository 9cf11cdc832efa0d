import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// Every lesson's figures can be read from the back of a hall: at 1280×720 no text is smaller than
/// 18 px (numbers in grid cells have their own 24 px floor, checked where the grid is drawn:
/// `ProjectorTextTests`, here for a 28×28 conv2d and for every number of the grid lessons). Sizes are read back from the SVG's text
/// layer, so what is measured is what a viewer gets.
@Suite struct ProjectorTextFloorTests {
    let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))

    /// The smallest size any text may have, in pixels of a 1280×720 slide.
    static let textFloor = 18.0
    /// The smallest size a number in a grid cell may have.
    static let cellNumberFloor = 24.0

    static func isNumber(_ text: String) -> Bool {
        Double(text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: ",", with: "")) != nil
    }

    /// Each run of `figure` under its floor, as "lesson figure: 'text' at size px (floor n)".
    static func tooSmall(_ figure: Figure, lesson: String, numberFloor: Double = textFloor) throws -> [String] {
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        let runs = SVGText.runs(in: svg)
        return runs.compactMap { run in
            let floor = isNumber(run.text) ? numberFloor : textFloor
            return run.size >= floor - 1e-6 ? nil
                : "\(lesson) \(figure.name): '\(run.text)' at \(String(format: "%.1f", run.size)) px (floor \(Int(floor)))"
        }
    }

    /// The lessons drawn as grids of numbers: every number they draw sits in a cell (or is a sum
    /// written as large), so every number is held to `cellNumberFloor`.
    /// conv1d's position ticks under the signal strip are numbers outside cells, held to 24 px too.
    static let gridLessons: Set<String> = [
        "conv2d", "conv-channels", "conv2d-modes", "separable", "conv1d", "conv-transpose", "conv-matrix",
        "pooling", "conv-arithmetic", "conv2d-backward", "cnn", "image-filters", "param-count",
    ]

    /// Every variant of every lesson, as "lesson/variant" (the example is "lesson/example"),
    /// so a variant with a larger network or image is measured too.
    static let allVariants: [String] = {
        let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))
        return LessonRegistry.ids.flatMap { id -> [String] in
            guard let file = try? directory.load(id) else { return ["\(id)/unreadable"] }
            return file.variants.map { "\(id)/\($0.name)" }
        }
    }()

    /// Every variant of every lesson keeps every text at 18 px or more, and every number of a
    /// grid lesson at 24 px.
    @Test(arguments: allVariants)
    func everyVariantHasNoTextUnderTheFloor(_ pair: String) throws {
        let parts = pair.split(separator: "/").map(String.init)
        let id = parts[0], name = parts[1]
        let lesson = try #require(LessonRegistry.lesson(id))
        let file = try directory.load(id)
        let output = try lesson.run(file, variant: try file.variant(name))
        let numberFloor = Self.gridLessons.contains(id) ? Self.cellNumberFloor : Self.textFloor
        var problems: [String] = []
        for figure in output.figures { problems += try Self.tooSmall(figure, lesson: pair, numberFloor: numberFloor) }
        #expect(problems.isEmpty, "\(problems.count) runs too small: \(problems.prefix(12).joined(separator: "; "))")
    }

    /// A 28×28 input cannot be drawn whole with 24 px numbers: the frames say so, show a window
    /// around the step (the window read and the cell written inside it) and keep every number
    /// at 24 px and every other text at 18 px.
    @Test func aLargeConv2DInputIsZoomedInsteadOfShrunk() throws {
        var random = SplitMix64(seed: 28)
        let input = Tensor(shape: [28, 28], scalars: (0..<784).map { _ in Double(random.next() % 10) })
        let kernel = Tensor(shape: [3, 3], scalars: [1, 0, -1, 2, 0, -2, 1, 0, -1])
        let trace = try Conv2D(kernel: kernel).forward(input)
        let frames = ConvolutionFigures.frames(trace)
        for index in [0, 40, 337, frames.count - 1] {
            let figure = frames[index]
            let layout = ConvolutionFigures.layout(for: trace, step: index)
            let step = trace.steps[index]
            #expect(layout.zoomed, "step \(index + 1): 28×28 should be zoomed")
            #expect(layout.input.shownRows.contains(step.windowRows.lowerBound) && layout.input.shownRows.contains(step.windowRows.upperBound)
                    && layout.input.shownColumns.contains(step.windowColumns.lowerBound)
                    && layout.input.shownColumns.contains(step.windowColumns.upperBound), "step \(index + 1): window in view")
            #expect(layout.output.shownRows.contains(step.row) && layout.output.shownColumns.contains(step.column))
            #expect(layout.input.cellSize * 0.4 >= Self.cellNumberFloor - 1e-9)
            let problems = try Self.tooSmall(figure, lesson: "conv2d 28×28", numberFloor: Self.cellNumberFloor)
            #expect(problems.isEmpty, "\(problems.prefix(12).joined(separator: "; "))")
            let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
            #expect(SVGText.texts(in: svg).contains { $0.contains("too large for projector-size numbers") })
        }
        let small = try Conv2D(kernel: kernel).forward(Tensor(shape: [5, 5], repeating: 1))
        #expect(!ConvolutionFigures.layout(for: small, step: 0).zoomed, "a 5×5 input is drawn whole")
    }

    /// Every coloured text every lesson draws (its default figures, in every theme) reads at 4.5:1
    /// on the theme's background. Greys are left out: they are picked for the cell they sit on.
    @Test(arguments: LessonRegistry.ids)
    func colouredTextReadsOnTheBackgroundInEveryTheme(_ id: String) throws {
        let lesson = try #require(LessonRegistry.lesson(id))
        let file = try directory.load(id)
        let output = try lesson.run(file, variant: try file.variant(nil))
        for theme in Theme.all {
            for figure in output.figures.prefix(4) {
                let runs = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, theme: theme)).drawnText
                for run in runs {
                    let c = run.color, chroma = max(c.red, c.green, c.blue) - min(c.red, c.green, c.blue)
                    guard chroma > 0.08 else { continue }
                    let contrast = c.composited(over: theme.background).contrast(with: theme.background)
                    #expect(contrast >= 4.5, "\(id) \(figure.name) (\(theme.name)): '\(run.text)' at \(contrast):1")
                }
            }
        }
    }
}

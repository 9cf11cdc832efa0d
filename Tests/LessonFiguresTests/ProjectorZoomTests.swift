import LessonCore
import LessonFigures
import LessonTestSupport
import Testing

/// Figures that would need numbers under 24 px at 1280×720 show less and say so instead of
/// shrinking: the image-filters zoom (the window alone) and the param-count table (split).
/// Sizes are read back from the SVG's text layer.
@Suite struct ProjectorZoomTests {
    /// The size a number in a cell may not go under, and any other text.
    static let numberFloor = 24.0, textFloor = 18.0

    static func isNumber(_ text: String) -> Bool {
        Double(text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: ",", with: "")) != nil
    }

    /// The runs of `figure` under their floor, as "'text' at n px".
    static func tooSmall(_ figure: Figure) throws -> [String] {
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        return SVGText.runs(in: svg).compactMap { run in
            run.size >= (isNumber(run.text) ? numberFloor : textFloor) - 1e-9 ? nil : "'\(run.text)' at \(run.size) px"
        }
    }

    static func texts(_ figure: Figure) throws -> [String] {
        SVGText.texts(in: String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self))
    }

    /// A 12×16 picture of 0 and 255 in a checkerboard with a bright block: the widest filtered
    /// values the kernels make (sharpen 2295, edge −2040, Sobel ±1020, five-digit sums).
    static let picture: Tensor = {
        var image = Tensor(shape: [12, 16])
        for r in 0..<12 { for c in 0..<16 { image[r, c] = (r + c) % 2 == 0 || (r > 6 && c > 9) ? 255 : 0 } }
        return image
    }()

    /// Every kernel, worked at the corners, an edge and the middle of the checkerboard: every
    /// number is at 24 px or more, every other text at 18; when only the window is shown the
    /// figure says so, and the window, the kernel and the worked value are all there.
    @Test(arguments: ImageKernel.all.map(\.name))
    func imageFilterZoomKeepsNumbersAtProjectorSize(_ name: String) throws {
        let kernel = try ImageKernel.named(name)
        for focus in [(0, 0), (11, 15), (5, 0), (6, 8)] {
            guard let trace = try? ImageFilter(kernel: kernel).apply(Self.picture, focus: focus) else { continue }
            let zoom = try #require(ImageFilterFigures.figures(trace, imageName: "checkerboard").first { $0.name == "zoom" })
            let problems = try Self.tooSmall(zoom)
            #expect(problems.isEmpty, "\(name) at \(focus): \(problems.prefix(8))")
            let texts = try Self.texts(zoom)
            let said = texts.contains { $0.hasPrefix("the window alone, so its numbers read at projector size") }
            // Which layout was taken, measured as the figure measures.
            let layout = try FigureRenderer.surface(for: zoom, options: RenderOptions(format: .svg)).drawnText
            let windowCells = trace.patch.windowRows.count * trace.patch.windowColumns.count
            let ringCells = trace.patch.rows.count * trace.patch.columns.count
            let inputNumbers = layout.filter { Self.isNumber($0.text) }.count
            let kernelCells = kernel.weights.count
            // Input and output grids show the same cells; the output has no number in padding.
            #expect(inputNumbers >= windowCells + kernelCells + 1, "\(name) at \(focus): \(inputNumbers) numbers")
            if said {
                #expect(inputNumbers <= 2 * windowCells + kernelCells, "\(name) at \(focus): only the window is drawn")
            } else {
                #expect(inputNumbers > 2 * windowCells + kernelCells || ringCells == windowCells,
                        "\(name) at \(focus): the pixels around the window are drawn")
            }
            #expect(texts.contains(Notation.number(trace.worked.value, decimals: 0)) || texts.contains(Notation.number(trace.worked.value, decimals: 1)),
                    "\(name) at \(focus): the worked value \(trace.worked.value)")
        }
    }

    /// The sharpen window of the checkerboard cannot hold its ring of pixels at 24 px (2295 in
    /// 5 columns plus a 3×3 kernel), so the window is drawn alone; a 3×3 box blur of the same
    /// picture keeps the ring (three digits).
    @Test func theRingIsDroppedOnlyWhenItDoesNotFit() throws {
        let sharpen = try ImageFilter(kernel: ImageKernel.named("sharpen")).apply(Self.picture, focus: (6, 8))
        let blur = try ImageFilter(kernel: ImageKernel.named("box-blur")).apply(Self.picture, focus: (6, 8))
        let measure: (Figure) throws -> Bool = { figure in
            try Self.texts(figure).contains { $0.hasPrefix("the window alone") }
        }
        #expect(try measure(ImageFilterFigures.figures(sharpen, imageName: "c")[1]))
        #expect(try !measure(ImageFilterFigures.figures(blur, imageName: "c")[1]))
    }

    /// A model with more layers than one table holds at 24 px is split into tables of
    /// `rowsPerFigure` layers, each saying which layers it shows; every layer is in one of them.
    @Test func aLongModelSummaryIsSplitNotShrunk() throws {
        let model = "input(28,28,3) " + Array(repeating: "conv2d(8,3,padding=same) batch_norm", count: 6).joined(separator: " ")
            + " flatten dense(10)"
        let summary = try ModelSummary.summarize(model)
        #expect(summary.layers.count == 14)
        let per = ModelSummaryFigure.rowsPerFigure()
        #expect(per == 7)
        let figures = ModelSummaryFigure.figures(summary, title: "T")
        #expect(figures.map(\.name) == ["summary-1", "summary-2"])
        var words: [String] = []
        for (index, figure) in figures.enumerated() {
            let problems = try Self.tooSmall(figure)
            #expect(problems.isEmpty, "\(figure.name): \(problems.prefix(8))")
            let texts = try Self.texts(figure)
            let first = index * per + 1, last = min(first + per - 1, 14)
            #expect(texts.contains("layers \(first)–\(last) of 14, part \(index + 1) of 2: the whole table would not keep its numbers at projector size"))
            words += texts.filter { $0.hasPrefix("conv2d(") || $0.hasPrefix("batch_norm") || $0.hasPrefix("flatten") || $0.hasPrefix("dense(") }
        }
        #expect(words.count == 14, "every layer in one table: \(words)")
        // A model that fits keeps one table, named as before, with no note.
        let short = ModelSummaryFigure.figures(try ModelSummary.summarize("input(2) dense(4) dense(4) dense(1)"), title: "T")
        #expect(short.map(\.name) == ["summary"])
        #expect(try Self.tooSmall(short[0]).isEmpty)
        #expect(try !Self.texts(short[0]).contains { $0.hasPrefix("layers ") })
    }
}

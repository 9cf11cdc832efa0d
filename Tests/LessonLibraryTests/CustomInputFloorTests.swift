import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// Custom inputs as a teacher types them (1×1 to 10×10 inputs, 1×1 to 5×5 kernels, padding,
/// stride, dilation, long decimals and negatives) keep the projector floors in conv-matrix and
/// cnn: every number at 24 px, every other text at 18 px, every text inside the 1280 px slide;
/// conv-matrix's frames show (or name) every weight of the row in play. Read back from the SVG's
/// text layer and the drawn runs, over seeded random cases (the seed is in every message).
@Suite struct CustomInputFloorTests {
    static func directory() -> LessonDirectory { LessonDirectory(url: packageRoot.appendingPathComponent("lessons")) }

    /// A value a teacher might type: small integers, negatives, one or two decimals, or larger ones.
    static func value(_ random: inout SplitMix64) -> Double {
        switch random.next() % 6 {
        case 0: Double(Int(random.next() % 19) - 9)
        case 1: Double(Int(random.next() % 401) - 200) / 4
        case 2: Double(Int(random.next() % 20001) - 10000) / 100
        case 3: Double(Int(random.next() % 2001) - 1000) / 1000
        default: Double(random.next() % 10)
        }
    }

    static func matrix(_ rows: Int, _ columns: Int, _ random: inout SplitMix64) -> Tensor {
        Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in value(&random) })
    }

    /// Every text of `figure` outside the slide (its drawn run reaching past 0 or 1280, 0 or 720).
    static func outside(_ figure: Figure) throws -> [String] {
        let runs = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText
        return runs.compactMap { run in
            run.x < -0.5 || run.x + run.width > 1280.5 || run.y < 0 || run.y > 720
                ? "\(figure.name): '\(run.text)' at x \(Int(run.x))…\(Int(run.x + run.width)), y \(Int(run.y))" : nil
        }
    }

    /// A seeded conv-matrix case: input, kernel and window settings the lesson accepts.
    static func convMatrixCase(seed: UInt64) throws -> ConvolutionMatrixTrace {
        var random = SplitMix64(seed: seed)
        let n = [1 + Int(random.next() % 10), 1 + Int(random.next() % 10)]
        let padding = Pair2(Int(random.next() % 3) == 2 ? 1 : 0)
        let stride = Pair2(random.next() % 4 == 0 ? 2 : 1)
        let dilation = Pair2(random.next() % 6 == 0 ? 2 : 1)
        // A kernel that fits the padded input with its dilation: at most 5×5.
        let k = (0..<2).map { axis in
            let room = (n[axis] + 2 * padding.rows - 1) / dilation.rows + 1
            return 1 + Int(random.next() % UInt64(max(1, min(5, room))))
        }
        let kernel = matrix(k[0], k[1], &random), input = matrix(n[0], n[1], &random)
        return try ConvolutionMatrix(kernel: kernel, inputShape: n, padding: padding, stride: stride, dilation: dilation).multiply(input)
    }

    @Test(arguments: 1...40)
    func convMatrixCustomInputsKeepTheFloors(_ seed: Int) throws {
        let trace = try Self.convMatrixCase(seed: UInt64(seed))
        let label = "seed \(seed): input \(Notation.shape(trace.input.shape)), kernel \(Notation.shape(trace.matrix.kernel.shape)), M \(Notation.shape(trace.matrix.matrix.shape))"
        let figures = ConvolutionMatrixFigures.figures(trace)
        let count = trace.products.count
        let picked = Set([0, count / 2, count - 1, count, count + 1].filter { $0 < figures.count })
        var problems: [String] = []
        for index in picked.sorted() {
            let figure = figures[index]
            problems += try ProjectorTextFloorTests.tooSmall(figure, lesson: label, numberFloor: ProjectorTextFloorTests.cellNumberFloor)
            problems += try Self.outside(figure)
        }
        #expect(problems.isEmpty, "\(label): \(problems.prefix(8).joined(separator: "; "))")
        // The row in play: each of its weights is in a part of M's window, or the frame names the cut.
        for index in picked where index < count {
            let layout = ConvolutionMatrixFigures.layout(for: trace, row: index)
            let missing = trace.matrix.rows[index].entries.map(\.column).filter { !layout.shows(column: $0) }
            #expect(missing == layout.cutWeightColumns, "\(label) row \(index + 1): weights in columns \(missing) not shown")
            if !missing.isEmpty {
                let texts = SVGText.texts(in: String(decoding: try FigureRenderer.render(figures[index], options: RenderOptions(format: .svg)), as: UTF8.self))
                #expect(texts.contains { $0.contains("not drawn for lack of room") && $0.contains("columns \(missing[0] + 1)") })
            }
        }
    }

    /// The cases: a 5×5 or 6×6 input with −12.5 and 103.25 in it keeps 24 px numbers (the
    /// cells grow, or the top band becomes maps); a row's weights are all in view, or the ones
    /// left out (cells of ~100 px for such numbers, 25 weights of a 5×5 kernel) are named.
    @Test(arguments: [5, 6])
    func decimalsAndNegativesKeepTwentyFourPixels(_ size: Int) throws {
        var random = SplitMix64(seed: UInt64(size))
        var input = Self.matrix(size, size, &random)
        input[0, 0] = -12.5
        input[1, 1] = 103.25
        input[size - 1, size - 1] = -0.125
        for kernelSize in [3, 5] {
            let kernel = Self.matrix(kernelSize, kernelSize, &random)
            let trace = try ConvolutionMatrix(kernel: kernel, inputShape: input.shape).multiply(input)
            let figures = ConvolutionMatrixFigures.figures(trace)
            for (index, figure) in figures.enumerated() {
                let problems = try ProjectorTextFloorTests.tooSmall(figure, lesson: "\(size)×\(size) ⊛ \(kernelSize)×\(kernelSize)",
                                                                    numberFloor: ProjectorTextFloorTests.cellNumberFloor) + Self.outside(figure)
                #expect(problems.isEmpty, "\(problems.prefix(6).joined(separator: "; "))")
                guard index < trace.products.count else { continue }
                // Every weight of the row in view; or, with a 5×5 kernel whose 25 weights need more
                // than 1280 px at 24 px, the ones left out named in the frame.
                let layout = ConvolutionMatrixFigures.layout(for: trace, row: index)
                let missing = trace.matrix.rows[index].entries.map(\.column).filter { !layout.shows(column: $0) }
                #expect(missing == layout.cutWeightColumns, "\(size)×\(size) ⊛ \(kernelSize)×\(kernelSize) row \(index + 1): \(missing)")
                if !missing.isEmpty {
                    let texts = SVGText.texts(in: String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self))
                    #expect(texts.contains { $0.contains("\(missing.count) weights of this row (columns \(missing[0] + 1)–") })
                }
            }
        }
    }

    /// Moderate numbers (small integers and halves) with a 3×3 kernel on inputs up to 10×10: every
    /// weight of every row in view, in one window or in parts.
    @Test(arguments: [(5, 5), (6, 6), (10, 10), (4, 10), (10, 3)])
    func aThreeByThreeRowIsAlwaysWhole(_ rows: Int, _ columns: Int) throws {
        var random = SplitMix64(seed: UInt64(rows * 16 + columns))
        let input = Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in Double(Int(random.next() % 19) - 9) / 2 })
        let trace = try ConvolutionMatrix(kernel: Tensor(rows: [[1, -1.5, 2], [0, 3, -4], [1, 2, 1]]), inputShape: input.shape,
                                          padding: Pair2(1)).multiply(input)
        for index in trace.matrix.rows.indices {
            let layout = ConvolutionMatrixFigures.layout(for: trace, row: index)
            let missing = trace.matrix.rows[index].entries.map(\.column).filter { !layout.shows(column: $0) }
            #expect(missing.isEmpty, "\(rows)×\(columns) row \(index + 1): columns \(missing) not in view")
        }
    }

    /// The input's number of rows no longer shrinks the top band: a 7-row input either keeps
    /// 60 px cells at the top or is drawn as a map, and the figure says so.
    @Test func aTallInputIsAMapNotSmallNumbers() throws {
        var random = SplitMix64(seed: 7)
        let input = Self.matrix(7, 4, &random)
        let trace = try ConvolutionMatrix(kernel: Tensor(rows: [[1, 2], [3, 4]]), inputShape: input.shape).multiply(input)
        let layout = ConvolutionMatrixFigures.layout(for: trace, row: 0)
        #expect(layout.topMaps || layout.input.cellSize >= 60 - 1e-9)
        let figure = ConvolutionMatrixFigures.figures(trace)[0]
        let svg = String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self)
        let numbers = SVGText.runs(in: svg).filter { ProjectorTextFloorTests.isNumber($0.text) }
        #expect(numbers.allSatisfy { $0.size >= 24 - 1e-6 }, "\(numbers.filter { $0.size < 24 }.prefix(4))")
        if layout.topMaps {
            #expect(SVGText.texts(in: svg).contains { $0.hasPrefix("input and z drawn as maps") })
        }
    }

    /// A seeded cnn case: an image of 4×4 to 10×10 with decimals, the lesson's two 3×3 filters,
    /// dense weights with one column per flattened value.
    static func cnnCase(seed: UInt64) throws -> CNNLesson.Example {
        var random = SplitMix64(seed: seed)
        let file = try directory().load("cnn")
        var example = try CNNLesson.Example(try file.variant(nil))
        let h = 4 + Int(random.next() % 7), w = 4 + Int(random.next() % 7)
        example.image = matrix(h, w, &random)
        let pooled = ((h - 2) / 2) * ((w - 2) / 2)
        example.denseWeights = matrix(3, example.filters.count * pooled, &random)
        example.denseBias = (0..<3).map { _ in value(&random) }
        example.expected = CNNLesson.Example.Expected()
        return example
    }

    @Test(arguments: 1...12)
    func cnnCustomInputsKeepTheFloors(_ seed: Int) throws {
        let example = try Self.cnnCase(seed: UInt64(seed))
        let output = try CNNLesson.run(example, heading: LessonHeading(title: "A small CNN"))
        let label = "seed \(seed): image \(Notation.shape(example.image.shape))"
        var problems: [String] = []
        for figure in output.figures {
            problems += try ProjectorTextFloorTests.tooSmall(figure, lesson: label, numberFloor: ProjectorTextFloorTests.cellNumberFloor)
            problems += try Self.outside(figure)
        }
        #expect(problems.isEmpty, "\(label): \(problems.prefix(8).joined(separator: "; "))")
    }

    /// A cnn matrix too large for its numbers is cut (⋯), and its label says which part is shown:
    /// a 10×10 image with two-decimal values shows "image x (r×c of 10×10)", its 8×8 feature map
    /// "z₁ (r×c of 8×8)"; every grid of the figure that is a window says so in its label.
    @Test func aCutCNNMatrixSaysWhichPartIsShown() throws {
        var example = try Self.cnnCase(seed: 3)
        var random = SplitMix64(seed: 30)
        example.image = Tensor(shape: [10, 10], scalars: (0..<100).map { _ in Double(Int(random.next() % 20001) - 5000) / 100 })
        example.denseWeights = Self.matrix(3, example.filters.count * 16, &random)
        let output = try CNNLesson.run(example, heading: LessonHeading(title: "A small CNN"))
        let figure = try #require(output.figures.first { $0.name == "forward-1-conv" })
        let texts = SVGText.texts(in: String(decoding: try FigureRenderer.render(figure, options: RenderOptions(format: .svg)), as: UTF8.self))
        let pattern = "^image x \\([0-9]+×[0-9]+ of 10×10\\)$"
        #expect(texts.contains { $0.range(of: pattern, options: .regularExpression) != nil }, "\(texts.prefix(12))")
        #expect(texts.contains { $0.hasPrefix("z₁ (") && $0.hasSuffix(" of 8×8)") }, "\(texts.prefix(12))")
        #expect(texts.contains { $0.contains("a label's (r×c of m×n) is the top-left part shown") })
    }
}

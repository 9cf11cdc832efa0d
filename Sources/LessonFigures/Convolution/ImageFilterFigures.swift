import LessonCore

/// The figures of an image filter: the picture before and after, side by side, and a zoomed
/// patch with the numbers of the worked window. Everything is read from the trace.
public enum ImageFilterFigures {
    /// A picture's size as the text writes it, width first: "200×150 pixels" (150 rows, 200 columns).
    static func pixels(_ shape: [Int]) -> String { "\(shape[1])×\(shape[0]) pixels" }

    /// Where the two pictures sit on the side-by-side figure; public so tests can find pixels.
    public struct PictureLayout: Sendable {
        public var input: (x: Double, y: Double, width: Double, height: Double)
        public var output: (x: Double, y: Double, width: Double, height: Double)
        /// Figure units per image pixel.
        public var scale: Double
    }

    /// The placement of both pictures for an image of `inputShape` filtered to `outputShape`.
    public static func pictureLayout(inputShape: [Int], outputShape: [Int]) -> PictureLayout {
        let boxWidth = 560.0, boxHeight = 470.0
        let rows = Double(max(inputShape[0], outputShape[0])), columns = Double(max(inputShape[1], outputShape[1]))
        let scale = min(boxWidth / columns, boxHeight / rows)
        let top = 110 + (boxHeight - rows * scale) / 2
        func box(_ shape: [Int], centre: Double) -> (x: Double, y: Double, width: Double, height: Double) {
            let w = Double(shape[1]) * scale, h = Double(shape[0]) * scale
            return (centre - w / 2, top, w, h)
        }
        return PictureLayout(input: box(inputShape, centre: 320), output: box(outputShape, centre: 960), scale: scale)
    }

    /// The side-by-side picture and the zoomed window.
    public static func figures(_ trace: ImageFilterTrace, imageName: String) -> [Figure] {
        let w = trace.worked
        return [
            Figure(name: "side-by-side", description: "\(imageName) (\(pixels(trace.inputShape))) and the same picture filtered with \(trace.kernel.name), \(trace.displayRule.formula); the worked pixel \(w.label) is marked in both.") { canvas in
                drawSideBySide(trace, imageName: imageName, on: canvas)
            },
            Figure(name: "zoom", description: "The pixels around \(w.label) with their values, the \(trace.kernel.name) kernel, and the filtered values; the window gives \(Notation.number(w.value)).") { canvas in
                drawZoom(trace, on: canvas)
            },
        ]
    }

    private static func drawSideBySide(_ trace: ImageFilterTrace, imageName: String, on canvas: Canvas) {
        let theme = canvas.theme
        Caption.title("Image filter · \(trace.kernel.name): \(trace.kernel.title)", on: canvas, width: 1280)
        let layout = pictureLayout(inputShape: trace.inputShape, outputShape: trace.output.shape)
        let a = layout.input, b = layout.output
        canvas.grayImage(trace.input, x: a.x, y: a.y, width: a.width, height: a.height)
        canvas.grayImage(trace.display, x: b.x, y: b.y, width: b.width, height: b.height)
        canvas.strokeRect(x: a.x, y: a.y, width: a.width, height: a.height, theme.gridLine, lineWidth: 1)
        canvas.strokeRect(x: b.x, y: b.y, width: b.width, height: b.height, theme.gridLine, lineWidth: 1)
        let inputLabel = "input: \(Typography.literal(imageName)) (\(pixels(trace.inputShape)))"
        let outputLabel = "filtered with \(trace.kernel.name) (\(pixels(trace.output.shape)))"
        // At a larger text scale each label keeps to its half of the slide, both as large as fits
        // there (never smaller than at text scale 1).
        let size = canvas.textScale > 1
            ? max(22 / canvas.textScale, min(canvas.fittingSize(inputLabel, size: 22, maxWidth: 620, weight: .bold),
                                             canvas.fittingSize(outputLabel, size: 22, maxWidth: 620, weight: .bold)))
            : 22
        canvas.text(inputLabel, x: canvas.centerOnSlide(inputLabel, x: a.x + a.width / 2, size: size, weight: .bold),
                    y: a.y - 22, size: size, theme.foreground, weight: .bold)
        canvas.text(outputLabel, x: b.x + b.width / 2, y: b.y - 22, size: size, theme.foreground, weight: .bold)
        canvas.arrow(from: (a.x + a.width + 20, a.y + a.height / 2), to: (b.x - 20, b.y + b.height / 2), theme.foreground, lineWidth: 3,
                     headLength: 16)
        // The window on the input, the worked pixel on the output.
        let s = layout.scale, patch = trace.patch, w = trace.worked
        let pad = 3.0
        // The window's pixels inside the picture: at a border its padding lies off the picture,
        // and on a small picture (big pixels) a frame around it would cross the labels and title.
        let rows = patch.windowRows.clamped(to: 0...(trace.inputShape[0] - 1))
        let columns = patch.windowColumns.clamped(to: 0...(trace.inputShape[1] - 1))
        canvas.strokeRect(x: a.x + Double(columns.lowerBound) * s - pad, y: a.y + Double(rows.lowerBound) * s - pad,
                          width: Double(columns.count) * s + 2 * pad, height: Double(rows.count) * s + 2 * pad,
                          theme.highlight, lineWidth: 3)
        canvas.strokeRect(x: b.x + Double(w.column) * s - pad, y: b.y + Double(w.row) * s - pad, width: s + 2 * pad, height: s + 2 * pad,
                          theme.current, lineWidth: 3)
        Caption.lines(["\(w.label) = \(Notation.number(w.value)), shown as \(Notation.number(w.displayed)) · \(trace.displayRule.formula) · zero padding \(trace.padding)"],
                      on: canvas, width: 1280, bottom: 720 - 40, size: 22)
    }

    /// How the zoomed figure is laid out: the window with one pixel around it, or the window alone,
    /// and how many decimals the filtered values keep; public so tests can find the cells.
    public struct ZoomLayout: Sendable {
        /// The patch's rows and columns shown (image coordinates), the same on input and output.
        public var rows: ClosedRange<Int>
        public var columns: ClosedRange<Int>
        /// Whether only the window is shown (the pixels around it would make the numbers too small).
        public var windowOnly: Bool
        /// Decimals of the filtered values: 1 where they fit, else 0 (the caption keeps the exact value).
        public var decimals: Int
        /// The side of a cell, the same in all three grids.
        public var cell: Double
    }

    /// The smallest size of a number in a cell at 1280×720 (`ConvolutionFigures.minimumNumberSize`).
    static let numberSize = ConvolutionFigures.minimumNumberSize
    /// The space between two grids, which holds ⋆ or →.
    static let zoomGap = 90.0

    /// The first of: the window and the pixels around it, then the window alone, each with one
    /// decimal then none, whose numbers all fit their cells at `numberSize` (`width` measures a
    /// text at a size, bold or not). The window alone with whole numbers when nothing fits.
    public static func zoomLayout(_ trace: ImageFilterTrace, width: (String, Double, Bool) -> Double) -> ZoomLayout {
        let patch = trace.patch, k = trace.kernel.weights.shape
        let window = (rows: patch.windowRows, columns: patch.windowColumns)
        var choices: [ZoomLayout] = []
        for (windowOnly, rows, columns) in [(false, patch.rows, patch.columns), (true, window.rows, window.columns)] {
            let across = Double(2 * columns.count + k[1]), down = Double(max(rows.count, k[0]))
            let cell = min(100, (1280 - 100 - 2 * zoomGap) / across, (720 - 290) / down)
            for decimals in [1, 0] {
                choices.append(ZoomLayout(rows: rows, columns: columns, windowOnly: windowOnly, decimals: decimals, cell: cell))
            }
        }
        func fits(_ layout: ZoomLayout) -> Bool {
            // 60 px cells hold a number at 0.4 of the cell (24 px) and the weight note at 18 px; a
            // long number keeps 24 px while it fits 0.94 of the cell (`Grid.numberFloor`).
            guard layout.cell >= numberSize / 0.4 - 1e-9 else { return false }
            let room = layout.cell * 0.94
            for r in layout.rows {
                for c in layout.columns {
                    let a = r - patch.rows.lowerBound, b = c - patch.columns.lowerBound
                    let inWindow = window.rows.contains(r) && window.columns.contains(c)
                    if width(Notation.number(patch.input[a, b]), numberSize, inWindow) > room { return false }
                    if let value = patch.output[a][b], width(Notation.number(value, decimals: layout.decimals), numberSize, true) > room {
                        return false
                    }
                }
            }
            return !trace.kernel.weights.scalars.contains { width(Notation.number($0), numberSize, false) > room }
        }
        return choices.first(where: fits) ?? choices[choices.count - 1]
    }

    private static func drawZoom(_ trace: ImageFilterTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let patch = trace.patch, w = trace.worked, k = trace.kernel
        Caption.title("Image filter · \(k.name) · the window of \(w.label), zoomed", on: canvas, width: 1280)
        let zoom = zoomLayout(trace) { text, size, bold in canvas.textWidth(text, size: size, weight: bold ? .bold : .normal) }
        if zoom.windowOnly {
            let note = "the window alone, so its numbers read at projector size; the whole picture is on the side-by-side figure"
            Caption.note(note, on: canvas)
        }
        let cell = zoom.cell
        let columns = Double(zoom.columns.count * 2 + k.weights.shape[1])
        let rounded = zoom.decimals == 0 && patch.output.joined().contains { $0.map { $0 != $0.rounded() } ?? false }
        let labels = ["input pixels", (k.scaleText.map { $0 + " × " } ?? "") + "kernel", rounded ? "filtered z, rounded" : "filtered z"]
        var gap = zoomGap
        if canvas.textScale > 1 {
            // Labels of larger text wider than their grids reach into the gaps: the gaps grow (as far
            // as the slide allows) so neighbours' labels stay 24 px apart.
            let size = Grid(rows: 1, columns: 1, x: 0, y: 0, cellSize: cell).labelSize
            let widths = [Double(zoom.columns.count), Double(k.weights.shape[1]), Double(zoom.columns.count)].map { $0 * cell }
            let overhang = zip(labels, widths).map { max(0, canvas.richTextWidth($0, size: size, weight: .bold) - $1) / 2 }
            gap = min(max(gap, overhang[0] + overhang[1] + 24, overhang[1] + overhang[2] + 24), (1280 - 40 - columns * cell) / 2)
        }
        var x = (1280 - (columns * cell + 2 * gap)) / 2
        let band = 720.0 - 290, top = 130.0
        // The patch grids are windows onto the patch (its indices), so the style closures read it directly.
        let first = (row: zoom.rows.lowerBound - patch.rows.lowerBound, column: zoom.columns.lowerBound - patch.columns.lowerBound)
        func grid(_ r: Int, _ c: Int, from start: (row: Int, column: Int) = (0, 0)) -> Grid {
            var g = Grid(rows: r, columns: c, x: x, y: top + (band - Double(r) * cell) / 2, cellSize: cell,
                         firstRow: start.row, firstColumn: start.column)
            g.numberFloor = numberSize
            x += g.width + gap
            return g
        }
        let inputGrid = grid(zoom.rows.count, zoom.columns.count, from: first)
        let kernelGrid = grid(k.weights.shape[0], k.weights.shape[1])
        let outputGrid = grid(zoom.rows.count, zoom.columns.count, from: first)
        let inside: (Int, Int) -> Bool = { r, c in (0..<trace.inputShape[0]).contains(r) && (0..<trace.inputShape[1]).contains(c) }
        var weights: [Int: Double] = [:]
        for term in w.terms {
            weights[(term.paddedRow - trace.padding.rows) * 100_000 + (term.paddedColumn - trace.padding.columns)] = term.weight
        }
        inputGrid.draw(on: canvas, label: labels[0]) { a, b in
            let r = patch.rows.lowerBound + a, c = patch.columns.lowerBound + b
            let isPadding = !inside(r, c)
            let value = patch.input[a, b]
            // The real gray level as the cell's background, so the patch still looks like the picture.
            let gray = Color(red: value / 255, green: value / 255, blue: value / 255)
            let textColor = value > 140 ? Color(hex: 0x1A1A1A) : Color(hex: 0xF2F2F2)
            // The weight on each pixel of the window, at 18 px (cells are 60 px or more).
            if let weight = weights[r * 100_000 + c] {
                return CellStyle(fill: isPadding ? theme.padding : gray, text: Notation.number(value), textColor: isPadding ? theme.muted : textColor,
                                 note: "×" + Notation.number(weight), noteColor: theme.highlight, bold: true)
            }
            return CellStyle(fill: isPadding ? theme.padding : gray, text: Notation.number(value), textColor: isPadding ? theme.muted : textColor)
        }
        inputGrid.outline(rows: (patch.windowRows.lowerBound - patch.rows.lowerBound)...(patch.windowRows.upperBound - patch.rows.lowerBound),
                          columns: (patch.windowColumns.lowerBound - patch.columns.lowerBound)...(patch.windowColumns.upperBound - patch.columns.lowerBound),
                          on: canvas, theme.highlight, lineWidth: 5)
        kernelGrid.draw(on: canvas, label: labels[1]) { r, c in
            CellStyle(fill: theme.highlight.withAlpha(0.2), text: Notation.number(k.weights[r, c]))
        }
        outputGrid.draw(on: canvas, label: labels[2]) { a, b in
            guard let value = patch.output[a][b] else { return CellStyle(fill: theme.padding) }
            let r = patch.rows.lowerBound + a, c = patch.columns.lowerBound + b
            let isWorked = r == w.row && c == w.column
            return CellStyle(fill: isWorked ? theme.current.withAlpha(0.3) : theme.doneFill(0.12),
                             text: Notation.number(value, decimals: zoom.decimals), bold: isWorked)
        }
        let wr = w.row - patch.rows.lowerBound, wc = w.column - patch.columns.lowerBound
        if (0..<patch.rows.count).contains(wr), (0..<patch.columns.count).contains(wc) {
            outputGrid.outline(rows: wr...wr, columns: wc...wc, on: canvas, theme.current, lineWidth: 4)
        }
        let midY = top + band / 2
        canvas.text("⋆", x: (inputGrid.x + inputGrid.width + kernelGrid.x) / 2, y: midY, size: 44, theme.foreground)
        canvas.text("→", x: (kernelGrid.x + kernelGrid.width + outputGrid.x) / 2, y: midY, size: 44, theme.foreground)
        let sum = Notation.sumOfProducts(w.terms.map { ($0.input, $0.weight) }, bias: nil, result: w.sum)
        let line: String
        if let scale = k.scaleText {
            line = "\(w.label) = \(scale) × (\(sum.components(separatedBy: " = ").first ?? sum)) = \(scale) × \(Notation.number(w.sum)) = \(Notation.number(w.value))"
        } else {
            line = "\(w.label) = " + sum
        }
        Caption.lines([line], on: canvas, width: 1280, bottom: 720 - 40, size: 20)
    }
}

import LessonCore

/// The figures of an image filter: the picture before and after, side by side, and a zoomed
/// patch with the numbers of the worked window. Everything is read from the trace.
public enum ImageFilterFigures {
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
            Figure(name: "side-by-side", description: "\(imageName) (\(Notation.shape(trace.inputShape))) and the same picture filtered with \(trace.kernel.name), \(trace.displayRule.formula); the worked pixel \(w.label) is marked in both.") { canvas in
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
        canvas.text("input: \(imageName) (\(Notation.shape(trace.inputShape)))", x: a.x + a.width / 2, y: a.y - 22, size: 22,
                    theme.foreground, weight: .bold)
        canvas.text("filtered with \(trace.kernel.name) (\(Notation.shape(trace.output.shape)))", x: b.x + b.width / 2, y: b.y - 22,
                    size: 22, theme.foreground, weight: .bold)
        canvas.arrow(from: (a.x + a.width + 20, a.y + a.height / 2), to: (b.x - 20, b.y + b.height / 2), theme.foreground, lineWidth: 3,
                     headLength: 16)
        // The window on the input, the worked pixel on the output.
        let s = layout.scale, patch = trace.patch, w = trace.worked
        let pad = 3.0
        canvas.strokeRect(x: a.x + Double(patch.windowColumns.lowerBound) * s - pad, y: a.y + Double(patch.windowRows.lowerBound) * s - pad,
                          width: Double(patch.windowColumns.count) * s + 2 * pad, height: Double(patch.windowRows.count) * s + 2 * pad,
                          theme.highlight, lineWidth: 3)
        canvas.strokeRect(x: b.x + Double(w.column) * s - pad, y: b.y + Double(w.row) * s - pad, width: s + 2 * pad, height: s + 2 * pad,
                          theme.current, lineWidth: 3)
        Caption.lines(["\(w.label) = \(Notation.number(w.value)), shown as \(Notation.number(w.displayed)) · \(trace.displayRule.formula) · zero padding \(trace.padding)"],
                      on: canvas, width: 1280, bottom: 720 - 40, size: 22)
    }

    private static func drawZoom(_ trace: ImageFilterTrace, on canvas: Canvas) {
        let theme = canvas.theme
        let patch = trace.patch, w = trace.worked, k = trace.kernel
        Caption.title("Image filter · \(k.name) · the window of \(w.label), zoomed", on: canvas, width: 1280)
        let columns = Double(patch.columns.count * 2 + k.weights.shape[1])
        let rows = Double(max(patch.rows.count, k.weights.shape[0]))
        let gap = 100.0
        let cell = min(72, (1280 - 100 - 2 * gap) / columns, (720 - 290) / rows)
        var x = (1280 - (columns * cell + 2 * gap)) / 2
        let band = 720.0 - 290, top = 130.0
        func grid(_ r: Int, _ c: Int) -> Grid {
            let g = Grid(rows: r, columns: c, x: x, y: top + (band - Double(r) * cell) / 2, cellSize: cell)
            x += g.width + gap
            return g
        }
        let inputGrid = grid(patch.rows.count, patch.columns.count)
        let kernelGrid = grid(k.weights.shape[0], k.weights.shape[1])
        let outputGrid = grid(patch.rows.count, patch.columns.count)
        let inside: (Int, Int) -> Bool = { r, c in (0..<trace.inputShape[0]).contains(r) && (0..<trace.inputShape[1]).contains(c) }
        var weights: [Int: Double] = [:]
        for term in w.terms {
            weights[(term.paddedRow - trace.padding.rows) * 100_000 + (term.paddedColumn - trace.padding.columns)] = term.weight
        }
        let notesFit = cell * 0.3 >= 18
        inputGrid.draw(on: canvas, label: "input pixels") { a, b in
            let r = patch.rows.lowerBound + a, c = patch.columns.lowerBound + b
            let isPadding = !inside(r, c)
            let value = patch.input[a, b]
            // The real gray level as the cell's background, so the patch still looks like the picture.
            let gray = Color(red: value / 255, green: value / 255, blue: value / 255)
            let textColor = value > 140 ? Color(hex: 0x1A1A1A) : Color(hex: 0xF2F2F2)
            // The weight on each pixel of the window where it can be read at 18 px; in smaller
            // cells the kernel beside the window shows the same weights in the same places.
            if let weight = weights[r * 100_000 + c] {
                return CellStyle(fill: isPadding ? theme.padding : gray, text: Notation.number(value), textColor: isPadding ? theme.muted : textColor,
                                 note: notesFit ? "×" + Notation.number(weight) : nil, noteColor: theme.highlight, bold: true)
            }
            return CellStyle(fill: isPadding ? theme.padding : gray, text: Notation.number(value), textColor: isPadding ? theme.muted : textColor)
        }
        inputGrid.outline(rows: (patch.windowRows.lowerBound - patch.rows.lowerBound)...(patch.windowRows.upperBound - patch.rows.lowerBound),
                          columns: (patch.windowColumns.lowerBound - patch.columns.lowerBound)...(patch.windowColumns.upperBound - patch.columns.lowerBound),
                          on: canvas, theme.highlight, lineWidth: 5)
        kernelGrid.draw(on: canvas, label: (k.scaleText.map { $0 + " × " } ?? "") + "kernel") { r, c in
            CellStyle(fill: theme.highlight.withAlpha(0.2), text: Notation.number(k.weights[r, c]))
        }
        // One decimal where the cells hold it at 18 px, else whole numbers (the caption keeps the worked value exact).
        let decimals = notesFit ? 1 : 0
        outputGrid.draw(on: canvas, label: notesFit ? "filtered z" : "filtered z, rounded") { a, b in
            guard let value = patch.output[a][b] else { return CellStyle(fill: theme.padding) }
            let r = patch.rows.lowerBound + a, c = patch.columns.lowerBound + b
            let isWorked = r == w.row && c == w.column
            return CellStyle(fill: isWorked ? theme.current.withAlpha(0.3) : theme.doneFill(0.12), text: Notation.number(value, decimals: decimals),
                             bold: isWorked)
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

/// One output pixel worked out: the printed weights times the window, then the scale.
public struct WorkedPixel: Equatable, Sendable, Codable {
    /// The output pixel, 0-based.
    public var row: Int
    public var column: Int
    /// The window's inputs times the printed weights (padded row/column in padded coordinates).
    public var terms: [ConvolutionTerm]
    /// Σ x · w with the printed weights.
    public var sum: Double
    /// The kernel's scale.
    public var scale: Double
    /// z = scale · sum.
    public var value: Double
    /// The gray level shown for z.
    public var displayed: Double

    /// `z[12,40]`.
    public var label: String { "z" + Notation.index(row, column) }
}

/// A small piece of the input and of the output around the worked pixel, for the zoomed figure.
public struct ImagePatch: Equatable, Sendable, Codable {
    /// The image rows and columns shown (0-based, inclusive), the window plus one pixel around it.
    public var rows: ClosedRange<Int>
    public var columns: ClosedRange<Int>
    /// The window's rows and columns in image coordinates (may reach into padding: −1, n).
    public var windowRows: ClosedRange<Int>
    public var windowColumns: ClosedRange<Int>
    /// Input values over `rows` × `columns` (0 outside the image, which is padding).
    public var input: Tensor
    /// Output values over `rows` × `columns` (nil outside the output).
    public var output: [[Double?]]

    /// Cuts the patch around `worked`.
    init(around worked: WorkedPixel, kernelShape k: [Int], padding p: Pair2, image: Tensor, output: Tensor) {
        let top = worked.row - p.rows, left = worked.column - p.columns
        windowRows = top...(top + k[0] - 1)
        windowColumns = left...(left + k[1] - 1)
        rows = max(-p.rows, top - 1)...min(image.shape[0] - 1 + p.rows, top + k[0])
        columns = max(-p.columns, left - 1)...min(image.shape[1] - 1 + p.columns, left + k[1])
        var patch = Tensor(shape: [rows.count, columns.count])
        var out: [[Double?]] = []
        for (a, r) in rows.enumerated() {
            var line: [Double?] = []
            for (b, c) in columns.enumerated() {
                if (0..<image.shape[0]).contains(r), (0..<image.shape[1]).contains(c) { patch[a, b] = image[r, c] }
                line.append((0..<output.shape[0]).contains(r) && (0..<output.shape[1]).contains(c) ? output[r, c] : nil)
            }
            out.append(line)
        }
        input = patch
        self.output = out
    }
}

/// Everything a filter run did. The JSON leaves out the whole images (they can be large) and
/// keeps the shapes, the worked pixel and the patch.
public struct ImageFilterTrace: Equatable, Sendable, Encodable {
    public var kernel: ImageKernel
    public var inputShape: [Int]
    public var padding: Pair2
    /// The output-size arithmetic, rows then columns.
    public var outputSizes: [OutputSize]
    public var displayRule: DisplayRule
    /// The pixel worked out term by term.
    public var worked: WorkedPixel
    /// The zoomed piece around it.
    public var patch: ImagePatch
    /// The gray input, the filtered values z, and the gray levels shown.
    public var input: Tensor
    public var output: Tensor
    public var display: Tensor

    /// How many filtered values the display rule changes to show them (clipped to 0…255).
    public var clippedCount: Int { output.scalars.filter { displayRule.apply($0) != $0 }.count }

    /// The settings, the worked cells and the patch; of the output only its shape (images are large).
    public func encode(to encoder: Encoder) throws {
        try encoder.encodeFields(["kernel": kernel, "inputShape": inputShape, "padding": padding, "outputSizes": outputSizes,
                                  "displayRule": displayRule, "worked": worked, "patch": patch, "outputShape": output.shape])
    }
}

/// A named kernel applied to a gray image (cross-correlation, as every slide computes it).
///
/// For output pixel (i, j), 0-based, with zero padding p = ⌊(k − 1)/2⌋ per axis (so an odd
/// kernel keeps the size, as Keras's padding "same"):
///
///     z[i, j] = scale · Σ_u Σ_v x_p[i + u, j + v] · w[u, v]
///
/// with w the kernel's printed weights. The shown picture maps z back to 0…255: clamped for
/// kernels whose weights add up to 1 (blur, sharpen), |z| clamped for kernels that add up to 0
/// (edges), because an edge is a large value of either sign.
public struct ImageFilter: Equatable, Sendable {
    /// The kernel.
    public var kernel: ImageKernel

    /// Creates the filter.
    public init(kernel: ImageKernel) { self.kernel = kernel }

    /// The padding per axis: ⌊(k − 1)/2⌋.
    public var padding: Pair2 { Pair2(rows: (kernel.weights.shape[0] - 1) / 2, columns: (kernel.weights.shape[1] - 1) / 2) }

    /// Filters `image` and works out the window of output pixel `focus` (0-based row, column),
    /// or of the pixel the filter changes most when `focus` is nil.
    public func apply(_ image: Tensor, focus: (row: Int, column: Int)? = nil) throws -> ImageFilterTrace {
        let probe = Conv2D(kernel: kernel.weights, padding: padding)
        try probe.validate(inputShape: image.shape)
        let sizes = probe.outputSizes(for: image.shape)
        let k = kernel.weights.shape, p = padding
        var output = Tensor(shape: [sizes[0].output, sizes[1].output])
        image.scalars.withUnsafeBufferPointer { x in
            kernel.weights.scalars.withUnsafeBufferPointer { w in
                let n = image.shape
                for i in 0..<output.shape[0] {
                    for j in 0..<output.shape[1] {
                        var sum = 0.0
                        for u in 0..<k[0] {
                            let r = i + u - p.rows
                            guard r >= 0, r < n[0] else { continue }
                            for v in 0..<k[1] {
                                let c = j + v - p.columns
                                guard c >= 0, c < n[1] else { continue }
                                sum += x[r * n[1] + c] * w[u * k[1] + v]
                            }
                        }
                        output[i, j] = kernel.scale * sum
                    }
                }
            }
        }
        let rule: DisplayRule = kernel.sumsToZero ? .absolute : .clamp
        let display = output.map { rule.apply($0) }
        let chosen: (row: Int, column: Int)
        if let focus {
            guard (0..<output.shape[0]).contains(focus.row), (0..<output.shape[1]).contains(focus.column) else {
                throw InputError("the pixel [\(focus.row + 1),\(focus.column + 1)] is outside the \(Notation.shape(output.shape)) filtered image (rows 1–\(output.shape[0]), columns 1–\(output.shape[1]))")
            }
            chosen = focus
        } else {
            chosen = mostChanged(image, output)
        }
        let window = try Conv2D(kernel: kernel.weights, padding: p).window(of: image, row: chosen.row, column: chosen.column)
        let value = output[chosen.row, chosen.column]
        let worked = WorkedPixel(row: chosen.row, column: chosen.column, terms: window.terms, sum: window.value,
                                 scale: kernel.scale, value: value, displayed: rule.apply(value))
        let patch = ImagePatch(around: worked, kernelShape: k, padding: p, image: image, output: output)
        return ImageFilterTrace(kernel: kernel, inputShape: image.shape, padding: p, outputSizes: sizes,
                                displayRule: rule, worked: worked, patch: patch, input: image, output: output,
                                display: display)
    }

    /// The output pixel whose value differs most from the input pixel under the kernel's centre,
    /// among windows that lie wholly inside the image when there are any (first in row-major order on ties).
    private func mostChanged(_ image: Tensor, _ output: Tensor) -> (row: Int, column: Int) {
        let k = kernel.weights.shape, p = padding
        let inside: (Int, Int) -> Bool = { i, j in
            i - p.rows >= 0 && i - p.rows + k[0] <= image.shape[0] && j - p.columns >= 0 && j - p.columns + k[1] <= image.shape[1]
        }
        let anyInside = image.shape[0] >= k[0] && image.shape[1] >= k[1]
        var best = (row: 0, column: 0), bestChange = -1.0
        for i in 0..<output.shape[0] {
            for j in 0..<output.shape[1] where !anyInside || inside(i, j) {
                let centre = image[min(i, image.shape[0] - 1), min(j, image.shape[1] - 1)]
                let change = abs(output[i, j] - centre)
                if change > bestChange + 1e-9 { bestChange = change; best = (i, j) }
            }
        }
        return best
    }
}

extension Conv2D {
    /// The step of one output cell alone, without computing the others (for large inputs).
    public func window(of input: Tensor, row i: Int, column j: Int) throws -> ConvolutionStep {
        try validate(inputShape: input.shape)
        let applied = appliedKernel
        var terms: [ConvolutionTerm] = []
        var sum = 0.0
        for u in 0..<applied.shape[0] {
            for v in 0..<applied.shape[1] {
                let r = i * stride.rows + u * dilation.rows, c = j * stride.columns + v * dilation.columns
                let ir = r - padding.rows, ic = c - padding.columns
                let inside = (0..<input.shape[0]).contains(ir) && (0..<input.shape[1]).contains(ic)
                let x = inside ? input[ir, ic] : 0
                sum += x * applied[u, v]
                terms.append(ConvolutionTerm(paddedRow: r, paddedColumn: c, kernelRow: u, kernelColumn: v,
                                             input: x, weight: applied[u, v], isPadding: !inside))
            }
        }
        return ConvolutionStep(row: i, column: j, terms: terms, bias: bias, value: sum + bias)
    }
}

/// How filtered values are turned back into gray levels 0…255 for the picture.
public enum DisplayRule: String, Sendable, Codable {
    /// min(255, max(0, z)).
    case clamp
    /// min(255, |z|).
    case absolute

    /// The gray level shown for a filtered value.
    public func apply(_ z: Double) -> Double {
        switch self {
        case .clamp: return min(255, max(0, z))
        case .absolute: return min(255, abs(z))
        }
    }

    /// The rule as a formula.
    public var formula: String {
        switch self {
        case .clamp: return "shown = min(255, max(0, z))"
        case .absolute: return "shown = min(255, |z|)"
        }
    }
}

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

    private enum CodingKeys: String, CodingKey { case kernel, inputShape, padding, outputSizes, displayRule, worked, patch, outputShape }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kernel, forKey: .kernel)
        try c.encode(inputShape, forKey: .inputShape)
        try c.encode(padding, forKey: .padding)
        try c.encode(outputSizes, forKey: .outputSizes)
        try c.encode(displayRule, forKey: .displayRule)
        try c.encode(worked, forKey: .worked)
        try c.encode(patch, forKey: .patch)
        try c.encode(output.shape, forKey: .outputShape)
    }
}

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

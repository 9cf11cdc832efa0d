/// A named image-processing kernel of the course notes: integer weights as printed and a
/// scale in front (1/256 for the Gaussian), so a worked sum can be written with the printed numbers.
public struct ImageKernel: Equatable, Sendable, Codable {
    /// The name used on the command line: `sharpen`.
    public var name: String
    /// What the kernel does, in a few words.
    public var title: String
    /// The weights as printed.
    public var weights: Tensor
    /// The factor in front of the printed weights (1, 1/9, 1/256).
    public var scale: Double
    /// The factor as printed (`1/256`), or nil when it is 1.
    public var scaleText: String?
    /// Where in the notes the kernel comes from.
    public var source: String

    /// Creates a kernel.
    public init(name: String, title: String, weights: Tensor, scale: Double = 1, scaleText: String? = nil, source: String) {
        self.name = name
        self.title = title
        self.weights = weights
        self.scale = scale
        self.scaleText = scaleText
        self.source = source
    }

    /// The weights actually applied: scale × printed weights.
    public var kernel: Tensor { weights.map { $0 * scale } }

    /// Whether the applied weights add up to 0 (an edge detector: flat areas give 0).
    public var sumsToZero: Bool { agree(kernel.sum, 0) }

    /// The kernels of the notes, in the order they are listed.
    public static let all: [ImageKernel] = [
        ImageKernel(name: "box-blur", title: "box blur: the average of the 3×3 box", weights: Tensor(rows: [[1, 1, 1], [1, 1, 1], [1, 1, 1]]),
                    scale: 1.0 / 9, scaleText: "1/9", source: "seeds/000, 'Example: Blur images' (averaging a box of pixels)"),
        ImageKernel(name: "gaussian", title: "Gaussian blur (5×5, weights over 256)",
                    weights: Tensor(rows: [[1, 4, 6, 4, 1], [4, 16, 24, 16, 4], [6, 24, 36, 24, 6], [4, 16, 24, 16, 4], [1, 4, 6, 4, 1]]),
                    scale: 1.0 / 256, scaleText: "1/256", source: "seeds/003, 'Convolutions in Image Processing', Blur"),
        ImageKernel(name: "sharpen", title: "sharpen", weights: Tensor(rows: [[0, -2, 0], [-2, 9, -2], [0, -2, 0]]),
                    source: "seeds/003, 'Convolutions in Image Processing', Sharpen"),
        ImageKernel(name: "edge", title: "edge detection", weights: Tensor(rows: [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]),
                    source: "seeds/003, 'Convolutions in Image Processing', Edge Detection"),
        ImageKernel(name: "sobel", title: "Sobel, vertical edges (left-to-right change)", weights: Tensor(rows: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
                    source: "seeds/002, 'Spatially Separable convolution' ([1 2 1]ᵀ × [−1 0 1])"),
        ImageKernel(name: "sobel-y", title: "Sobel, horizontal edges (top-to-bottom change)", weights: Tensor(rows: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]),
                    source: "seeds/002, the Sobel kernel of 'Spatially Separable convolution', transposed"),
        ImageKernel(name: "edge-pair", title: "−1/1 edge pair: a pixel minus its left neighbour", weights: Tensor(rows: [[-1, 1]]),
                    source: "seeds/000, 'Example: Detect edges' (−1 and 1 in two adjacent pixels)"),
        ImageKernel(name: "edge-pair-vertical", title: "−1/1 edge pair: a pixel minus the one above", weights: Tensor(rows: [[-1], [1]]),
                    source: "seeds/000, 'Example: Detect edges', turned vertical"),
    ]

    /// The kernel with this name, or an error listing the names.
    public static func named(_ name: String) throws -> ImageKernel {
        guard let kernel = all.first(where: { $0.name == name }) else {
            throw InputError("there is no kernel '\(name)'; the kernels are \(all.map(\.name).joined(separator: ", "))")
        }
        return kernel
    }
}

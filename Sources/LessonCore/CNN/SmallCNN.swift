/// A small convolutional network for one one-channel image, as the notes draw "the whole CNN":
///
///     image x (H×W) → conv: K filters, zₖ = x ⋆ wₖ + bₖ (Kₖ × k_r×k_c, padding p, stride s)
///                   → ReLU: aₖ = max(0, zₖ)
///                   → max pooling: pₖ = maxpool(aₖ) (window q, stride t)
///                   → flatten: f = (p₁ row by row, p₂ row by row, …)  (channel-major, as PyTorch's `view(N, −1)`)
///                   → dense: s = W f + c (W: classes × |f|, PyTorch's `nn.Linear.weight`)
///                   → softmax: ŷ = softmax(s), loss L = −Σᵢ yᵢ log ŷᵢ (PyTorch `CrossEntropyLoss` on s)
///
/// The convolution is a cross-correlation (`Conv2D`, as `torch.nn.Conv2d`), the pooling a `Pool2D`
/// max pooling, and the dense layer with its loss a one-layer `Network` (softmax, cross-entropy).
public struct SmallCNN: Equatable, Sendable, Codable {
    /// The filters w₁…w_K of the convolution layer, all of one shape.
    public var filters: [Tensor]
    /// One bias per filter.
    public var biases: [Double]
    /// Zero padding of the convolution, per axis.
    public var padding: Pair2
    /// Stride of the convolution, per axis.
    public var stride: Pair2
    /// The max-pooling window, per axis.
    public var poolSize: Pair2
    /// The max-pooling stride, per axis.
    public var poolStride: Pair2
    /// W of the dense layer: one row per class, one column per flattened value.
    public var denseWeights: Tensor
    /// c of the dense layer: one per class.
    public var denseBias: [Double]

    /// Creates the network, checking everything that does not depend on the image: the filters
    /// are matrices of one shape with one bias each, the dense weights a matrix with one bias per row,
    /// and every number finite. `forward` checks that the shapes chain for a given image.
    public init(filters: [Tensor], biases: [Double], padding: Pair2 = Pair2(0), stride: Pair2 = Pair2(1),
                poolSize: Pair2 = Pair2(2), poolStride: Pair2? = nil, denseWeights: Tensor, denseBias: [Double]) throws {
        guard let first = filters.first else { throw InputError("the convolution layer has no filters; give at least one") }
        guard first.rank == 2, first.count > 0 else {
            throw InputError("filter 1 must be a non-empty matrix, got shape \(Notation.shape(first.shape))")
        }
        for (k, filter) in filters.enumerated() where filter.shape != first.shape {
            throw InputError("filter \(k + 1) is \(Notation.shape(filter.shape)) but filter 1 is \(Notation.shape(first.shape)); all filters of a layer have one shape")
        }
        guard biases.count == filters.count else {
            throw InputError("there \(filters.count == 1 ? "is 1 filter" : "are \(filters.count) filters") but \(biases.count) convolution \(Counted.noun(biases.count, "bias", plural: "biases")); give one bias per filter")
        }
        guard denseWeights.rank == 2, denseWeights.count > 0 else {
            throw InputError("the dense weights must be a non-empty matrix (one row per class), got shape \(Notation.shape(denseWeights.shape))")
        }
        guard denseBias.count == denseWeights.shape[0] else {
            throw InputError("the dense weights have \(denseWeights.shape[0]) \(Counted.noun(denseWeights.shape[0], "row")) (classes) but \(denseBias.count) \(Counted.noun(denseBias.count, "bias", plural: "biases")); give one dense bias per class")
        }
        let numbers = filters.flatMap(\.scalars) + biases + denseWeights.scalars + denseBias
        guard numbers.allSatisfy(\.isFinite) else { throw InputError("a weight or bias of the network is not a finite number") }
        self.filters = filters
        self.biases = biases
        self.padding = padding
        self.stride = stride
        self.poolSize = poolSize
        self.poolStride = poolStride ?? poolSize
        self.denseWeights = denseWeights
        self.denseBias = denseBias
    }

    /// K, the number of filters (feature maps).
    public var filterCount: Int { filters.count }
    /// The number of classes (rows of the dense weights).
    public var classCount: Int { denseWeights.shape[0] }
    /// Every weight and bias: K·(k_r·k_c + 1) + classes·(|f| + 1).
    public var parameterCount: Int { filters.reduce(0) { $0 + $1.count + 1 } + denseWeights.count + denseBias.count }

    /// The convolution of filter k (0-based) as a `Conv2D`.
    public func convolution(_ k: Int) -> Conv2D {
        Conv2D(kernel: filters[k], bias: biases[k], padding: padding, stride: stride)
    }

    /// The max pooling every feature map goes through.
    public var pooling: Pool2D { Pool2D(op: .max, size: poolSize, stride: poolStride) }

    /// The dense layer with softmax and cross-entropy, as a one-layer `Network`.
    public func denseNetwork() throws -> Network {
        do {
            return try Network(layers: [Layer(weights: denseWeights, bias: denseBias, activation: .softmax)], loss: .crossEntropy)
        } catch let error as NetworkShapeError {
            throw error.inputError
        }
    }

    /// The shape of every layer's output for an image of `imageShape`, or an `InputError` naming
    /// the layer where the shapes do not chain (the dense weights' columns against the flattened size).
    public func shapes(for imageShape: [Int]) throws -> CNNShapes {
        let (mapShape, pooledShape) = try mapShapes(for: imageShape)
        let flat = flattenedCount(pooled: pooledShape)
        guard denseWeights.shape[1] == flat else {
            throw InputError("the dense weights have \(denseWeights.shape[1]) \(Counted.noun(denseWeights.shape[1], "column")) but the flattened pooled maps have \(flat) \(Counted.noun(flat, "value")) (\(filterCount) \(Counted.noun(filterCount, "map")) of \(Notation.shape(pooledShape)) from the \(Notation.shape(imageShape)) image); the shapes do not chain: give the dense layer \(flat) columns")
        }
        return CNNShapes(image: imageShape, featureMap: mapShape, pooled: pooledShape, filters: filterCount,
                         flattened: flat, classes: classCount)
    }

    /// The values flatten gives: K pooled maps of `pooled` (rows × columns).
    public func flattenedCount(pooled: [Int]) -> Int { filterCount * pooled[0] * pooled[1] }

    /// The shape of a feature map and of a pooled map for an image of `imageShape`, or an
    /// `InputError` saying why the convolution or the pooling does not fit.
    public func mapShapes(for imageShape: [Int]) throws -> (featureMap: [Int], pooled: [Int]) {
        guard imageShape.count == 2, imageShape[0] > 0, imageShape[1] > 0 else {
            throw InputError("the image must be a non-empty matrix (one channel), got shape \(Notation.shape(imageShape))")
        }
        try convolution(0).validate(inputShape: imageShape)
        let convSizes = convolution(0).outputSizes(for: imageShape)
        let mapShape = [convSizes[0].output, convSizes[1].output]
        do {
            try pooling.validate(inputShape: mapShape)
        } catch let error as InputError {
            throw InputError("max pooling cannot be applied to the \(Notation.shape(mapShape)) feature maps: \(error.message)")
        }
        let poolSizes = pooling.outputSizes(for: mapShape)
        return (mapShape, [poolSizes[0].output, poolSizes[1].output])
    }

    /// Throws unless `target` has one probability per class adding up to 1.
    public func validate(target: [Double]) throws {
        guard target.count == classCount else {
            throw InputError("the target has \(target.count) \(Counted.noun(target.count, "value")) but the dense layer has \(classCount) \(Counted.noun(classCount, "class", plural: "classes")) (rows of its weights); give one target per class")
        }
        do { try denseNetwork().validate(target: target) } catch let error as NetworkShapeError { throw error.inputError }
    }
}

/// The shapes of every layer of a `SmallCNN` for one image size.
public struct CNNShapes: Equatable, Sendable, Codable {
    /// The image, rows × columns.
    public var image: [Int]
    /// Each feature map (conv output, and the same after ReLU).
    public var featureMap: [Int]
    /// Each pooled map.
    public var pooled: [Int]
    /// K, the number of maps.
    public var filters: Int
    /// |f| = K × pooled rows × pooled columns.
    public var flattened: Int
    /// The number of classes.
    public var classes: Int
}

extension SmallCNN {
    /// The forward pass of one image: every filter's convolution, ReLU, max pooling, the
    /// flattening (channel-major: f[k·R·C + r·C + c] = pₖ[r, c] for pooled maps of R × C), the
    /// dense layer with softmax, and the cross-entropy loss against `target`.
    ///
    /// Throws an `InputError` when the shapes do not chain or the target does not fit the classes.
    public func forward(_ image: Tensor, target: [Double]) throws -> CNNForwardTrace {
        let shapes = try self.shapes(for: image.shape)
        try validate(target: target)
        guard image.scalars.allSatisfy(\.isFinite) else { throw InputError("the image has a value that is not a finite number") }
        var convolutions: [ConvolutionTrace] = []
        var activations: [Tensor] = []
        var pools: [PoolingTrace] = []
        var flattened: [Double] = []
        for k in 0..<filterCount {
            let overflow = InputError("the convolution with filter \(k + 1) overflows (a value that is not a finite number); use smaller image values or weights")
            let conv: ConvolutionTrace
            do { conv = try convolution(k).forward(image) } catch let error as InputError where error.kind == .overflow {
                throw overflow
            }
            guard conv.output.scalars.allSatisfy(\.isFinite) else { throw overflow }
            let a = conv.output.map { max(0, $0) }
            let pool = try pooling.forward(a)
            convolutions.append(conv)
            activations.append(a)
            pools.append(pool)
            flattened += pool.output.scalars
        }
        precondition(flattened.count == shapes.flattened, "flattened \(flattened.count) values, expected \(shapes.flattened)")
        let network = try denseNetwork()
        let dense = try network.forward(flattened)
        let loss = try network.lossTrace(dense, target: target)
        guard dense.output.allSatisfy(\.isFinite), dense.layers.allSatisfy({ $0.z.allSatisfy(\.isFinite) }), loss.total.isFinite else {
            throw InputError("the dense layer or the loss overflows (a value that is not a finite number); use smaller image values or weights")
        }
        return CNNForwardTrace(shapes: shapes, image: image, convolutions: convolutions, activations: activations,
                               pools: pools, flattened: flattened, dense: dense, loss: loss)
    }

    /// The loss L alone, for finite differences: the same computation without keeping a trace.
    public func lossValue(_ image: Tensor, target: [Double]) throws -> Double {
        var flattened: [Double] = []
        for k in 0..<filterCount {
            let z = try convolution(k).forward(image).output
            flattened += try pooling.forward(z.map { max(0, $0) }).output.scalars
        }
        return try denseNetwork().lossValue(input: flattened, target: target)
    }
}

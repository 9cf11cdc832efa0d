extension SmallCNN {
    /// Central differences (L(θ + ε) − L(θ − ε))/2ε for EVERY weight and bias, next to the
    /// gradients of `backward`.
    ///
    /// Entries use the `GradientCheck` of the network engine: layer 1 is the convolution (row =
    /// filter, column = the weight's row-major index in the filter, i.e. the row of the filter
    /// matrix in im2col form), layer 2 the dense layer (row = class, column = flattened index);
    /// column is nil for a bias. ReLU and max pooling have kinks (z = 0, tied maxima) where the two
    /// need not agree; away from them the error is O(ε²) plus rounding, about 1e-9 for lesson-sized numbers.
    public func gradientCheck(_ image: Tensor, target: [Double], backward: CNNBackwardTrace,
                              epsilon: Double = 1e-6) throws -> GradientCheck {
        var entries: [GradientCheck.Entry] = []
        for parameter in parameters {
            var plus = self, minus = self
            plus[parameter] += epsilon
            minus[parameter] -= epsilon
            let numeric = (try plus.lossValue(image, target: target) - minus.lossValue(image, target: target)) / (2 * epsilon)
            let analytic = backward.gradient(parameter)
            let (layer, row, column): (Int, Int, Int?)
            switch parameter {
            case let .filterWeight(k, r, c): (layer, row, column) = (1, k, r * filters[k].shape[1] + c)
            case let .filterBias(k): (layer, row, column) = (1, k, nil)
            case let .denseWeight(r, c): (layer, row, column) = (2, r, c)
            case let .denseBias(r): (layer, row, column) = (2, r, nil)
            }
            entries.append(GradientCheck.Entry(name: parameter.name, layer: layer, row: row, column: column,
                                               analytic: analytic, numeric: numeric, difference: abs(analytic - numeric)))
        }
        return GradientCheck(epsilon: epsilon, entries: entries)
    }
}

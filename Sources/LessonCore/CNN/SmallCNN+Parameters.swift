extension SmallCNN {
    /// One parameter of the network, for finite differences and updates.
    public enum Parameter: Equatable, Sendable {
        /// wₖ[u, v], 0-based.
        case filterWeight(filter: Int, row: Int, column: Int)
        /// bₖ, 0-based.
        case filterBias(filter: Int)
        /// Wᵢⱼ of the dense layer, 0-based.
        case denseWeight(row: Int, column: Int)
        /// cᵢ of the dense layer, 0-based.
        case denseBias(row: Int)

        /// The name used in text: `w₁[1,2]`, `b₂`, `W[3,5]`, `c₁` (1-based).
        public var name: String {
            switch self {
            case let .filterWeight(k, r, c): return "w" + NetworkNotation.lowered(k + 1) + Notation.index(r, c)
            case let .filterBias(k): return "b" + NetworkNotation.lowered(k + 1)
            case let .denseWeight(r, c): return "W" + Notation.index(r, c)
            case let .denseBias(r): return "c" + NetworkNotation.lowered(r + 1)
            }
        }
    }

    /// Every parameter, in order: each filter's weights row by row and its bias, then the dense
    /// weights row by row, then the dense biases.
    public var parameters: [Parameter] {
        var list: [Parameter] = []
        for k in 0..<filterCount {
            for r in 0..<filters[k].shape[0] {
                for c in 0..<filters[k].shape[1] { list.append(.filterWeight(filter: k, row: r, column: c)) }
            }
            list.append(.filterBias(filter: k))
        }
        for r in 0..<denseWeights.shape[0] {
            for c in 0..<denseWeights.shape[1] { list.append(.denseWeight(row: r, column: c)) }
        }
        for r in 0..<denseBias.count { list.append(.denseBias(row: r)) }
        return list
    }

    /// The value of one parameter.
    public subscript(parameter: Parameter) -> Double {
        get {
            switch parameter {
            case let .filterWeight(k, r, c): return filters[k][r, c]
            case let .filterBias(k): return biases[k]
            case let .denseWeight(r, c): return denseWeights[r, c]
            case let .denseBias(r): return denseBias[r]
            }
        }
        set {
            switch parameter {
            case let .filterWeight(k, r, c): filters[k][r, c] = newValue
            case let .filterBias(k): biases[k] = newValue
            case let .denseWeight(r, c): denseWeights[r, c] = newValue
            case let .denseBias(r): denseBias[r] = newValue
            }
        }
    }
}

extension CNNBackwardTrace {
    /// ∂L/∂θ for one parameter, read from the trace.
    public func gradient(_ parameter: SmallCNN.Parameter) -> Double {
        switch parameter {
        case let .filterWeight(k, r, c): return convolutions[k].gradKernel[r, c]
        case let .filterBias(k): return convolutions[k].gradBias
        case let .denseWeight(r, c): return gradDenseWeights[r, c]
        case let .denseBias(r): return gradDenseBias[r]
        }
    }
}

/// What a pooling window keeps of its cells: the largest, the mean, or the smallest.
public enum PoolingOp: String, Equatable, Hashable, Sendable, Codable, CaseIterable {
    /// The largest value of the window (PyTorch `max_pool2d`, Keras `MaxPooling2D`).
    case max
    /// The mean of the window (PyTorch `avg_pool2d`, Keras `AveragePooling2D`).
    case avg
    /// The smallest value of the window (PyTorch has no `min_pool2d`; it is −max_pool2d(−x)).
    case min

    /// The word used in text and figures: `max`, `average`, `min`.
    public var word: String {
        switch self {
        case .max: return "max"
        case .avg: return "average"
        case .min: return "min"
        }
    }

    /// Whether one element of the window wins (max and min) rather than all being averaged.
    public var picksOneElement: Bool { self != .avg }

    /// How a padded cell is written: it never wins a max (−∞) or a min (∞); it adds 0 to an average.
    public var paddingSymbol: String {
        switch self {
        case .max: return Notation.minus + "∞"
        case .avg: return "0"
        case .min: return "∞"
        }
    }

    /// The names for the command line, `max|avg|min`.
    public static let names = allCases.map(\.rawValue).joined(separator: ", ")
}

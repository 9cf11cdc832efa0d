/// A dense, row-major array of `Double` with a shape.
///
/// Rank 1 is a vector, rank 2 a matrix (`shape == [rows, columns]`), rank 3 a stack of
/// channels (`[channels, rows, columns]`). Indices are 0-based here; the notation layer
/// prints them 1-based, as the slides do.
public struct Tensor: Equatable, Hashable, Sendable {
    /// The size of each axis, outermost first.
    public let shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public private(set) var scalars: [Double]

    /// Creates a tensor from its shape and row-major scalars.
    public init(shape: [Int], scalars: [Double]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative axis")
        precondition(shape.reduce(1, *) == scalars.count,
                     "Tensor shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor of the given shape filled with one value.
    public init(shape: [Int], repeating value: Double = 0) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// Creates a matrix from its rows; every row must have the same length.
    public init(rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "Matrix rows have different lengths")
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// Creates a vector.
    public init(vector: [Double]) {
        self.init(shape: [vector.count], scalars: vector)
    }

    /// The number of axes.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { scalars.count }
    /// The number of rows of a matrix (the second-to-last axis; 1 for a vector).
    public var rows: Int { rank >= 2 ? shape[rank - 2] : 1 }
    /// The number of columns of a matrix (the last axis).
    public var columns: Int { shape.last ?? 1 }

    /// The element at row `r`, column `c` of a matrix.
    public subscript(r: Int, c: Int) -> Double {
        get {
            precondition(rank == 2, "Two indices into a tensor of shape \(shape)")
            precondition((0..<shape[0]).contains(r) && (0..<shape[1]).contains(c),
                         "Index [\(r), \(c)] out of shape \(shape)")
            return scalars[r * shape[1] + c]
        }
        set {
            precondition(rank == 2, "Two indices into a tensor of shape \(shape)")
            precondition((0..<shape[0]).contains(r) && (0..<shape[1]).contains(c),
                         "Index [\(r), \(c)] out of shape \(shape)")
            scalars[r * shape[1] + c] = newValue
        }
    }

    /// The element at channel `ch`, row `r`, column `c` of a rank-3 tensor.
    public subscript(ch: Int, r: Int, c: Int) -> Double {
        get {
            precondition(rank == 3, "Three indices into a tensor of shape \(shape)")
            precondition((0..<shape[0]).contains(ch) && (0..<shape[1]).contains(r) && (0..<shape[2]).contains(c),
                         "Index [\(ch), \(r), \(c)] out of shape \(shape)")
            return scalars[(ch * shape[1] + r) * shape[2] + c]
        }
        set {
            precondition(rank == 3, "Three indices into a tensor of shape \(shape)")
            precondition((0..<shape[0]).contains(ch) && (0..<shape[1]).contains(r) && (0..<shape[2]).contains(c),
                         "Index [\(ch), \(r), \(c)] out of shape \(shape)")
            scalars[(ch * shape[1] + r) * shape[2] + c] = newValue
        }
    }

    /// The element at flat position `i` of a vector (or any tensor, row-major).
    public subscript(i: Int) -> Double {
        get { scalars[i] }
        set { scalars[i] = newValue }
    }

    /// The rows of a matrix as arrays.
    public var rowArrays: [[Double]] {
        precondition(rank == 2, "rowArrays of a tensor of shape \(shape)")
        return (0..<shape[0]).map { r in Array(scalars[(r * shape[1])..<((r + 1) * shape[1])]) }
    }

    /// The same scalars with another shape of the same size.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Applies `transform` to every element.
    public func map(_ transform: (Double) -> Double) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(transform))
    }

    /// The transpose of a matrix.
    public var transposed: Tensor {
        precondition(rank == 2, "transpose of a tensor of shape \(shape)")
        var out = Tensor(shape: [shape[1], shape[0]])
        for r in 0..<shape[0] { for c in 0..<shape[1] { out[c, r] = self[r, c] } }
        return out
    }

    /// The matrix rotated by 180° (rows and columns reversed): the flip of a true convolution.
    public var rotated180: Tensor {
        precondition(rank == 2, "rotated180 of a tensor of shape \(shape)")
        return Tensor(shape: shape, scalars: scalars.reversed())
    }

    /// The sum of all elements.
    public var sum: Double { scalars.reduce(0, +) }

    /// The matrix with `rows` and `columns` zeros added on each side.
    public func zeroPadded(rows top: Int, columns left: Int, extra: Pair2 = Pair2(0)) -> Tensor {
        precondition(rank == 2 && top >= 0 && left >= 0 && extra.rows >= 0 && extra.columns >= 0,
                     "zeroPadded(\(top), \(left), extra \(extra)) of shape \(shape)")
        var out = Tensor(shape: [shape[0] + 2 * top + extra.rows, shape[1] + 2 * left + extra.columns])
        for r in 0..<shape[0] { for c in 0..<shape[1] { out[r + top, c + left] = self[r, c] } }
        return out
    }
}

extension Tensor: Codable {
    // Matrices encode as arrays of rows and vectors as arrays, which is what
    // a reader of the JSON expects; other ranks keep their shape.
    private enum CodingKeys: String, CodingKey { case shape, scalars }

    public init(from decoder: Decoder) throws {
        if let rows = try? [[Double]](from: decoder) {
            let columns = rows.first?.count ?? 0
            guard rows.allSatisfy({ $0.count == columns }) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "matrix rows have different lengths"))
            }
            self.init(rows: rows)
        } else if let vector = try? [Double](from: decoder) {
            self.init(vector: vector)
        } else {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let shape = try container.decode([Int].self, forKey: .shape)
            let scalars = try container.decode([Double].self, forKey: .scalars)
            guard shape.reduce(1, *) == scalars.count else {
                throw DecodingError.dataCorruptedError(forKey: .scalars, in: container,
                                                       debugDescription: "shape \(shape) does not hold \(scalars.count) values")
            }
            self.init(shape: shape, scalars: scalars)
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch rank {
        case 1: try scalars.encode(to: encoder)
        case 2: try rowArrays.encode(to: encoder)
        default:
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(shape, forKey: .shape)
            try container.encode(scalars, forKey: .scalars)
        }
    }
}

extension Tensor {
    /// Channel `c` (0-based) of a C × H × W tensor, as an H × W matrix.
    public func channel(_ c: Int) -> Tensor {
        precondition(rank == 3 && (0..<shape[0]).contains(c), "channel \(c) of shape \(shape)")
        let size = shape[1] * shape[2]
        return Tensor(shape: [shape[1], shape[2]], scalars: Array(scalars[(c * size)..<((c + 1) * size)]))
    }
}

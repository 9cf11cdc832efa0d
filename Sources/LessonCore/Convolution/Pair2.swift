/// Two integers, one per spatial axis: a padding, stride, dilation or kernel size
/// given separately for rows and columns. Encodes as `[rows, columns]`.
public struct Pair2: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The value along the rows (height).
    public var rows: Int
    /// The value along the columns (width).
    public var columns: Int

    /// The same value on both axes.
    public init(_ both: Int) { self.rows = both; self.columns = both }
    /// Separate values per axis.
    public init(rows: Int, columns: Int) { self.rows = rows; self.columns = columns }

    /// Whether both axes have the same value.
    public var isSquare: Bool { rows == columns }

    /// `3` when square, `3×2` otherwise.
    public var description: String { isSquare ? "\(rows)" : "\(rows)×\(columns)" }

    public init(from decoder: Decoder) throws {
        var container = try decoder.unkeyedContainer()
        rows = try container.decode(Int.self)
        columns = try container.decode(Int.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(rows)
        try container.encode(columns)
    }
}

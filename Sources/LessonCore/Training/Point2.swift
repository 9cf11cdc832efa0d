/// A point or vector of the plane, (x, y).
public struct Point2: Equatable, Codable, Sendable {
    public var x: Double
    public var y: Double
    /// Creates (x, y).
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

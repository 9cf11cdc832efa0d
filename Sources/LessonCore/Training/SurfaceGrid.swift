/// J sampled on a regular grid, for contour plots: `values[row][column]`, row 0 at the
/// lowest y, column 0 at the lowest x.
public struct SurfaceGrid: Equatable, Codable, Sendable {
    /// The x and y ranges the grid spans, ends included.
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    /// J at every grid point.
    public var values: [[Double]]

    /// Contour levels: `count` values spread by quantile over the finite grid values, so a
    /// steep surface (Rosenbrock) still gets lines near its minimum.
    public func levels(count: Int) -> [Double] {
        let sorted = values.joined().filter(\.isFinite).sorted()
        guard sorted.count > 1, count > 0 else { return [] }
        var result: [Double] = []
        for k in 1...count {
            // Quantiles squared: more levels near the minimum, where trajectories end.
            let q = Double(k) / Double(count + 1)
            let level = sorted[min(sorted.count - 1, Int(q * q * Double(sorted.count - 1)))]
            if result.last.map({ level > $0 }) ?? true { result.append(level) }
        }
        return result
    }
}

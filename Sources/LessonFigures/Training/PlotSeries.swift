/// One labelled line of a plot: its legend text, points in data coordinates and colour.
public struct PlotSeries: Sendable {
    public var label: String
    public var points: [(x: Double, y: Double)]
    public var color: Color

    /// Creates a series.
    public init(label: String, points: [(x: Double, y: Double)], color: Color) {
        self.label = label
        self.points = points
        self.color = color
    }
}

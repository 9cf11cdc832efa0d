import Foundation
import LessonCore

/// A contour plot of a sampled loss surface with trajectories drawn over it.
///
/// The grid's values come from the core (`LossSurface.grid`); the plot only turns them into
/// contour lines (marching squares, linear interpolation along each cell edge), computed once
/// when the plot is made so every animation frame reuses them.
public struct ContourPlot: Sendable {
    /// One trajectory: legend text, points in data coordinates, colour.
    public typealias Path = PlotSeries

    /// The plot area on the page: x, y (top-left), width, height.
    public var frame: (x: Double, y: Double, width: Double, height: Double)
    /// The sampled surface.
    public var grid: SurfaceGrid
    /// Contour line segments in data coordinates, one list per level.
    public let segments: [[((Double, Double), (Double, Double))]]

    /// Makes the plot and its contour lines at `levels` contour levels.
    public init(frame: (x: Double, y: Double, width: Double, height: Double), grid: SurfaceGrid, levels: Int = 14) {
        self.frame = frame
        self.grid = grid
        segments = grid.levels(count: levels).map { Self.marchingSquares(grid, level: $0) }
    }

    /// The page point of a data point.
    public func point(_ x: Double, _ y: Double) -> (Double, Double) {
        (frame.x + (x - grid.x.lowerBound) / (grid.x.upperBound - grid.x.lowerBound) * frame.width,
         frame.y + frame.height - (y - grid.y.lowerBound) / (grid.y.upperBound - grid.y.lowerBound) * frame.height)
    }

    /// Draws the frame, ticks, contour lines, the trajectories (a dot per step, a ring at the
    /// start, a filled dot at the last point) and a legend in the top-right corner.
    public func draw(_ paths: [Path], on canvas: Canvas, xLabel: String = "x", yLabel: String = "y") {
        drawSurface(on: canvas, xLabel: xLabel, yLabel: yLabel)
        drawPaths(paths, on: canvas)
    }

    /// Draws what every frame of an animation shares: the plot area, ticks, axis labels and
    /// contour lines (a `Backdrop`).
    public func drawSurface(on canvas: Canvas, xLabel: String = "x", yLabel: String = "y") {
        let theme = canvas.theme
        canvas.fillRect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, theme.cellFill)
        let xTicks = FunctionPlot.ticks(grid.x, count: 5), yTicks = FunctionPlot.ticks(grid.y, count: 5)
        let xLabels = FunctionPlot.tickLabels(xTicks)
        for (x, label) in zip(xTicks, xLabels) {
            let (px, _) = point(x, grid.y.lowerBound)
            canvas.text(label, x: px, y: frame.y + frame.height + 18 * canvas.textScale, size: 18, theme.muted)
        }
        // The x number under the left corner, if any, keeps the y number beside the corner above it.
        let xNumbersY = frame.y + frame.height + 18 * canvas.textScale
        let cornerX = xTicks.first.map { point($0, grid.y.lowerBound).0 - canvas.textWidth(xLabels[0], size: 18) / 2 } ?? frame.x
        for (y, label) in zip(yTicks, FunctionPlot.tickLabels(yTicks)) {
            let (_, py) = point(grid.x.lowerBound, y)
            let textY = FunctionPlot.yTickY(py, cornerX: cornerX, numbersEnd: frame.x - 8 * canvas.textScale, xNumbersY: xNumbersY, scale: canvas.textScale)
            canvas.text(label, x: frame.x - 8 * canvas.textScale, y: textY, size: 18, theme.muted, align: .right)
        }
        canvas.text(xLabel, x: frame.x + frame.width / 2, y: frame.y + frame.height + 46 * canvas.textScale, size: 20, theme.foreground, weight: .bold)
        canvas.text(yLabel, x: frame.x - 48, y: frame.y + frame.height / 2, size: 20, theme.foreground, weight: .bold)
        canvas.withSavedState {
            canvas.clip(x: frame.x, y: frame.y, width: frame.width, height: frame.height)
            for (k, level) in segments.enumerated() {
                let shade = theme.gridLine.withAlpha(0.35 + 0.5 * Double(k) / Double(max(segments.count - 1, 1)))
                canvas.segments(level.map { (point($0.0.0, $0.0.1), point($0.1.0, $0.1.1)) }, shade, lineWidth: 1.2)
            }
        }
    }

    /// Draws the trajectories over the contour lines, the plot's border and the legend, in the
    /// corner where it hides least of `whole` (the trajectories as they end, so every frame of
    /// an animation has its legend in the same place; `paths` when nil).
    public func drawPaths(_ paths: [Path], on canvas: Canvas, whole: [Path]? = nil) {
        let theme = canvas.theme
        canvas.withSavedState {
            canvas.clip(x: frame.x, y: frame.y, width: frame.width, height: frame.height)
            for path in paths {
                let page = path.points.map { point($0.x, $0.y) }
                canvas.polyline(page, path.color, lineWidth: 3)
                for p in page.dropFirst().dropLast() { canvas.circle(center: p, radius: 3, fill: path.color) }
                if let first = page.first { canvas.circle(center: first, radius: 7, fill: nil, stroke: path.color, lineWidth: 2.5) }
                if page.count > 1, let last = page.last {
                    canvas.circle(center: last, radius: 7, fill: path.color, stroke: theme.foreground, lineWidth: 1.5)
                }
            }
        }
        canvas.strokeRect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, theme.gridLine, lineWidth: 1.5)
        guard !paths.isEmpty else { return }
        let size = 20.0, rowHeight = 30.0 * canvas.textScale // rows as tall as their text is drawn
        let labelWidth = paths.map { canvas.textWidth($0.label, size: size) }.max() ?? 0
        let boxWidth = labelWidth + 70, boxHeight = rowHeight * Double(paths.count) + 14
        let (boxX, boxY) = legendCorner(width: boxWidth, height: boxHeight, avoiding: whole ?? paths)
        canvas.fillRect(x: boxX, y: boxY, width: boxWidth, height: boxHeight, theme.background.withAlpha(0.9))
        canvas.strokeRect(x: boxX, y: boxY, width: boxWidth, height: boxHeight, theme.gridLine, lineWidth: 1)
        for (k, path) in paths.enumerated() {
            let y = boxY + 7 + rowHeight * (Double(k) + 0.5)
            canvas.line(from: (boxX + 12, y), to: (boxX + 48, y), path.color, lineWidth: 5)
            canvas.text(path.label, x: boxX + 58, y: y, size: size, theme.foreground, align: .left)
        }
    }

    /// The top-left corner of a legend box `width` × `height` inside the plot, 10 px from its
    /// edges: top right, top left, bottom right or bottom left, the first that covers least of
    /// `paths` (points every 4 px along each, its start and end ring counted as 50 points: a
    /// trajectory's start or end never hides under the legend where another corner shows it).
    func legendCorner(width: Double, height: Double, avoiding paths: [Path]) -> (x: Double, y: Double) {
        let left = frame.x + 10, right = frame.x + frame.width - width - 10
        let top = frame.y + 10, bottom = frame.y + frame.height - height - 10
        let corners = [(right, top), (left, top), (right, bottom), (left, bottom)]
        // Every point that counts, on the page, with its weight; only those inside the plot.
        var points: [(x: Double, y: Double, weight: Int)] = []
        for path in paths {
            let page = path.points.map { point($0.x, $0.y) }
            for (k, p) in page.enumerated() {
                points.append((p.0, p.1, k == 0 || k == page.count - 1 ? 50 : 1))
                guard k + 1 < page.count else { continue }
                let q = page[k + 1], length = hypot(q.0 - p.0, q.1 - p.1)
                let pieces = length.isFinite ? min(Int(length / 4), 1000) : 0
                for i in stride(from: 1, to: pieces, by: 1) {
                    let t = Double(i) / Double(pieces)
                    points.append((p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1), 1))
                }
            }
        }
        let margin = 8.0 // a marker's radius and its outline
        func covered(_ corner: (Double, Double)) -> Int {
            points.reduce(0) { sum, p in
                p.x >= corner.0 - margin && p.x <= corner.0 + width + margin && p.y >= corner.1 - margin
                    && p.y <= corner.1 + height + margin ? sum + p.weight : sum
            }
        }
        var best = corners[0], fewest = covered(corners[0])
        for corner in corners.dropFirst() where fewest > 0 {
            let count = covered(corner)
            if count < fewest { best = corner; fewest = count }
        }
        return best
    }

    /// The segments where the bilinear-free, edge-linear interpolation of the grid crosses `level`.
    static func marchingSquares(_ grid: SurfaceGrid, level: Double) -> [((Double, Double), (Double, Double))] {
        let rows = grid.values.count, columns = grid.values.first?.count ?? 0
        guard rows > 1, columns > 1 else { return [] }
        let dx = (grid.x.upperBound - grid.x.lowerBound) / Double(columns - 1)
        let dy = (grid.y.upperBound - grid.y.lowerBound) / Double(rows - 1)
        var result: [((Double, Double), (Double, Double))] = []
        for r in 0..<(rows - 1) {
            for c in 0..<(columns - 1) {
                // Most cells lie wholly above or below the level: skipped before any array is made.
                let below = grid.values[r][c] < level
                if below == (grid.values[r][c + 1] < level), below == (grid.values[r + 1][c + 1] < level),
                   below == (grid.values[r + 1][c] < level) {
                    continue
                }
                // Corners counter-clockwise from the bottom-left, with their positions.
                let corners = [(c, r), (c + 1, r), (c + 1, r + 1), (c, r + 1)].map { (cc, rr) in
                    (x: grid.x.lowerBound + Double(cc) * dx, y: grid.y.lowerBound + Double(rr) * dy, v: grid.values[rr][cc])
                }
                guard corners.allSatisfy({ $0.v.isFinite }) else { continue }
                var crossings: [(Double, Double)] = []
                for k in 0..<4 {
                    let a = corners[k], b = corners[(k + 1) % 4]
                    if (a.v < level) != (b.v < level) {
                        let t = (level - a.v) / (b.v - a.v)
                        crossings.append((a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)))
                    }
                }
                if crossings.count == 2 { result.append((crossings[0], crossings[1])) }
                if crossings.count == 4 {
                    result.append((crossings[0], crossings[1]))
                    result.append((crossings[2], crossings[3]))
                }
            }
        }
        return result
    }
}

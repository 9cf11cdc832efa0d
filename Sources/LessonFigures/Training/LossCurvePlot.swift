import Foundation
import LessonCore

/// Loss curves J against the step (or epoch), on a logarithmic y axis when every value is
/// above 0 and on a linear one otherwise (a saddle's loss goes below 0).
public struct LossCurvePlot: Sendable {
    /// One curve: legend text, points in data coordinates, colour.
    public typealias Curve = PlotSeries

    /// The plot area on the page.
    public var frame: (x: Double, y: Double, width: Double, height: Double)
    /// The x range shown.
    public var xRange: ClosedRange<Double>
    /// The y range shown, in data units (powers of ten when `logarithmic`).
    public var yRange: ClosedRange<Double>
    /// Whether the y axis is logarithmic.
    public var logarithmic: Bool
    /// The axis names.
    public var xLabel: String
    public var yLabel: String

    /// A plot that fits every curve; `logarithmic` only if all values are above 0.
    public init(frame: (x: Double, y: Double, width: Double, height: Double), curves: [Curve], xLabel: String,
                yLabel: String = "J") {
        self.frame = frame
        self.xLabel = xLabel
        let xs = curves.flatMap { $0.points.map(\.x) }, ys = curves.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
        xRange = (xs.min() ?? 0)...max((xs.max() ?? 1), (xs.min() ?? 0) + 1)
        let low = ys.min() ?? 0, high = ys.max() ?? 1
        logarithmic = low > 0
        if logarithmic {
            // Every decade a curve reaches, so no curve lies clipped on an edge (a diverging
            // run's 10²³ beside a mini-batch run settling at 0.25); the ticks thin out to at
            // most about 7 labels however many decades that is.
            let top = ceil(log10(high))
            let bottom = floor(log10(low))
            yRange = bottom...max(top, bottom + 1)
        } else {
            let margin = max((high - low) * 0.06, 1e-9)
            yRange = (low - margin)...(high + margin)
        }
        self.yLabel = logarithmic ? yLabel + " (log scale)" : yLabel
    }

    /// The page point of (x, J).
    public func point(_ x: Double, _ y: Double) -> (Double, Double) {
        let v = logarithmic ? log10(max(y, 1e-300)) : y
        let clamped = min(max(v, yRange.lowerBound), yRange.upperBound)
        return (frame.x + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * frame.width,
                frame.y + frame.height - (clamped - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * frame.height)
    }

    /// Draws the axes, ticks (10ᵏ on a log axis), the curves and a legend.
    public func draw(_ curves: [Curve], on canvas: Canvas, legend: Bool = true, legendAtBottom: Bool = false) {
        let theme = canvas.theme
        canvas.fillRect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, theme.cellFill)
        let xTicks = FunctionPlot.ticks(xRange, count: 5)
        for (x, label) in zip(xTicks, FunctionPlot.tickLabels(xTicks)) {
            let px = frame.x + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * frame.width
            canvas.line(from: (px, frame.y), to: (px, frame.y + frame.height), theme.gridLine.withAlpha(0.3), lineWidth: 1)
            canvas.text(label, x: px, y: frame.y + frame.height + 18 * canvas.textScale, size: 18, theme.muted)
        }
        let yTicks: [Double]
        if logarithmic {
            let decades = Int(yRange.upperBound - yRange.lowerBound)
            let stride = max(1, (decades + 5) / 6)
            yTicks = Swift.stride(from: yRange.lowerBound, through: yRange.upperBound, by: Double(stride)).map { $0 }
        } else {
            yTicks = FunctionPlot.ticks(yRange, count: 5)
        }
        let linearLabels = FunctionPlot.tickLabels(yTicks)
        for (k, t) in yTicks.enumerated() {
            let py = frame.y + frame.height - (t - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * frame.height
            canvas.line(from: (frame.x, py), to: (frame.x + frame.width, py), theme.gridLine.withAlpha(0.3), lineWidth: 1)
            let label = logarithmic ? "10" + Notation.superscriptDigits(Int(t)) : linearLabels[k]
            canvas.text(label, x: frame.x - 8 * canvas.textScale, y: py, size: 18, theme.muted, align: .right)
        }
        canvas.strokeRect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, theme.gridLine, lineWidth: 1.5)
        canvas.text(xLabel, x: frame.x + frame.width / 2, y: frame.y + frame.height + 46 * canvas.textScale, size: 20, theme.foreground, weight: .bold)
        canvas.text(yLabel, x: frame.x, y: frame.y - 20, size: 20, theme.foreground, align: .left, weight: .bold)
        canvas.withSavedState {
            canvas.clip(x: frame.x - 4, y: frame.y - 4, width: frame.width + 8, height: frame.height + 8)
            for curve in curves {
                let page = curve.points.filter { $0.y.isFinite }.map { point($0.x, $0.y) }
                canvas.polyline(page, curve.color, lineWidth: 3)
                if let last = page.last { canvas.circle(center: last, radius: 5, fill: curve.color) }
            }
        }
        guard legend, !curves.isEmpty else { return }
        let size = 18.0, rowHeight = 28.0 * canvas.textScale // rows as tall as their text is drawn
        let labelWidth = curves.map { canvas.textWidth($0.label, size: size) }.max() ?? 0
        let boxWidth = labelWidth + 66, boxHeight = rowHeight * Double(curves.count) + 12
        let boxX = frame.x + frame.width - boxWidth - 10
        let boxY = legendAtBottom ? frame.y + frame.height - boxHeight - 10 : frame.y + 10
        canvas.fillRect(x: boxX, y: boxY, width: boxWidth, height: boxHeight, theme.background.withAlpha(0.9))
        canvas.strokeRect(x: boxX, y: boxY, width: boxWidth, height: boxHeight, theme.gridLine, lineWidth: 1)
        for (k, curve) in curves.enumerated() {
            let y = boxY + 6 + rowHeight * (Double(k) + 0.5)
            canvas.line(from: (boxX + 12, y), to: (boxX + 46, y), curve.color, lineWidth: 5)
            canvas.text(curve.label, x: boxX + 54, y: y, size: size, theme.foreground, align: .left)
        }
    }

}

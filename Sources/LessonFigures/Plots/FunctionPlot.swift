import Foundation
import LessonCore

/// A line plot of sampled functions on labelled axes: ticks, numbers, axis names, a legend.
///
/// The samples come from the caller (a lesson computes them with the core); the plot only
/// maps them to the page.
public struct FunctionPlot: Sendable {
    /// One curve: its legend text, its points in data coordinates, and how it is drawn.
    public struct Series: Sendable {
        /// The legend text.
        public var label: String
        /// The samples, in data coordinates, in drawing order.
        public var points: [(x: Double, y: Double)]
        /// The line colour (a theme role).
        public var color: Color
        /// Dashed instead of solid.
        public var dashed: Bool
        /// The x where the function jumps: the curve is drawn in pieces, not joined across them.
        public var breaks: [Double]
        /// Creates a series.
        public init(label: String, points: [(x: Double, y: Double)], color: Color, dashed: Bool = false, breaks: [Double] = []) {
            self.label = label
            self.points = points
            self.color = color
            self.dashed = dashed
            self.breaks = breaks
        }
    }

    /// The plot area on the page: x, y (top-left), width, height.
    public var frame: (x: Double, y: Double, width: Double, height: Double)
    /// The data ranges shown.
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    /// The axis names.
    public var xLabel: String
    public var yLabel: String
    /// A title above the plot area.
    public var title: String?

    /// Creates a plot.
    public init(frame: (x: Double, y: Double, width: Double, height: Double), xRange: ClosedRange<Double>,
                yRange: ClosedRange<Double>, xLabel: String, yLabel: String, title: String? = nil) {
        self.frame = frame
        self.xRange = xRange
        self.yRange = yRange
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.title = title
    }

    /// The page point of a data point.
    public func point(_ x: Double, _ y: Double) -> (Double, Double) {
        (frame.x + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * frame.width,
         frame.y + frame.height - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * frame.height)
    }

    /// Tick values: about `count` round numbers inside `range`.
    public static func ticks(_ range: ClosedRange<Double>, count: Int = 6) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return [range.lowerBound] }
        let raw = span / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var values: [Double] = []
        var v = (range.lowerBound / step).rounded(.up) * step
        while v <= range.upperBound + step * 1e-9 {
            values.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return values
    }

    /// The numbers written at `ticks` (evenly spaced, as `ticks(_:count:)` gives them): with as
    /// many decimals as the step needs (two at least), and from a million up, or below a
    /// thousandth, as m·10ᵏ, so a diverging run's 20000000000 does not run off the slide.
    public static func tickLabels(_ ticks: [Double]) -> [String] {
        let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : 1
        var decimals = 2
        if step > 0, step.isFinite {
            let exponent = floor(log10(step)), mantissa = step / pow(10, exponent)
            decimals = min(6, max(2, Int(-exponent) + (abs(mantissa - 2.5) < 1e-9 ? 1 : 0)))
        }
        return ticks.map { value in
            let size = abs(value)
            guard value != 0, size >= 1e6 || size < 1e-3 else { return Notation.number(value, decimals: decimals) }
            return Typography.scientific(value, decimals: 2)
        }
    }

    /// Where a y tick's number (18 px, ending at `numbersEnd`) is drawn: centred on its line, but
    /// where the x number under the left corner starts left of `numbersEnd` (at `cornerX`), no
    /// lower than on its line just above that x number (drawn at `xNumbersY`), so the two
    /// corner numbers do not meet.
    static func yTickY(_ py: Double, cornerX: Double, numbersEnd: Double, xNumbersY: Double, scale: Double) -> Double {
        cornerX < numbersEnd ? min(py, xNumbersY - 18 * 1.3 * scale) : py
    }

    /// Draws the frame, grid, axes through 0, ticks with numbers, axis names, curves and legend.
    public func draw(_ series: [Series], on canvas: Canvas) {
        let theme = canvas.theme
        canvas.fillRect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, theme.cellFill)
        // Tick numbers and axis names as far from the frame as their text is drawn tall.
        let scale = canvas.textScale, bottom = frame.y + frame.height
        let xTicks = Self.ticks(xRange), xLabels = Self.tickLabels(xTicks)
        for (x, label) in zip(xTicks, xLabels) {
            let (px, _) = point(x, 0)
            canvas.line(from: (px, frame.y), to: (px, frame.y + frame.height), theme.gridLine.withAlpha(0.35), lineWidth: 1)
            canvas.text(label, x: px, y: bottom + 16 * scale, size: 18, theme.muted)
        }
        let cornerX = xTicks.first.map { x -> Double in
            point(x, 0).0 - canvas.textWidth(xLabels[0], size: 18) / 2
        } ?? frame.x
        let yTicks = Self.ticks(yRange, count: 5)
        for (y, label) in zip(yTicks, Self.tickLabels(yTicks)) {
            let (_, py) = point(0, y)
            canvas.line(from: (frame.x, py), to: (frame.x + frame.width, py), theme.gridLine.withAlpha(0.35), lineWidth: 1)
            let textY = Self.yTickY(py, cornerX: cornerX, numbersEnd: frame.x - 8, xNumbersY: bottom + 16 * scale, scale: scale)
            canvas.text(label, x: frame.x - 8, y: textY, size: 18, theme.muted, align: .right)
        }
        // The axes through the origin, when it is in view.
        if yRange.contains(0) {
            let (_, py) = point(0, 0)
            canvas.line(from: (frame.x, py), to: (frame.x + frame.width, py), theme.foreground, lineWidth: 1.5)
        }
        if xRange.contains(0) {
            let (px, _) = point(0, 0)
            canvas.line(from: (px, frame.y), to: (px, frame.y + frame.height), theme.foreground, lineWidth: 1.5)
        }
        canvas.strokeRect(x: frame.x, y: frame.y, width: frame.width, height: frame.height, theme.gridLine, lineWidth: 1)
        canvas.text(xLabel, x: frame.x + frame.width / 2, y: bottom + 40 * scale, size: 18, theme.foreground, weight: .bold)
        canvas.text(yLabel, x: frame.x, y: frame.y - 16 * scale, size: 18, theme.foreground, align: .left, weight: .bold)
        if let title {
            canvas.text(title, x: frame.x + frame.width / 2, y: frame.y - 16 * scale, size: 19, theme.foreground, weight: .bold)
        }
        for s in series {
            // Clip to the frame by dropping points outside the y range (and splitting there).
            var segment: [(Double, Double)] = []
            func flush() {
                if segment.count > 1 {
                    if s.dashed { drawDashed(segment, color: s.color, on: canvas) } else { canvas.polyline(segment, s.color, lineWidth: 3) }
                }
                segment = []
            }
            var previous: Double?
            for p in s.points {
                // A jump at or between the previous sample and this one ends the piece: no
                // vertical line joins the two sides (the gap is one sample wide).
                if let previous, s.breaks.contains(where: { previous <= $0 && $0 <= p.x }) { flush() }
                previous = p.x
                if yRange.contains(p.y) && xRange.contains(p.x) { segment.append(point(p.x, p.y)) } else { flush() }
            }
            flush()
        }
        // Legend, top-left inside the frame.
        for (k, s) in series.enumerated() {
            let y = frame.y + 22 * canvas.textScale + Double(k) * 24 * canvas.textScale
            canvas.line(from: (frame.x + 14, y), to: (frame.x + 44, y), s.color, lineWidth: 3, dash: s.dashed ? [9, 5] : [])
            canvas.text(s.label, x: frame.x + 52, y: y, size: 18, theme.foreground, align: .left)
        }
    }

    /// Draws a polyline as dashes of 14 on and 8 off, measured along the curve.
    private func drawDashed(_ points: [(Double, Double)], color: Color, on canvas: Canvas) {
        let on = 14.0, off = 8.0
        var drawing = true, left = on
        var run: [(Double, Double)] = [points[0]]
        for k in 1..<points.count {
            var start = points[k - 1]
            let end = points[k]
            var length = ((end.0 - start.0) * (end.0 - start.0) + (end.1 - start.1) * (end.1 - start.1)).squareRoot()
            while length > left {
                let t = left / length
                let cut = (start.0 + (end.0 - start.0) * t, start.1 + (end.1 - start.1) * t)
                if drawing { run.append(cut); canvas.polyline(run, color, lineWidth: 3) }
                run = [cut]
                length -= left
                start = cut
                drawing.toggle()
                left = drawing ? on : off
            }
            left -= length
            if drawing { run.append(end) } else { run = [end] }
        }
        if drawing, run.count > 1 { canvas.polyline(run, color, lineWidth: 3) }
    }
}

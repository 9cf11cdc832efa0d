import Foundation
import LessonCore

extension RecurrentFigures {
    /// Where the vanishing-gradient plot draws: x = t, y = log₁₀‖∂s⁽ᵀ⁾/∂s⁽ᵗ⁾‖.
    public struct PlotFrame: Sendable {
        public var left: Double, right: Double, top: Double, bottom: Double
        /// The decades shown, lowest first.
        public var lowDecade: Int, highDecade: Int
        public var steps: Int

        /// The point of (t, norm).
        public func point(t: Int, norm: Double) -> (Double, Double) {
            let x = left + (right - left) * Double(t) / Double(max(steps, 1))
            let value = log10(max(norm, 1e-300))
            let y = bottom - (bottom - top) * (value - Double(lowDecade)) / Double(max(highDecade - lowDecade, 1))
            return (x, y)
        }
    }

    /// The frame for these norms.
    public static func plotFrame(_ measured: [VanishingGradient]) -> PlotFrame {
        let norms = measured.flatMap(\.norms).filter { $0 > 0 && $0.isFinite }
        let low = Int(floor(log10(norms.min() ?? 1e-3))), high = Int(ceil(log10(norms.max() ?? 10)))
        return PlotFrame(left: 140, right: 1000, top: 100, bottom: 600, lowDecade: min(low, high - 1), highDecade: max(high, low + 1),
                         steps: measured.first?.steps ?? 1)
    }

    /// A norm as the alt text states it: 1.41, 0.28, 8.6·10⁻⁹.
    private static func norm(_ value: Double) -> String {
        value >= 0.01 && value < 1000 ? Notation.number(value, decimals: 2) : Typography.scientific(value, decimals: 1)
    }

    /// ‖∂s⁽ᵀ⁾/∂s⁽ᵗ⁾‖ against t on a log scale, one curve per network.
    static func vanishingPlot(_ measured: [(label: String, gradient: VanishingGradient)]) -> Figure {
        let steps = measured[0].gradient.steps
        let description = "The vanishing gradient on a log scale: ‖∂s⁽\(NetworkNotation.raised(steps))⁾/∂s⁽ᵗ⁾‖ for t = 0 … \(steps), " +
            measured.map { "\($0.label) from \(norm($0.gradient.norms.last ?? 0)) down to \(norm($0.gradient.norms.first ?? 0))" }.joined(separator: "; ") + "."
        return Figure(name: "vanishing-gradient", description: description) { canvas in
            let theme = canvas.theme
            let frame = plotFrame(measured.map(\.gradient))
            Caption.title("The vanishing gradient: ‖∂s⁽ᵀ⁾/∂s⁽ᵗ⁾‖ on a log scale", on: canvas, width: 1280)
            for decade in frame.lowDecade...frame.highDecade {
                let y = frame.point(t: 0, norm: pow(10, Double(decade))).1
                canvas.line(from: (frame.left, y), to: (frame.right, y), theme.gridLine, lineWidth: 1)
                canvas.text("1e\(decade)", x: frame.left - 12, y: y, size: numberSize, theme.muted, align: .right)
            }
            for t in 0...steps {
                let x = frame.point(t: t, norm: 1).0
                canvas.line(from: (x, frame.bottom), to: (x, frame.bottom + 6), theme.muted, lineWidth: 1)
                canvas.text("\(t)", x: x, y: frame.bottom + 24 + 13.2 * (canvas.textScale - 1), size: numberSize, theme.muted)
            }
            canvas.text("t (the state the gradient reaches)", x: (frame.left + frame.right) / 2, y: frame.bottom + 56 + 26.4 * (canvas.textScale - 1), size: 20, theme.foreground)
            let colors = [theme.positive, theme.negative, Palette.bluishGreen, Palette.reddishPurple, Palette.orange]
            for (index, curve) in measured.enumerated() {
                let color = colors[index % colors.count]
                let points = curve.gradient.entries.map { frame.point(t: $0.t, norm: $0.norm) }
                canvas.polyline(points, color, lineWidth: 3)
                for p in points { canvas.circle(center: p, radius: 5, fill: color) }
                let y = 140 + Double(index) * 34
                canvas.fillRect(x: 1030, y: y - 8, width: 28, height: 16, color)
                canvas.text(curve.label, x: 1068, y: y, size: canvas.fittingSize(curve.label, size: 20, maxWidth: 200) < textSize ? textSize : canvas.fittingSize(curve.label, size: 20, maxWidth: 200), theme.foreground, align: .left)
            }
        }
    }
}

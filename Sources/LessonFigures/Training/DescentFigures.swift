import Foundation
import LessonCore

/// Figures of the gradient-descent lesson: GD, SGD and mini-batch side by side, and the
/// learning-rate regimes on the same problem.
public enum DescentFigures {
    /// Each method's colour.
    public static func color(_ method: DescentMethod) -> Color {
        switch method {
        case .gd: return Palette.blue
        case .sgd: return Palette.vermillion
        case .miniBatch: return Palette.bluishGreen
        }
    }

    /// The parameter plot's frame (θ against the epoch).
    public static let parameterFrame = (x: 110.0, y: 100.0, width: 500.0, height: 480.0)
    /// The loss plot's frame (J against the epoch, log scale).
    public static let lossFrame = (x: 760.0, y: 100.0, width: 470.0, height: 480.0)

    /// θ and J against the epoch for each method; an update's x is its epoch fraction, so
    /// SGD's N updates per epoch sit between GD's one.
    public static func comparison(_ traces: [DescentTrace], optimum: Double?) -> Figure {
        let description = "θ and J after every update of " + traces.map { "\($0.method.title) (\($0.updates.count) updates, θ = \(Notation.number($0.path.last?[0] ?? 0, decimals: 4)))" }.joined(separator: ", ") + ", against the epoch."
        return Figure(name: "comparison", description: description) { canvas in
            Caption.title("GD, SGD and mini-batch: θ and J against the epoch", on: canvas, width: 1280)
            let thetaCurves = traces.map { trace in
                LossCurvePlot.Curve(label: trace.method.rawValue, points: epochPoints(trace, values: trace.path.map { $0[0] }), color: color(trace.method))
            }
            var thetaPlot = LossCurvePlot(frame: belowTitle(parameterFrame, on: canvas), curves: thetaCurves, xLabel: "epoch", yLabel: "θ")
            if thetaPlot.logarithmic {
                // θ is a parameter, not a loss: always a linear axis.
                let all = thetaCurves.flatMap { $0.points.map(\.y) } + (optimum.map { [$0] } ?? [])
                let low = all.min() ?? 0, high = all.max() ?? 1, margin = max((high - low) * 0.06, 1e-9)
                thetaPlot.logarithmic = false
                thetaPlot.yRange = (low - margin)...(high + margin)
                thetaPlot.yLabel = "θ"
            }
            thetaPlot.draw(thetaCurves, on: canvas, legendAtBottom: true)
            if let optimum {
                let a = thetaPlot.point(thetaPlot.xRange.lowerBound, optimum), b = thetaPlot.point(thetaPlot.xRange.upperBound, optimum)
                canvas.line(from: a, to: b, canvas.theme.muted, lineWidth: 2, dash: [8, 6])
                canvas.text("θ∗ = \(Notation.number(optimum, decimals: 4))", x: a.0 + 8, y: b.1 + 16, size: 18, canvas.theme.muted, align: .left)
            }
            let lossCurves = traces.map { trace in
                LossCurvePlot.Curve(label: trace.method.rawValue, points: epochPoints(trace, values: trace.losses), color: color(trace.method))
            }
            LossCurvePlot(frame: belowTitle(lossFrame, on: canvas), curves: lossCurves, xLabel: "epoch").draw(lossCurves, on: canvas)
            Caption.lines(["updates per epoch: " + traces.map { "\($0.method.rawValue) \($0.updates.count / max(1, $0.orders.count))" }.joined(separator: ", ")],
                          on: canvas, width: 1280, bottom: 690, size: 20)
        }
    }

    /// θ against the update for each learning rate, with its regime.
    public static func regimes(_ runs: [(label: String, trace: DescentTrace)], optimum: Double?, bound: Double) -> Figure {
        let colors = [Palette.skyBlue, Palette.blue, Palette.orange, Palette.vermillion, Palette.reddishPurple, Palette.bluishGreen]
        let description = "θ after each GD update for the learning rates " + runs.map(\.label).joined(separator: ", ") + "; the stability bound is α < \(Notation.number(bound, decimals: 4))."
        return Figure(name: "learning-rates", description: description) { canvas in
            Caption.title("Learning rate: too small, right, oscillating, diverging (α < \(Notation.number(bound, decimals: 4)) converges)", on: canvas, width: 1280)
            let curves = runs.enumerated().map { k, run in
                LossCurvePlot.Curve(label: run.label, points: run.trace.path.enumerated().map { (Double($0.offset), $0.element[0]) },
                                    color: colors[k % colors.count])
            }
            var plot = LossCurvePlot(frame: belowTitle((110, 100, 1060, 500), on: canvas), curves: curves, xLabel: "update", yLabel: "θ")
            let all = curves.flatMap { $0.points.map(\.y) } + (optimum.map { [$0] } ?? [])
            let low = all.min() ?? 0, high = all.max() ?? 1, margin = max((high - low) * 0.06, 1e-9)
            plot.logarithmic = false
            plot.yRange = (low - margin)...(high + margin)
            plot.yLabel = "θ"
            plot.draw(curves, on: canvas)
            for curve in curves {
                for p in curve.points { canvas.circle(center: plot.point(p.x, p.y), radius: 4, fill: curve.color) }
            }
            if let optimum {
                let a = plot.point(plot.xRange.lowerBound, optimum), b = plot.point(plot.xRange.upperBound, optimum)
                canvas.line(from: a, to: b, canvas.theme.muted, lineWidth: 2, dash: [8, 6])
            }
        }
    }

    /// `frame` starting lower by as much as the title and the axis name above the plot grow with
    /// the text scale (its bottom stays; at text scale 1 it is `frame`).
    static func belowTitle(_ frame: (x: Double, y: Double, width: Double, height: Double), on canvas: Canvas)
        -> (x: Double, y: Double, width: Double, height: Double) {
        let drop = 20 * (canvas.textScale - 1)
        return (frame.x, frame.y + drop, frame.width, frame.height - drop)
    }

    /// (epoch fraction, value) for the start and after every update.
    static func epochPoints(_ trace: DescentTrace, values: [Double]) -> [(x: Double, y: Double)] {
        let perEpoch = Double(max(1, trace.updates.count / max(1, trace.orders.count)))
        return values.enumerated().map { (Double($0.offset) / perEpoch, $0.element) }
    }
}

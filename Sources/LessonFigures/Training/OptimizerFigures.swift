import Foundation
import LessonCore

/// The classic optimizer comparison: trajectories over the contour plot of the loss, with
/// the loss curves beside it; one overview and one animation frame per step.
public enum OptimizerFigures {
    /// Each optimizer's colour (colour-blind-safe palette, the same in every figure).
    public static func color(_ kind: OptimizerKind) -> Color {
        switch kind {
        case .sgd: return Palette.vermillion
        case .momentum: return Palette.blue
        case .nesterov: return Palette.bluishGreen
        case .rmsprop: return Palette.reddishPurple
        case .adam: return Palette.orange
        }
    }

    /// The contour plot's frame on a 1280 × 720 slide; public so tests can find trajectories.
    public static let contourFrame = (x: 100.0, y: 110.0, width: 600.0, height: 500.0)
    /// The loss plot's frame.
    public static let lossFrame = (x: 830.0, y: 110.0, width: 420.0, height: 500.0)

    /// The overview (every step) followed by one frame per step (at most `maxFrames`, evenly spaced).
    /// The frames share one backdrop: the contour plot without the trajectories.
    public static func figures(_ traces: [OptimizerTrace], grid: SurfaceGrid, surface: String, maxFrames: Int = 60) -> [Figure] {
        let contour = ContourPlot(frame: contourFrame, grid: grid)
        let backdrop = Backdrop { canvas in plots(contour, on: canvas).contour.drawSurface(on: canvas) }
        let steps = traces.map(\.steps.count).max() ?? 0
        var figures = [figure(traces, contour: contour, backdrop: backdrop, surface: surface, upTo: steps, name: "comparison", step: nil)]
        let shown = steps <= maxFrames ? Array(1...max(steps, 1)) : (1...maxFrames).map { ($0 * steps + maxFrames - 1) / maxFrames }
        for (k, t) in shown.enumerated() where steps > 0 {
            figures.append(figure(traces, contour: contour, backdrop: backdrop, surface: surface, upTo: t,
                                  name: Figure.stepName(k, of: shown.count), step: k + 1))
        }
        return figures
    }

    /// The caption under both plots.
    static let caption = ["torch.optim: momentum μ = 0.9; RMSProp ρ = 0.99, ε = 1e-8; Adam β = (0.9, 0.999), ε = 1e-8"]

    /// The contour plot and the loss plot's frame on `canvas`: both end above their axis labels
    /// and the caption, as large as text is drawn (at text scale 1 they keep their frames).
    static func plots(_ contour: ContourPlot, on canvas: Canvas) -> (contour: ContourPlot, loss: (x: Double, y: Double, width: Double, height: Double)) {
        let bottom = min(contourFrame.y + contourFrame.height,
                         Caption.top(of: caption, on: canvas, width: 1280, bottom: 700, size: 18) - 12 - 58 * canvas.textScale)
        var contour = contour
        contour.frame.height = bottom - contour.frame.y
        var lossFrame = lossFrame
        lossFrame.height = bottom - lossFrame.y
        return (contour, lossFrame)
    }

    static func figure(_ traces: [OptimizerTrace], contour: ContourPlot, backdrop: Backdrop, surface: String, upTo t: Int,
                       name: String, step: Int?) -> Figure {
        let ends = traces.map { trace in
            let p = trace.points[min(t, trace.points.count - 1)]
            return "\(trace.kind.title) (\(Notation.number(p.x, decimals: 3)), \(Notation.number(p.y, decimals: 3)))"
        }
        let description = "Optimizers on J = \(surface) after \(t) step\(t == 1 ? "" : "s"), over its contour lines: " + ends.joined(separator: ", ") + "; beside it, J against the step."
        // Every trajectory as it ends: each frame draws a prefix, its legend placed against the whole.
        let whole = traces.map { trace in
            ContourPlot.Path(label: trace.kind.title, points: trace.points.map { ($0.x, $0.y) }, color: color(trace.kind))
        }
        return Figure(name: name, description: description, step: step, backdrop: backdrop) { canvas in
            let alpha = traces.first.map { Notation.number($0.settings.learningRate, decimals: 6) } ?? ""
            Caption.title("J = \(surface): \(t) step\(t == 1 ? "" : "s") from (\(Notation.number(traces.first?.start.x ?? 0, decimals: 3)), \(Notation.number(traces.first?.start.y ?? 0, decimals: 3))), α = \(alpha)", on: canvas, width: 1280)
            let (contour, lossFrame) = plots(contour, on: canvas)
            let paths = whole.map { ContourPlot.Path(label: $0.label, points: Array($0.points.prefix(t + 1)), color: $0.color) }
            contour.drawPaths(paths, on: canvas, whole: whole)
            let all = traces.map { trace in
                LossCurvePlot.Curve(label: trace.kind.title, points: trace.losses.enumerated().map { (Double($0.offset), $0.element) },
                                    color: color(trace.kind))
            }
            let plot = LossCurvePlot(frame: lossFrame, curves: all, xLabel: "step")
            let shown = all.map { curve in
                LossCurvePlot.Curve(label: curve.label, points: Array(curve.points.prefix(t + 1)), color: curve.color)
            }
            plot.draw(shown, on: canvas, legend: false)
            Caption.lines(caption, on: canvas, width: 1280, bottom: 700, size: 18)
        }
    }
}

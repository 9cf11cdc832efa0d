import LessonCore

/// Plots of activation functions and their derivatives, read from sampled curves.
public enum ActivationFigures {
    /// The plot frame of a single-activation figure; public so tests can find the curves.
    public static func plot(for samples: ActivationSamples, width: Double = 1280, height: Double = 720) -> FunctionPlot {
        FunctionPlot(frame: (120, 110, width - 220, height - 250), xRange: range(samples.z),
                     yRange: yRange(samples), xLabel: "z", yLabel: "f(z), f′(z)")
    }

    /// One figure per activation: f (blue, solid) and f′ (orange, dashed) on the same axes.
    public static func single(_ samples: ActivationSamples) -> Figure {
        let a = samples.activation
        let description = "\(a.symbol) and its derivative for z from \(Notation.number(samples.z.first ?? 0)) to \(Notation.number(samples.z.last ?? 0)): \(a.formula); \(a.derivativeFormula)."
        return Figure(name: a.rawValue, description: description) { canvas in
            let theme = canvas.theme
            Caption.title("\(a.symbol): the function and its derivative", on: canvas, width: 1280)
            plot(for: samples).draw(series(samples, theme: theme), on: canvas)
            Caption.lines([a.formula + "    " + a.derivativeFormula], on: canvas, width: 1280, bottom: 720 - 40, size: 22)
        }
    }

    /// All activations side by side, two by two.
    public static func overview(_ all: [ActivationSamples]) -> Figure {
        let description = "The activations " + all.map(\.activation.symbol).joined(separator: ", ") + " (solid) and their derivatives (dashed), side by side."
        return Figure(name: "overview", description: description) { canvas in
            let theme = canvas.theme
            Caption.title("Activation functions (solid) and their derivatives (dashed)", on: canvas, width: 1280)
            let columns = 2, rows = (all.count + 1) / 2
            let cellWidth = 1280.0 / Double(columns), cellHeight = (720.0 - 80) / Double(max(rows, 1))
            for (k, samples) in all.enumerated() {
                let x = Double(k % columns) * cellWidth, y = 70 + Double(k / columns) * cellHeight
                // Each plot ends above its tick numbers and axis name, as large as text is drawn,
                // and the next row's title (at text scale 1: 100 px under the plot).
                let height = cellHeight - 100 - 60 * (canvas.textScale - 1)
                let plot = FunctionPlot(frame: (x + 90, y + 40, cellWidth - 150, height), xRange: range(samples.z),
                                        yRange: yRange(samples), xLabel: "z", yLabel: "", title: samples.activation.symbol)
                plot.draw(series(samples, theme: theme), on: canvas)
            }
        }
    }

    private static func series(_ s: ActivationSamples, theme: Theme) -> [FunctionPlot.Series] {
        let symbol = s.activation.symbol
        return [
            .init(label: "\(symbol)(z)", points: zip(s.z, s.values).map { ($0, $1) }, color: theme.positive,
                  breaks: s.activation.valueJumps),
            .init(label: "\(symbol)′(z)", points: zip(s.z, s.derivatives).map { ($0, $1) }, color: theme.highlight, dashed: true,
                  breaks: s.activation.derivativeJumps),
        ]
    }

    private static func range(_ values: [Double]) -> ClosedRange<Double> {
        (values.min() ?? -1)...(values.max() ?? 1)
    }

    /// The y range: both curves with a margin, always showing 0 and 1.
    private static func yRange(_ s: ActivationSamples) -> ClosedRange<Double> {
        let all = s.values + s.derivatives + [0, 1]
        let low = all.min() ?? 0, high = all.max() ?? 1
        let margin = (high - low) * 0.08
        return (low - margin)...(high + margin)
    }
}

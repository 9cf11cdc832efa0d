import LessonFigures

/// How `lesson figures` renders: formats, theme, size, and whether to add filmstrips.
public struct FigureBatchOptions: Sendable {
    /// The size of the files.
    public enum Sizing: Sendable, Equatable {
        /// A multiple of each figure's own size (2 doubles the pixels of a PNG).
        case scale(Double)
        /// Every file this many pixels (PNG) or points (SVG, PDF) wide, height in proportion.
        case width(Double)
    }

    /// The formats each figure is written in, in this order.
    public var formats: [FigureFormat]
    /// The theme of every figure.
    public var theme: Theme
    /// The size of every file.
    public var sizing: Sizing
    /// Whether each lesson variant with two or more steps also gets a `filmstrip` figure.
    public var filmstrips: Bool
    /// Every font size is multiplied by this (`--text-scale`).
    public var textScale: Double = 1
    /// Which step frames are drawn (by default at most 64 per variant).
    public var steps: StepSelection = .automatic

    /// Creates options; by default PNG, light theme, scale 1, with filmstrips.
    public init(formats: [FigureFormat] = [.png], theme: Theme = .light, sizing: Sizing = .scale(1), filmstrips: Bool = true) {
        self.formats = formats
        self.theme = theme
        self.sizing = sizing
        self.filmstrips = filmstrips
    }

    /// The render options of `figure` in `format`.
    public func renderOptions(for figure: Figure, format: FigureFormat) -> RenderOptions {
        let scale: Double
        switch sizing {
        case .scale(let factor): scale = factor
        case .width(let width): scale = width / figure.width
        }
        return RenderOptions(format: format, theme: theme, scale: scale, textScale: textScale)
    }
}

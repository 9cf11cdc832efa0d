/// One figure drawn for a deck (HTML stepper, Beamer): its file bytes and the text it showed,
/// as the drawing recorded it, so a deck never recomputes what a frame says.
public struct RenderedFrame: Sendable {
    /// The figure's name (`step-03`) and step (nil for an overview).
    public var name: String
    public var step: Int?
    /// The one-sentence alt text.
    public var description: String
    /// The heading the frame drew, or nil when it drew none.
    public var heading: String?
    /// The caption lines the frame drew (a step's worked sum), unwrapped.
    public var captionLines: [String]
    /// The encoded frame (SVG for HTML, PDF for Beamer).
    public var bytes: [UInt8]
    /// The size of the frame in points.
    public var width: Double
    public var height: Double

    /// Draws `figure` with `options` and keeps its bytes and text.
    public init(_ figure: Figure, options: RenderOptions) throws {
        let surface = try FigureRenderer.surface(for: figure, options: options)
        bytes = try surface.encoded()
        name = figure.name
        step = figure.step
        description = figure.description
        heading = surface.heading
        captionLines = surface.captionLines
        width = surface.width
        height = surface.height
    }
}

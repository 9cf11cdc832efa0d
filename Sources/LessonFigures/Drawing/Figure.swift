/// One figure a lesson produces: a name for its file, a sentence that says what it
/// shows (alt text), its size, and the code that draws it. The drawing code only reads
/// a trace; it never computes the lesson's math.
public struct Figure: Sendable {
    /// The file name without extension, e.g. `step-01` or `overview`.
    public var name: String
    /// One sentence that says what the figure shows, usable as alt text.
    public var description: String
    /// The step of the trace this figure shows (1-based), or nil for overviews.
    public var step: Int?
    /// The size in points (pixels at scale 1).
    public var width: Double
    public var height: Double
    /// What this frame shares with the other frames of its series, drawn under it (nil: none).
    public var backdrop: Backdrop?
    /// Draws the figure on a canvas whose origin is the figure's top-left corner, over its
    /// backdrop if it has one.
    public var draw: @Sendable (Canvas) -> Void

    /// Creates a figure; a 16:9 slide (1280 × 720) unless told otherwise.
    public init(name: String, description: String, step: Int? = nil, width: Double = 1280, height: Double = 720,
                backdrop: Backdrop? = nil, draw: @escaping @Sendable (Canvas) -> Void) {
        self.name = name
        self.description = description
        self.step = step
        self.width = width
        self.height = height
        self.backdrop = backdrop
        self.draw = draw
    }

    /// Draws the backdrop, if any, then the figure: the whole figure as vector operations.
    public func drawWhole(on canvas: Canvas) {
        backdrop?.draw(canvas)
        draw(canvas)
    }
}

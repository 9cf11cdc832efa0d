import Foundation

/// What the frames of one series share and draw first: the axes, ticks and contour lines under
/// every step of an animation. A PNG frame starts from a copy of the backdrop's pixels, drawn
/// once for each set of render options, instead of drawing it again, and a PNG filmstrip's
/// tiles paint a copy drawn at the tile's scale (`paint(on:width:height:)`); SVG and PDF frames
/// draw it, then the frame, as vector operations.
///
/// A frame drawn from the copy has the same pixels as one drawn whole, provided nothing the
/// frame draws before the backdrop's parts (its title, say) touches a pixel they touch: the
/// same operations meet the same pixels in the same order. `BackdropTests` compares the two.
public final class Backdrop: @unchecked Sendable {
    /// Draws the backdrop, over the theme's background, on a canvas like the frame's.
    public let draw: @Sendable (Canvas) -> Void
    /// The raster backdrops drawn so far, one per size and set of options; guarded by `lock`.
    private var drawn: [(width: Double, height: Double, options: RenderOptions, surface: Surface)] = []
    private let lock = NSLock()

    public init(draw: @escaping @Sendable (Canvas) -> Void) {
        self.draw = draw
    }

    /// The backdrop drawn on a raster surface of `width` × `height` with `options`: drawn on the
    /// first call, then the same surface (only read from) for every frame, on any thread.
    func raster(width: Double, height: Double, options: RenderOptions) throws -> Surface {
        lock.lock()
        defer { lock.unlock() }
        if let done = drawn.first(where: { $0.width == width && $0.height == height && $0.options == options }) {
            return done.surface
        }
        let surface = try Surface(format: options.format, width: width * options.scale, height: height * options.scale)
        let canvas = try FigureRenderer.canvas(on: surface, width: width, height: height, options: options)
        draw(canvas)
        try canvas.finish()
        surface.flush()
        drawn.append((width, height, options, surface))
        return surface
    }

    /// Paints the backdrop over the rectangle (0, 0, `width`, `height`) of `canvas`'s user space
    /// from a raster of it drawn once at the canvas's device scale, where that gives the pixels
    /// drawing it there would: a raster canvas whose transform only scales (the same factor on
    /// both axes) and moves by whole pixels, the rectangle a whole number of pixels on each side.
    /// The raster's text runs are recorded as drawn there. Returns false, painting nothing,
    /// where those conditions fail (the caller draws the backdrop then).
    ///
    /// A filmstrip's tiles (30 contour plots on the optimizers' filmstrip) draw the backdrop this
    /// way: 0.79 of `lesson figures --lesson optimizers`' 2.33 s of CPU went to its 4 filmstrips.
    func paint(on canvas: Canvas, width: Double, height: Double) -> Bool {
        guard canvas.surface.format == .png, let (scale, x, y) = canvas.wholePixelPlacement(),
              (scale * width).rounded() == scale * width, (scale * height).rounded() == scale * height,
              let drawn = try? raster(width: width, height: height,
                                      options: RenderOptions(theme: canvas.theme, scale: scale, textScale: canvas.textScale))
        else { return false }
        canvas.surface.paint(drawn, atX: x, y: y)
        return true
    }

    /// Frees the raster backdrops drawn so far (a frame drawn later draws it again): for a batch
    /// that is done with a series while its figures are still held.
    public func discardDrawn() {
        lock.lock()
        defer { lock.unlock() }
        drawn.removeAll()
    }
}

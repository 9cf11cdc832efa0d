import CCairo
import Foundation

/// How text is placed horizontally relative to its anchor point.
public enum TextAlignment: Sendable { case left, center, right }

/// Font weight of a text run.
public enum FontWeight: Sendable { case normal, bold }

/// A Cairo drawing context over a `Surface`, with the few operations the figures need.
/// Destroyed in `deinit`; `finish()` checks the status Cairo accumulated while drawing.
public final class Canvas {
    let pointer: OpaquePointer
    /// The surface drawn on (kept alive as long as the canvas).
    public let surface: Surface
    /// The theme the figure is drawn in.
    public let theme: Theme
    /// Every font size is multiplied by this (`--text-scale`): bigger text on the same canvas.
    /// Text that must fit a width (`fittingSize`) still fits it, since widths are measured scaled.
    public var textScale: Double = 1

    /// Creates a context on `surface`, scaled by `scale` (1 = one unit per pixel or point).
    public init(surface: Surface, theme: Theme, scale: Double = 1) throws {
        guard let cr = cairo_create(surface.pointer) else { throw CairoError("creating a context", CAIRO_STATUS_NO_MEMORY) }
        pointer = cr
        self.surface = surface
        self.theme = theme
        try CairoError.check(cairo_status(cr), "creating a context")
        try Canvas.setFixedFontOptions(cr)
        cairo_scale(cr, scale, scale)
        FontFaces.select(cr, family: theme.fontFamily, weight: .normal)
    }

    deinit { cairo_destroy(pointer) }

    /// Sets every font option explicitly: grey antialiasing, no hinting, unhinted metrics.
    ///
    /// Left at "default", Cairo fills them in from the font pattern resolved for the *first*
    /// surface that used the font in the process (a PDF resolves to no hinting, an image to
    /// fontconfig's hinting), so a PNG's pixels would depend on what was rendered before it.
    /// Explicit options make every file depend only on its figure, and give text the same
    /// widths in PNG, SVG and PDF.
    private static func setFixedFontOptions(_ cr: OpaquePointer) throws {
        guard let options = cairo_font_options_create() else { throw CairoError("creating font options", CAIRO_STATUS_NO_MEMORY) }
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_RGB)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        try CairoError.check(cairo_font_options_status(options), "creating font options")
        cairo_set_font_options(cr, options)
    }

    /// Throws if any drawing operation failed.
    public func finish() throws {
        try CairoError.check(cairo_status(pointer), "drawing")
    }

    /// Ends the current page of a PDF and starts the next, of the same size (for documents of
    /// several pages, such as a student's sheet); the new page's background is not filled.
    public func newPage() {
        precondition(surface.format == .pdf, "only a PDF has pages")
        cairo_show_page(pointer)
    }

    // MARK: Shapes

    /// Fills the whole canvas area `width` × `height` with a colour.
    public func fillBackground(_ color: Color, width: Double, height: Double) {
        fillRect(x: 0, y: 0, width: width, height: height, color)
    }

    /// Fills a rectangle.
    public func fillRect(x: Double, y: Double, width: Double, height: Double, _ color: Color) {
        setColor(color)
        cairo_rectangle(pointer, x, y, width, height)
        cairo_fill(pointer)
    }

    /// Strokes a rectangle's outline; `dash` gives on/off lengths for a dashed line.
    public func strokeRect(x: Double, y: Double, width: Double, height: Double, _ color: Color,
                           lineWidth: Double = 1, dash: [Double] = []) {
        setColor(color)
        cairo_set_line_width(pointer, lineWidth)
        setDash(dash)
        cairo_rectangle(pointer, x, y, width, height)
        cairo_stroke(pointer)
        setDash([])
    }

    /// Draws a straight line.
    public func line(from: (Double, Double), to: (Double, Double), _ color: Color, lineWidth: Double = 1,
                     dash: [Double] = []) {
        setColor(color)
        cairo_set_line_width(pointer, lineWidth)
        setDash(dash)
        cairo_move_to(pointer, from.0, from.1)
        cairo_line_to(pointer, to.0, to.1)
        cairo_stroke(pointer)
        setDash([])
    }

    /// Strokes many separate line segments as one path: one stroke, not one per segment (the
    /// thousands of contour pieces of a loss surface), and one element in an SVG.
    public func segments(_ segments: [((Double, Double), (Double, Double))], _ color: Color, lineWidth: Double = 1) {
        guard !segments.isEmpty else { return }
        setColor(color)
        cairo_set_line_width(pointer, lineWidth)
        for (from, to) in segments {
            cairo_move_to(pointer, from.0, from.1)
            cairo_line_to(pointer, to.0, to.1)
        }
        cairo_stroke(pointer)
    }

    /// Draws a line with an arrow head at `to`.
    public func arrow(from: (Double, Double), to: (Double, Double), _ color: Color, lineWidth: Double = 2,
                      headLength: Double = 10) {
        line(from: from, to: to, color, lineWidth: lineWidth)
        let angle = atan2(to.1 - from.1, to.0 - from.0)
        let spread = 0.45
        setColor(color)
        cairo_move_to(pointer, to.0, to.1)
        cairo_line_to(pointer, to.0 - headLength * cos(angle - spread), to.1 - headLength * sin(angle - spread))
        cairo_line_to(pointer, to.0 - headLength * cos(angle + spread), to.1 - headLength * sin(angle + spread))
        cairo_close_path(pointer)
        cairo_fill(pointer)
    }

    /// Fills (and optionally strokes) a circle.
    public func circle(center: (Double, Double), radius: Double, fill: Color?, stroke: Color? = nil,
                       lineWidth: Double = 1) {
        cairo_new_path(pointer)
        cairo_arc(pointer, center.0, center.1, radius, 0, 2 * Double.pi)
        if let fill {
            setColor(fill)
            if stroke != nil { cairo_fill_preserve(pointer) } else { cairo_fill(pointer) }
        }
        if let stroke {
            setColor(stroke)
            cairo_set_line_width(pointer, lineWidth)
            cairo_stroke(pointer)
        }
        cairo_new_path(pointer)
    }

    /// Draws a polyline through `points`.
    public func polyline(_ points: [(Double, Double)], _ color: Color, lineWidth: Double = 2) {
        guard let first = points.first else { return }
        setColor(color)
        cairo_set_line_width(pointer, lineWidth)
        cairo_set_line_join(pointer, CAIRO_LINE_JOIN_ROUND)
        cairo_move_to(pointer, first.0, first.1)
        for p in points.dropFirst() { cairo_line_to(pointer, p.0, p.1) }
        cairo_stroke(pointer)
    }

    // MARK: Text

    /// The width of `text` at this size and weight.
    public func textWidth(_ text: String, size: Double, weight: FontWeight = .normal) -> Double {
        let (text, rich) = RichText.figureText(text)
        if let rich { return richWidth(rich, size: size, weight: weight) }
        return advance(of: text, size: size, weight: weight)
    }

    /// The advance of `text` as it is (already typeset) at this size and weight.
    func advance(of text: String, size: Double, weight: FontWeight) -> Double {
        setFont(size: size, weight: weight)
        var extents = cairo_text_extents_t()
        cairo_text_extents(pointer, text, &extents)
        return extents.x_advance
    }

    /// The largest font size ≤ `size` at which `text` fits in `maxWidth`.
    public func fittingSize(_ text: String, size: Double, maxWidth: Double, weight: FontWeight = .normal) -> Double {
        let width = textWidth(text, size: size, weight: weight)
        return width <= maxWidth || width == 0 ? size : size * maxWidth / width
    }

    /// Draws `text` with its baseline's anchor at (x, y) shifted so the text is vertically
    /// centred on y. A hyphen used as a minus sign is drawn as the true minus (U+2212), and
    /// ASCII math is typeset (`x^2` → x², `2*theta` → 2θ; see `Typography.typeset`), and so are
    /// the subscripts of one-letter symbols (`δ_f`, `C_in`) and the ⋆ operator (see `RichText.symbols`);
    /// a part marked `Typography.literal` (a name the user wrote) is drawn as it is.
    public func text(_ text: String, x: Double, y: Double, size: Double, _ color: Color,
                     align: TextAlignment = .center, weight: FontWeight = .normal) {
        let (text, rich) = RichText.figureText(text)
        if let rich {
            drawRich(rich, x: x, y: y, size: size, color, align: align, weight: weight)
            return
        }
        let advance = advance(of: text, size: size, weight: weight)
        let dx: Double
        switch align {
        case .left: dx = 0
        case .center: dx = -advance / 2
        case .right: dx = -advance
        }
        showText(text, baselineX: x + dx, baselineY: y + Canvas.capHeight(size * textScale) / 2, size: size, color, weight: weight)
    }

    /// The height of a capital letter at `size`; text is centred on it so rows of numbers line up.
    static func capHeight(_ size: Double) -> Double { size * 0.72 }

    /// Draws `text` as it is with its baseline starting at (x, y), and records it for the SVG's text layer.
    func showText(_ text: String, baselineX x: Double, baselineY y: Double, size: Double, _ color: Color,
                  weight: FontWeight) {
        if let run = paintText(text, baselineX: x, baselineY: y, size: size, color, weight: weight) { surface.record(run) }
    }

    /// Draws `text` as it is with its baseline starting at (x, y) and returns the run as drawn,
    /// without recording it (a piece of a typeset run is recorded with the run).
    func paintText(_ text: String, baselineX x: Double, baselineY y: Double, size: Double, _ color: Color,
                   weight: FontWeight) -> DrawnText? {
        guard !text.isEmpty else { return nil }
        // Coloured text (labels in orange, blue…) reads at 4.5:1 on the background in every theme.
        let color = theme.ink(color)
        setFont(size: size, weight: weight)
        setColor(color)
        var extents = cairo_text_extents_t()
        cairo_text_extents(pointer, text, &extents)
        let run = deviceRun(text, baselineX: x, baselineY: y, size: size, width: extents.x_advance, color, weight: weight)
        cairo_move_to(pointer, x, y)
        cairo_show_text(pointer, text)
        cairo_new_path(pointer)
        return run
    }

    /// A run of text at (x, y) of `size` and advance `width` in user units, in device coordinates.
    func deviceRun(_ text: String, baselineX x: Double, baselineY y: Double, size: Double, width: Double, _ color: Color,
                   weight: FontWeight) -> DrawnText {
        var deviceX = x, deviceY = y, deviceSize = size * textScale, zero = 0.0
        var deviceWidth = width, zeroHeight = 0.0
        cairo_user_to_device(pointer, &deviceX, &deviceY)
        cairo_user_to_device_distance(pointer, &deviceSize, &zero)
        cairo_user_to_device_distance(pointer, &deviceWidth, &zeroHeight)
        return DrawnText(text: text, x: deviceX, y: deviceY, size: (deviceSize * deviceSize + zero * zero).squareRoot(),
                         bold: weight == .bold, color: color,
                         width: (deviceWidth * deviceWidth + zeroHeight * zeroHeight).squareRoot())
    }

    /// The ink of `text` at this size and weight: its width, and the top and bottom of its
    /// glyphs relative to the baseline (negative above it).
    func ink(of text: String, size: Double, weight: FontWeight) -> (width: Double, top: Double, bottom: Double) {
        setFont(size: size, weight: weight)
        var extents = cairo_text_extents_t()
        cairo_text_extents(pointer, text, &extents)
        return (extents.width, extents.y_bearing, extents.y_bearing + extents.height)
    }

    // MARK: Transform

    /// Runs `body` with the current state saved and restored around it.
    public func withSavedState(_ body: () -> Void) {
        cairo_save(pointer)
        body()
        cairo_restore(pointer)
    }

    /// Moves the origin.
    public func translate(x: Double, y: Double) { cairo_translate(pointer, x, y) }

    /// The current transform as a scale and a whole-pixel move, where it is one: the same
    /// positive factor on both axes, no rotation, and the user origin on a whole device pixel.
    func wholePixelPlacement() -> (scale: Double, x: Int, y: Int)? {
        var matrix = cairo_matrix_t()
        cairo_get_matrix(pointer, &matrix)
        guard matrix.xy == 0, matrix.yx == 0, matrix.xx == matrix.yy, matrix.xx > 0,
              matrix.x0.rounded() == matrix.x0, matrix.y0.rounded() == matrix.y0,
              abs(matrix.x0) < 1e9, abs(matrix.y0) < 1e9 else { return nil }
        return (matrix.xx, Int(matrix.x0), Int(matrix.y0))
    }

    /// Scales everything drawn afterwards by `factor` (until the saved state is restored).
    public func scale(_ factor: Double) { cairo_scale(pointer, factor, factor) }

    /// Restricts drawing to a rectangle (until the saved state is restored).
    public func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_new_path(pointer)
        cairo_rectangle(pointer, x, y, width, height)
        cairo_clip(pointer)
    }

    // MARK: Private

    private func setColor(_ color: Color) {
        cairo_set_source_rgba(pointer, color.red, color.green, color.blue, color.alpha)
    }

    private func setDash(_ dash: [Double]) {
        dash.withUnsafeBufferPointer { cairo_set_dash(pointer, $0.baseAddress, Int32(dash.count), 0) }
    }

    private func setFont(size: Double, weight: FontWeight) {
        FontFaces.select(pointer, family: theme.fontFamily, weight: weight)
        cairo_set_font_size(pointer, size * textScale)
    }
}

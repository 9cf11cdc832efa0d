import CCairo

/// A Cairo surface that draws into memory: an ARGB image for PNG, or an SVG or PDF
/// document streamed into a byte buffer. Destroyed in `deinit`.
public final class Surface {
    let pointer: OpaquePointer
    private let sink: ByteSink?
    /// The format this surface produces.
    public let format: FigureFormat
    /// The size in pixels (PNG) or points (SVG, PDF).
    public let width: Double
    public let height: Double
    /// Every run of text drawn on the surface, in drawing order.
    public private(set) var drawnText: [DrawnText] = []
    /// The figure's heading as `Caption.title` drew it (the first one), for decks that show it as text.
    public internal(set) var heading: String?
    /// The caption lines `Caption.lines` drew (the worked sum of a step), unwrapped, in order.
    public internal(set) var captionLines: [String] = []
    /// A title for the document: the SVG's `<title>` and the PDF's Title (set before `encoded()`).
    public var title: String?
    /// A sentence saying what the figure shows: the SVG's `<desc>` and the PDF's Subject.
    public var summary: String?

    /// Creates a surface of `width` × `height` for `format`'s frames (a GIF frame is a PNG
    /// surface, an HTML frame SVG, a Beamer frame PDF); a PNG surface has ⌈width⌉ × ⌈height⌉ pixels.
    public init(format: FigureFormat, width: Double, height: Double) throws {
        let format = format.frameFormat
        self.format = format
        self.width = width
        self.height = height
        switch format {
        case .png, .gif:
            sink = nil
            guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width.rounded(.up)),
                                                           Int32(height.rounded(.up))) else {
                throw CairoError("creating a PNG surface", CAIRO_STATUS_NO_MEMORY)
            }
            pointer = surface
        case .svg, .html, .pdf, .tex:
            // Vector formats stream their bytes into a sink: SVG for the stepper page, PDF for Beamer.
            let sink = ByteSink()
            self.sink = sink
            let isSVG = format == .svg || format == .html
            let create = isSVG ? cairo_svg_surface_create_for_stream : cairo_pdf_surface_create_for_stream
            guard let surface = create(ByteSink.write, sink.opaque, width, height) else {
                throw CairoError(isSVG ? "creating an SVG surface" : "creating a PDF surface", CAIRO_STATUS_NO_MEMORY)
            }
            pointer = surface
            guard !isSVG else { break }
            // A fixed date keeps the same figure byte-identical from run to run.
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "lesson")
        }
        try CairoError.check(cairo_surface_status(pointer), "creating a \(format.rawValue) surface of \(width)×\(height)")
    }

    deinit { cairo_surface_destroy(pointer) }

    /// Finishes the surface and returns the encoded file: PNG, SVG or PDF bytes.
    public func encoded() throws -> [UInt8] {
        switch format {
        case .png, .gif:
            cairo_surface_flush(pointer)
            try CairoError.check(cairo_surface_status(pointer), "drawing a PNG")
            guard let data = cairo_image_surface_get_data(pointer) else {
                throw CairoError("reading the pixels of a PNG surface", CAIRO_STATUS_NULL_POINTER)
            }
            return try PNGWriter.encode(argb: data, width: Int(cairo_image_surface_get_width(pointer)),
                                       height: Int(cairo_image_surface_get_height(pointer)),
                                       rowBytes: Int(cairo_image_surface_get_stride(pointer)))
        case .svg, .html:
            cairo_surface_finish(pointer)
            try CairoError.check(cairo_surface_status(pointer), "finishing an SVG document")
            return SVGDocument.finished(sink?.bytes ?? [], title: title, summary: summary, text: drawnText)
        case .pdf, .tex:
            if let title { cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_TITLE, title) }
            if let summary { cairo_pdf_surface_set_metadata(pointer, CAIRO_PDF_METADATA_SUBJECT, summary) }
            cairo_surface_finish(pointer)
            try CairoError.check(cairo_surface_status(pointer), "finishing a PDF document")
            return sink?.bytes ?? []
        }
    }

    /// Notes a run of text drawn by a canvas on this surface.
    func record(_ text: DrawnText) { drawnText.append(text) }

    /// Writes out what Cairo holds back, so the pixels can be read (by several threads at once).
    func flush() { cairo_surface_flush(pointer) }

    /// Copies the pixels of `drawn` (a raster surface) onto this raster surface with its top-left
    /// corner at the whole pixel (`x`, `y`), within the current clip of no context (the copy
    /// replaces what was there), and records its text runs, heading and caption lines as drawn
    /// there.
    func paint(_ drawn: Surface, atX x: Int, y: Int) {
        precondition(format == .png && drawn.format == .png, "only raster surfaces are painted onto raster surfaces")
        guard let cr = cairo_create(pointer) else { return }
        defer { cairo_destroy(cr) }
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE)
        cairo_set_source_surface(cr, drawn.pointer, Double(x), Double(y))
        cairo_rectangle(cr, Double(x), Double(y), Double(cairo_image_surface_get_width(drawn.pointer)),
                        Double(cairo_image_surface_get_height(drawn.pointer)))
        cairo_fill(cr)
        let dx = Double(x), dy = Double(y)
        for run in drawn.drawnText {
            var moved = run
            moved.x += dx
            moved.y += dy
            moved.spans = run.spans.map { var span = $0; span.x += dx; span.y += dy; return span }
            record(moved)
        }
        if heading == nil { heading = drawn.heading }
        captionLines += drawn.captionLines
    }

    /// Makes this new raster surface a copy of `drawn` (flushed, of the same size): its pixels,
    /// and the texts, heading and caption lines drawn on it, so drawing goes on where it stopped.
    func start(from drawn: Surface) throws {
        precondition(format == .png && drawn.format == .png, "only raster surfaces are copied")
        let rows = Int(cairo_image_surface_get_height(pointer)), stride = Int(cairo_image_surface_get_stride(pointer))
        guard rows == Int(cairo_image_surface_get_height(drawn.pointer)), stride == Int(cairo_image_surface_get_stride(drawn.pointer)),
              let target = cairo_image_surface_get_data(pointer), let source = cairo_image_surface_get_data(drawn.pointer) else {
            throw CairoError("copying a backdrop of another size", CAIRO_STATUS_INVALID_SIZE)
        }
        cairo_surface_flush(pointer)
        target.update(from: source, count: rows * stride)
        cairo_surface_mark_dirty(pointer)
        drawnText = drawn.drawnText
        heading = drawn.heading
        captionLines = drawn.captionLines
    }

    /// The ARGB pixels of a PNG surface (premultiplied, native-endian 32-bit words, row by row).
    public func pixels() -> (width: Int, height: Int, argb: [UInt32]) {
        precondition(format == .png, "pixels() of a \(format.rawValue) surface")
        cairo_surface_flush(pointer)
        let w = Int(cairo_image_surface_get_width(pointer))
        let h = Int(cairo_image_surface_get_height(pointer))
        let stride = Int(cairo_image_surface_get_stride(pointer))
        guard let data = cairo_image_surface_get_data(pointer) else { return (w, h, []) }
        var out: [UInt32] = []
        out.reserveCapacity(w * h)
        for y in 0..<h {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w { out.append(row[x]) }
        }
        return (w, h, out)
    }
}

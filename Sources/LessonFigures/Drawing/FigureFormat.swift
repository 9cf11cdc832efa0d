/// The file formats a figure can be written in; all are drawn by the same code.
///
/// `png`, `svg` and `pdf` are one file per figure. `gif`, `html` and `tex` are one file per
/// lesson variant built from its frames: an animated GIF of PNG-like frames, an HTML stepper
/// of inline SVG frames, a Beamer `.tex` that includes the PDF frames (written beside it).
public enum FigureFormat: String, Sendable, CaseIterable, Codable {
    case png, svg, pdf, gif, html, tex

    /// The file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// Whether the format is one file per lesson variant (a deck) rather than one per figure.
    public var isDeck: Bool {
        switch self {
        case .png, .svg, .pdf: return false
        case .gif, .html, .tex: return true
        }
    }

    /// The format each frame is drawn in: itself for a single-figure format; PNG pixels for a
    /// GIF, SVG for an HTML stepper, PDF for a Beamer deck.
    public var frameFormat: FigureFormat {
        switch self {
        case .png, .gif: return .png
        case .svg, .html: return .svg
        case .pdf, .tex: return .pdf
        }
    }
}

/// One run of text as it was drawn, in the surface's coordinates (pixels or points): what
/// the SVG's text layer carries and what tests compare with the PDF's text.
public struct DrawnText: Equatable, Sendable {
    /// The characters drawn (after typographic clean-up such as true minus signs).
    public var text: String
    /// The start of the baseline.
    public var x: Double
    public var y: Double
    /// The font size.
    public var size: Double
    /// Whether the bold face was used.
    public var bold: Bool
    /// The colour the text was painted in (not written to the SVG's text layer).
    public var color: Color = Color(hex: 0x000000)
    /// The advance width of the run, in the same units as x (not written to the SVG's text
    /// layer): with x, y and size it bounds where the text was drawn.
    public var width: Double = 0
    /// The pieces of a run typeset in several sizes or heights (a subscript, an enlarged ⋆), in
    /// reading order, their texts joined being `text`; empty for a run drawn in one piece.
    public var spans: [Span] = []

    /// A piece of a run drawn at its own place and size, in the surface's coordinates.
    public struct Span: Equatable, Sendable {
        /// The characters of the piece.
        public var text: String
        /// The start of the piece's baseline.
        public var x: Double
        public var y: Double
        /// The piece's font size.
        public var size: Double
    }
}

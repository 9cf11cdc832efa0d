/// Reads the invisible text layer that `SVGDocument` writes into every SVG figure.
public enum SVGText {
    /// The text of every `<text>` element of an SVG document, in document order, unescaped; the
    /// pieces of a typeset run (`<tspan>`s: a subscript, an enlarged ⋆) are joined in reading order.
    public static func texts(in svg: String) -> [String] {
        elements(in: svg).map { element in element.pieces.map(\.text).joined() }
    }

    /// XML text with its five entities replaced by their characters.
    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension SVGText {
    /// One `<text>` of the text layer: its characters and its `font-size` (SVG user units, which
    /// are pixels of a 1280 px slide). A text with pieces of other sizes (`<tspan>`s) has the
    /// smallest of its sizes, so a test of a floor sees its subscripts; `spans` holds every piece.
    public struct Run: Equatable, Sendable {
        public var text: String
        public var size: Double
        /// The pieces of the text in reading order: the text before the first `<tspan>` (if any)
        /// at the `<text>`'s place and size, then each `<tspan>` at its own.
        public var spans: [Span] = []
    }

    /// A piece of a `<text>`: its characters, the y of its baseline and its font size.
    public struct Span: Equatable, Sendable {
        public var text: String
        public var y: Double
        public var size: Double
    }

    /// Every `<text>` of an SVG document with its font size, in document order; a text with no
    /// `font-size` attribute is given size 0 so a test of a floor cannot miss it.
    public static func runs(in svg: String) -> [Run] {
        elements(in: svg).map { element in
            Run(text: element.pieces.map(\.text).joined(), size: element.pieces.map(\.size).min() ?? element.size, spans: element.pieces)
        }
    }

    /// Each `<text>` element: its own size, and its pieces (text before, between and inside `<tspan>`s).
    private static func elements(in svg: String) -> [(size: Double, pieces: [Span])] {
        var result: [(size: Double, pieces: [Span])] = []
        var rest = svg[...]
        while let open = rest.range(of: "<text"), let tagEnd = rest[open.upperBound...].firstIndex(of: ">"),
              let close = rest[tagEnd...].range(of: "</text>") {
            let attributes = rest[open.upperBound..<tagEnd]
            let size = number("font-size", in: attributes) ?? 0, y = number("y", in: attributes) ?? 0
            var pieces: [Span] = []
            var body = rest[rest.index(after: tagEnd)..<close.lowerBound]
            while !body.isEmpty {
                guard let spanOpen = body.range(of: "<tspan"), let spanTagEnd = body[spanOpen.upperBound...].firstIndex(of: ">"),
                      let spanClose = body[spanTagEnd...].range(of: "</tspan>") else {
                    pieces.append(Span(text: unescaped(String(body)), y: y, size: size))
                    break
                }
                if spanOpen.lowerBound > body.startIndex {
                    pieces.append(Span(text: unescaped(String(body[..<spanOpen.lowerBound])), y: y, size: size))
                }
                let spanAttributes = body[spanOpen.upperBound..<spanTagEnd]
                pieces.append(Span(text: unescaped(String(body[body.index(after: spanTagEnd)..<spanClose.lowerBound])),
                                   y: number("y", in: spanAttributes) ?? y, size: number("font-size", in: spanAttributes) ?? size))
                body = body[spanClose.upperBound...]
            }
            result.append((size, pieces.isEmpty ? [Span(text: "", y: y, size: size)] : pieces))
            rest = rest[close.upperBound...]
        }
        return result
    }

    /// The number in attribute `name="…"` of a tag's attributes, if any.
    private static func number(_ name: String, in attributes: Substring) -> Double? {
        guard let key = attributes.range(of: " " + name + "=\""), let end = attributes[key.upperBound...].firstIndex(of: "\"") else { return nil }
        return Double(attributes[key.upperBound..<end])
    }
}

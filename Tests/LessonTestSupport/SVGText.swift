/// Reads the invisible text layer that `SVGDocument` writes into every SVG figure.
public enum SVGText {
    /// The text of every `<text>` element of an SVG document, in document order, unescaped.
    public static func texts(in svg: String) -> [String] {
        var result: [String] = []
        var rest = svg[...]
        while let open = rest.range(of: "<text"), let tagEnd = rest[open.upperBound...].firstIndex(of: ">"),
              let close = rest[tagEnd...].range(of: "</text>") {
            result.append(unescaped(String(rest[rest.index(after: tagEnd)..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        return result
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
    /// are pixels of a 1280 px slide).
    public struct Run: Equatable, Sendable {
        public var text: String
        public var size: Double
    }

    /// Every `<text>` of an SVG document with its font size, in document order; a text with no
    /// `font-size` attribute is given size 0 so a test of a floor cannot miss it.
    public static func runs(in svg: String) -> [Run] {
        var result: [Run] = []
        var rest = svg[...]
        while let open = rest.range(of: "<text"), let tagEnd = rest[open.upperBound...].firstIndex(of: ">"),
              let close = rest[tagEnd...].range(of: "</text>") {
            let attributes = rest[open.upperBound..<tagEnd]
            var size = 0.0
            if let key = attributes.range(of: "font-size=\""), let end = attributes[key.upperBound...].firstIndex(of: "\"") {
                size = Double(attributes[key.upperBound..<end]) ?? 0
            }
            result.append(Run(text: unescaped(String(rest[rest.index(after: tagEnd)..<close.lowerBound])), size: size))
            rest = rest[close.upperBound...]
        }
        return result
    }
}

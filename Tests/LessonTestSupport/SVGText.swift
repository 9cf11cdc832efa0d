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

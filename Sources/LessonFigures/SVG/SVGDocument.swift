import Foundation

/// Finishing touches on the SVG Cairo writes, so that a figure's file depends only on the
/// figure and carries its text.
///
/// - Cairo names surfaces (`surface12`) with a counter shared by the whole process, so the same
///   figure drawn after others would get other ids. Every id is renamed in order of first
///   definition (`surface1`, `glyph1`, `clip1`, …), and every reference with it.
/// - Cairo draws text as glyph outlines. A `<title>`, a `<desc>` (the figure's one-sentence
///   description) and a layer of invisible `<text>` elements, one per run drawn, at the same
///   place and size, make the text searchable, selectable and readable by screen readers.
public enum SVGDocument {
    /// The font family named by the text layer.
    static let fontFamily = "DejaVu Sans"

    /// The document with ids renamed, and title, description and text layer added.
    public static func finished(_ svg: [UInt8], title: String?, summary: String?, text: [DrawnText]) -> [UInt8] {
        var bytes = normalizedIDs(svg)
        var head = ""
        if let title { head += "<title>\(escaped(title))</title>\n" }
        if let summary { head += "<desc>\(escaped(summary))</desc>\n" }
        if !head.isEmpty, let open = rangeOf(Array("<svg".utf8), in: bytes),
           let end = bytes[open.lowerBound...].firstIndex(of: UInt8(ascii: ">")) {
            bytes.insert(contentsOf: Array(("\n" + head).utf8), at: end + 1)
        }
        if !text.isEmpty, let close = lastRangeOf(Array("</svg>".utf8), in: bytes) {
            bytes.insert(contentsOf: Array(textLayer(text).utf8), at: close.lowerBound)
        }
        return bytes
    }

    /// The invisible text layer: one `<text>` per run, drawn with zero opacity. The pieces of a
    /// typeset run (a subscript, an enlarged ⋆) are `<tspan>`s with their own place and size,
    /// so the run's text reads whole (`δ` `f` ` = 0.1` as "δf = 0.1").
    static func textLayer(_ runs: [DrawnText]) -> String {
        var layer = "<g class=\"text\" fill=\"#000\" fill-opacity=\"0\" font-family=\"\(fontFamily)\">\n"
        for run in runs {
            let weight = run.bold ? " font-weight=\"bold\"" : ""
            layer += "<text x=\"\(number(run.x))\" y=\"\(number(run.y))\" font-size=\"\(number(run.size))\"\(weight)>"
            if run.spans.isEmpty {
                layer += escaped(run.text)
            }
            for (index, span) in run.spans.enumerated() {
                if index == 0, number(span.x) == number(run.x), number(span.y) == number(run.y), number(span.size) == number(run.size) {
                    layer += escaped(span.text)
                } else {
                    layer += "<tspan x=\"\(number(span.x))\" y=\"\(number(span.y))\" font-size=\"\(number(span.size))\">"
                        + escaped(span.text) + "</tspan>"
                }
            }
            layer += "</text>\n"
        }
        return layer + "</g>\n"
    }

    /// Renames every `id="…"` in order of appearance to its letters plus a counter per prefix
    /// (`glyph0-3` → `glyph4`, `surface57` → `surface1`), with every `#id` reference.
    public static func normalizedIDs(_ svg: [UInt8]) -> [UInt8] {
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#"), paren = UInt8(ascii: "("), closeParen = UInt8(ascii: ")")
        let idMarker = Array(" id=\"".utf8)
        var renamed: [ArraySlice<UInt8>: [UInt8]] = [:]
        var counters: [ArraySlice<UInt8>: Int] = [:]
        var i = 0
        while let found = rangeOf(idMarker, in: svg, from: i) {
            let start = found.upperBound
            guard let end = svg[start...].firstIndex(of: quote) else { break }
            let name = svg[start..<end]
            if renamed[name] == nil {
                let prefix = name.prefix { ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) }
                let count = (counters[prefix] ?? 0) + 1
                counters[prefix] = count
                renamed[name] = Array(prefix) + Array(String(count).utf8)
            }
            i = end
        }
        guard !renamed.isEmpty else { return svg }
        var out: [UInt8] = []
        out.reserveCapacity(svg.count)
        i = 0
        while i < svg.count {
            let byte = svg[i]
            out.append(byte)
            i += 1
            // A name follows `id="`, or `#` after a quote or parenthesis (href="#x", url(#x)).
            let startsName: Bool
            if byte == quote, out.count >= idMarker.count, out[(out.count - idMarker.count)...].elementsEqual(idMarker) {
                startsName = true
            } else if byte == hash, out.count >= 2, out[out.count - 2] == quote || out[out.count - 2] == paren {
                startsName = true
            } else {
                startsName = false
            }
            guard startsName else { continue }
            var end = i
            while end < svg.count, svg[end] != quote, svg[end] != closeParen { end += 1 }
            if let replacement = renamed[svg[i..<end]] {
                out.append(contentsOf: replacement)
                i = end
            }
        }
        return out
    }

    // MARK: Helpers

    private static func number(_ value: Double) -> String {
        let text = String(format: "%.2f", value)
        return text == "-0.00" ? "0.00" : text
    }

    private static func escaped(_ text: String) -> String { XMLText.escaped(text) }

    private static func rangeOf(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Range<Int>? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    private static func lastRangeOf(_ needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
        guard haystack.count >= needle.count else { return nil }
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i -= 1
        }
        return nil
    }
}

import Foundation
import CZlib

/// Reads the text back out of a PDF that Cairo wrote: every string shown on every page,
/// mapped to Unicode through the fonts' ToUnicode tables. For tests and checks; it reads the
/// subset of PDF Cairo writes (Flate streams, `Tf`, `Tj`, `TJ`, form XObjects), not every PDF.
public enum PDFText {
    /// The strings shown with `Tj`/`TJ`, in content-stream order, page after page.
    public static func strings(in pdf: [UInt8]) throws -> [String] {
        let document = try Document(pdf)
        var result: [String] = []
        for page in document.pages() {
            try document.showText(contents: page.contents, resources: page.resources, into: &result, depth: 0)
        }
        return result
    }

    /// A value in the PDF's Info dictionary (`Title`, `Subject`, `Creator`, …), decoded from
    /// PDFDocEncoding or UTF-16.
    public static func info(_ key: String, in pdf: [UInt8]) throws -> String? {
        let document = try Document(pdf)
        for (_, body) in document.objects.sorted(by: { $0.key < $1.key }) {
            let text = body.dictionary
            guard text.contains("/Producer") || text.contains("/Creator") || text.contains("/CreationDate") else { continue }
            guard let keyRange = text.range(of: "/" + key) else { continue }
            let bytes = text[keyRange.upperBound...].unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
            var scanner = Scanner(bytes: bytes)
            if case .string(let value)? = scanner.next() { return decodeTextString(value) }
        }
        return nil
    }

    // MARK: Document

    struct Object {
        var dictionary: String
        var stream: [UInt8]?
    }

    struct Document {
        var objects: [Int: Object] = [:]

        init(_ pdf: [UInt8]) throws {
            guard pdf.starts(with: Array("%PDF-".utf8)) else { throw PDFTextError("not a PDF: it does not start with %PDF-") }
            var raw: [Int: (header: Int, body: Range<Int>)] = [:]
            var i = 0
            let objMarker = Array(" 0 obj".utf8), endMarker = Array("endobj".utf8)
            while let found = find(objMarker, in: pdf, from: i) {
                var numberStart = found.lowerBound
                while numberStart > 0, pdf[numberStart - 1] >= 48, pdf[numberStart - 1] <= 57 { numberStart -= 1 }
                guard numberStart < found.lowerBound,
                      let number = Int(String(decoding: pdf[numberStart..<found.lowerBound], as: UTF8.self)),
                      let end = find(endMarker, in: pdf, from: found.upperBound) else { i = found.upperBound; continue }
                raw[number] = (numberStart, found.upperBound..<end.lowerBound)
                i = end.upperBound
            }
            guard !raw.isEmpty else { throw PDFTextError("the PDF has no objects") }
            func latin1(_ bytes: ArraySlice<UInt8>) -> String { String(bytes.map { Character(Unicode.Scalar($0)) }) }
            for (number, entry) in raw {
                let body = pdf[entry.body]
                guard let streamAt = find(Array("stream".utf8), in: pdf, from: entry.body.lowerBound),
                      streamAt.upperBound <= entry.body.upperBound,
                      !latin1(pdf[entry.body.lowerBound..<streamAt.lowerBound]).hasSuffix("end") else {
                    objects[number] = Object(dictionary: latin1(body), stream: nil)
                    continue
                }
                let dictionary = latin1(pdf[entry.body.lowerBound..<streamAt.lowerBound])
                var start = streamAt.upperBound
                if start < pdf.count, pdf[start] == 13 { start += 1 }
                if start < pdf.count, pdf[start] == 10 { start += 1 }
                var length: Int?
                if let range = dictionary.range(of: "/Length ") {
                    let words = dictionary[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "/" || $0 == ">" })
                    if words.count >= 3, words[2] == "R", let ref = Int(words[0]), let target = raw[ref] {
                        length = Int(latin1(pdf[target.body]).trimmingCharacters(in: .whitespacesAndNewlines))
                    } else if let direct = words.first.flatMap({ Int($0) }) {
                        length = direct
                    }
                }
                let end: Int
                if let length, start + length <= pdf.count { end = start + length } else {
                    end = find(Array("endstream".utf8), in: pdf, from: start)?.lowerBound ?? entry.body.upperBound
                }
                var data = Array(pdf[start..<end])
                if dictionary.contains("/FlateDecode") { data = try inflate(data) }
                objects[number] = Object(dictionary: dictionary, stream: data)
            }
        }

        /// Each page's content streams and resources dictionary, in object-number order.
        func pages() -> [(contents: [Int], resources: String)] {
            objects.keys.sorted().compactMap { number in
                let dictionary = objects[number]?.dictionary ?? ""
                guard dictionary.contains("/Type /Page") && !dictionary.contains("/Type /Pages") else { return nil }
                let contents = references(after: "/Contents", in: dictionary)
                return (contents, resolvedDictionary(after: "/Resources", in: dictionary) ?? "")
            }
        }

        /// Appends the strings shown in `contents` to `result`, recursing into form XObjects.
        func showText(contents: [Int], resources: String, into result: inout [String], depth: Int) throws {
            guard depth < 8 else { return }
            var fonts: [String: ToUnicode] = [:]
            for (name, number) in namedReferences(in: resolvedDictionary(after: "/Font", in: resources) ?? "") {
                let font = objects[number]?.dictionary ?? ""
                if let cmap = references(after: "/ToUnicode", in: font).first, let stream = objects[cmap]?.stream {
                    fonts[name] = ToUnicode(String(stream.map { Character(Unicode.Scalar($0)) }))
                }
            }
            let forms = namedReferences(in: resolvedDictionary(after: "/XObject", in: resources) ?? "")
            for number in contents {
                guard let stream = objects[number]?.stream else { continue }
                var scanner = Scanner(bytes: stream)
                var operands: [Token] = []
                var font: ToUnicode?
                while let token = scanner.next() {
                    guard case .op(let op) = token else { operands.append(token); continue }
                    switch op {
                    case "Tf":
                        if case .name(let name)? = operands.first { font = fonts[name] }
                    case "Tj", "'", "\"":
                        if case .string(let bytes)? = operands.last { result.append(decode(bytes, font)) }
                    case "TJ":
                        if case .array(let items)? = operands.last {
                            result.append(items.compactMap { item -> String? in
                                if case .string(let bytes) = item { return decode(bytes, font) }
                                return nil
                            }.joined())
                        }
                    case "Do":
                        if case .name(let name)? = operands.first, let form = forms[name], let object = objects[form],
                           object.dictionary.contains("/Form") {
                            let inner = resolvedDictionary(after: "/Resources", in: object.dictionary) ?? resources
                            try showText(contents: [form], resources: inner, into: &result, depth: depth + 1)
                        }
                    default: break
                    }
                    operands.removeAll()
                }
            }
        }

        private func decode(_ bytes: [UInt8], _ font: ToUnicode?) -> String {
            guard let font else { return String(bytes.map { Character(Unicode.Scalar($0)) }) }
            return font.decode(bytes)
        }

        /// The dictionary after `key`: inline `<< … >>` or an indirect `N 0 R` resolved.
        func resolvedDictionary(after key: String, in text: String) -> String? {
            guard let range = text.range(of: key) else { return nil }
            let rest = text[range.upperBound...].drop { $0 == " " || $0 == "\n" || $0 == "\r" }
            if rest.hasPrefix("<<") {
                var depth = 0
                var index = rest.startIndex
                while index < rest.endIndex {
                    if rest[index...].hasPrefix("<<") { depth += 1; index = rest.index(index, offsetBy: 2); continue }
                    if rest[index...].hasPrefix(">>") {
                        depth -= 1
                        index = rest.index(index, offsetBy: 2)
                        if depth == 0 { return String(rest[rest.startIndex..<index]) }
                        continue
                    }
                    index = rest.index(after: index)
                }
                return String(rest)
            }
            guard let number = references(after: key, in: text).first else { return nil }
            return objects[number]?.dictionary
        }
    }

    /// The object numbers `N 0 R` right after `key` (one, or an array of them).
    static func references(after key: String, in text: String) -> [Int] {
        guard let range = text.range(of: key) else { return [] }
        var words = text[range.upperBound...].split(whereSeparator: { " \n\r".contains($0) }).prefix(64).map(String.init)
        if words.first?.hasPrefix("[") == true {
            words[0].removeFirst()
            var numbers: [Int] = []
            var i = 0
            while i + 2 < words.count, !words[i].hasPrefix("]"), words[i + 2].hasPrefix("R") {
                if let n = Int(words[i]) { numbers.append(n) }
                if words[i + 2].contains("]") { break }
                i += 3
            }
            return numbers
        }
        if words.count >= 3, words[2].hasPrefix("R"), let n = Int(words[0]) { return [n] }
        return []
    }

    /// `/name N 0 R` pairs in a dictionary.
    static func namedReferences(in text: String) -> [String: Int] {
        var result: [String: Int] = [:]
        let words = text.replacingOccurrences(of: "/", with: " /").split(whereSeparator: { " \n\r<>".contains($0) }).map(String.init)
        var i = 0
        while i + 3 < words.count {
            if words[i].hasPrefix("/"), let n = Int(words[i + 1]), words[i + 3] == "R" {
                result[String(words[i].dropFirst())] = n
                i += 4
            } else {
                i += 1
            }
        }
        return result
    }

    // MARK: Helpers

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard let first = needle.first, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }

    /// Inflates a zlib (Flate) stream.
    static func inflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PDFTextError("zlib could not start inflating a stream")
        }
        defer { inflateEnd(&stream) }
        var input = input
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let status: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = UInt32(inBuffer.count)
            var status: Int32 = Z_OK
            repeat {
                status = chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = UInt32(outBuffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
            return status
        }
        guard status == Z_STREAM_END || status == Z_OK else { throw PDFTextError("a Flate stream is damaged (zlib status \(status))") }
        return output
    }
}

/// A PDF whose text could not be read.
public struct PDFTextError: Error, CustomStringConvertible {
    /// What is wrong with the PDF.
    public var message: String
    init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

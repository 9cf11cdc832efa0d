import Foundation

/// The state of one `JSONStreamEncoder` pass over a value: writing it to a sink, or checking
/// it (every number finite) and counting the bytes it will take, pretty and compact.
///
/// Both passes treat values exactly as Foundation's `JSONEncoder` (with `.sortedKeys`,
/// `.withoutEscapingSlashes` and `.convertToSnakeCase`) does: the same keys, the same bytes, and
/// for a number JSON cannot hold, the same `EncodingError` with the same coding path. A check
/// walks the values in the order `JSONEncoder` does, so it reports the same first bad number.
final class JSONStream {
    enum Mode { case write, check }

    let mode: Mode
    let pretty: Bool
    let sink: JSONSink
    private var indent = 0
    private var snakeCaseKeys: [String: String] = [:]
    /// The bytes counted by a check: pretty-printed and compact.
    private(set) var prettyBytes = 0
    private(set) var compactBytes = 0
    /// The bytes of layout a pretty write wrote (line ends, indentation, the spaces around
    /// `:`): the written bytes less these are the compact text's.
    private(set) var layoutBytes = 0

    init(mode: Mode, pretty: Bool, sink: JSONSink) {
        self.mode = mode
        self.pretty = pretty
        self.sink = sink
    }

    // MARK: Values

    /// Writes (or checks) `value`, which a container holds in the node `parent` under `key`.
    func emit<T: Encodable>(_ value: T, parent: JSONNode?, key: (any CodingKey)?, depth: Int) throws {
        if let item = try primitive(value, parent: parent, key: key) {
            if mode == .write { try write(item) }
        } else if let records = value as? any JSONRecordArray, records.isFiniteJSON {
            try emit(records, depth: depth)
        } else if let dictionary = value as? any StringKeyedDictionary {
            // JSONEncoder writes dictionary keys as they are, and names their values' paths
            // after the node that holds the dictionary, without the dictionary's own key.
            let object = JSONStreamObject()
            for (name, element) in dictionary.stringKeyedEntries {
                tallyKey(name, depth: depth)
                object.set(name, try deferred(element, parent: parent, key: JSONIndexKey(stringValue: name), depth: depth + 1))
            }
            try finish(.object(object), depth: depth)
        } else if let numbers = try numberArray(value, parent: parent, key: key, depth: depth) {
            try finish(.array(numbers), depth: depth)
        } else {
            let node = JSONNode(self, parent: parent, key: key, depth: depth)
            // The items a node holds name it as their parent: let them go once it is written.
            defer { node.content = .empty }
            try value.encode(to: node)
            try finish(node.content, depth: depth)
        }
    }

    /// Writes (or counts) an array of records straight into the buffer, one record at a time.
    private func emit(_ records: any JSONRecordArray, depth: Int) throws {
        switch mode {
        case .write:
            var writer = JSONRecordWriter(pretty: pretty, bytes: [])
            try sink.withBuffer { bytes in
                swap(&writer.bytes, &bytes)
                writer.open(UInt8(ascii: "["))
                swap(&writer.bytes, &bytes)
            }
            for index in 0..<records.count {
                try sink.withBuffer { bytes in
                    swap(&writer.bytes, &bytes)
                    records.appendElement(index, to: &writer, depth: depth + 1)
                    swap(&writer.bytes, &bytes)
                }
            }
            try sink.withBuffer { bytes in
                swap(&writer.bytes, &bytes)
                writer.close(UInt8(ascii: "]"), depth: depth)
                swap(&writer.bytes, &bytes)
            }
            layoutBytes += writer.layoutBytes
        case .check:
            // The pretty text, one record at a time; the compact one is that less its layout.
            var writer = JSONRecordWriter(pretty: true, bytes: [])
            func count(_ body: (inout JSONRecordWriter) -> Void) {
                writer.bytes.removeAll(keepingCapacity: true)
                writer.layoutBytes = 0
                body(&writer)
                prettyBytes += writer.bytes.count
                compactBytes += writer.bytes.count - writer.layoutBytes
            }
            count { $0.open(UInt8(ascii: "[")) }
            for index in 0..<records.count { count { records.appendElement(index, to: &$0, depth: depth + 1) } }
            count { $0.close(UInt8(ascii: "]"), depth: depth) }
        }
    }

    /// A value a container was given, kept to be written in its turn; a check walks it now.
    func deferred<T: Encodable>(_ value: T, parent: JSONNode?, key: any CodingKey, depth: Int) throws -> JSONItem? {
        switch mode {
        case .write:
            return .value(value, parent: parent, key: key, depth: depth)
        case .check:
            try emit(value, parent: parent, key: key, depth: depth)
            return nil
        }
    }

    /// The item of a string, number, boolean or one of the values `JSONEncoder` writes as one
    /// (URL, Data as Base64, Decimal); nil for any other value.
    func primitive<T: Encodable>(_ value: T, parent: JSONNode?, key: (any CodingKey)?) throws -> JSONItem? {
        if let text = cast(value, to: String.self) { tallyString(text); return .string(text) }
        if let number = cast(value, to: Double.self) { return .literal(try self.number(number, parent: parent, key: key)) }
        if let number = cast(value, to: Int.self) { return .literal(integer(number)) }
        if let flag = cast(value, to: Bool.self) { tallyLiteral(flag ? 4 : 5); return .literal(flag ? "true" : "false") }
        if let number = cast(value, to: Float.self) { return .literal(try self.number(number, parent: parent, key: key)) }
        if let url = cast(value, to: URL.self) { tallyString(url.absoluteString); return .string(url.absoluteString) }
        if let data = cast(value, to: Data.self) {
            let text = data.base64EncodedString()
            tallyString(text)
            return .string(text)
        }
        if let number = cast(value, to: Decimal.self) { tallyLiteral(number.description.utf8.count); return .literal(number.description) }
        return nil
    }

    /// An array of numbers or strings, formatted at once (a bad number's path names its index).
    func numberArray<T: Encodable>(_ value: T, parent: JSONNode?, key: (any CodingKey)?, depth: Int) throws -> JSONArray? {
        func array<Element>(_ elements: [Element], _ item: (Element) throws -> JSONItem) throws -> JSONArray {
            let array = JSONArray()
            for (index, element) in elements.enumerated() {
                tallyElement(depth: depth)
                do {
                    array.append(try item(element))
                } catch let error as EncodingError {
                    // Thrown again from the array's own node, so that its path ends in the index.
                    let node = JSONNode(self, parent: parent, key: key, depth: depth)
                    if let number = element as? Double { _ = try self.number(number, parent: node, key: JSONIndexKey(intValue: index)) }
                    if let number = element as? Float { _ = try self.number(number, parent: node, key: JSONIndexKey(intValue: index)) }
                    throw error
                }
            }
            return array
        }
        if let doubles = cast(value, to: [Double].self) {
            return try array(doubles) { .literal(try number($0, parent: nil, key: nil)) }
        }
        if let integers = cast(value, to: [Int].self) { return try array(integers) { .literal(integer($0)) } }
        if let strings = cast(value, to: [String].self) { return try array(strings) { tallyString($0); return .string($0) } }
        if let floats = cast(value, to: [Float].self) {
            return try array(floats) { .literal(try number($0, parent: nil, key: nil)) }
        }
        return nil
    }

    /// A number as JSON text; a number JSON cannot hold throws `JSONEncoder`'s error.
    func number(_ value: Double, parent: JSONNode?, key: (any CodingKey)?) throws -> String {
        guard value.isFinite else { throw Self.unrepresentable(value, parent: parent, key: key) }
        let text = JSONText.number(value)
        tallyLiteral(text.utf8.count)
        return text
    }

    func number(_ value: Float, parent: JSONNode?, key: (any CodingKey)?) throws -> String {
        guard value.isFinite else { throw Self.unrepresentable(value, parent: parent, key: key) }
        let text = JSONText.number(value)
        tallyLiteral(text.utf8.count)
        return text
    }

    private static func unrepresentable<F: BinaryFloatingPoint>(_ value: F, parent: JSONNode?, key: (any CodingKey)?) -> EncodingError {
        var path = parent?.codingPath ?? []
        if let key { path.append(key) }
        return .invalidValue(value, .init(codingPath: path, debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
    }

    func integer(_ value: some FixedWidthInteger) -> String {
        let text = String(value)
        tallyLiteral(text.utf8.count)
        return text
    }

    /// `key` in snake case (remembered: the same few keys come back all the time).
    func convert(_ key: some CodingKey) -> String {
        let raw = key.stringValue
        if JSONText.isLowercaseASCII(raw) { return raw }
        if let known = snakeCaseKeys[raw] { return known }
        let converted = JSONText.snakeCase(raw)
        snakeCaseKeys[raw] = converted
        return converted
    }

    func convertKey(_ key: any CodingKey) -> String { convert(key) }

    // MARK: Writing

    /// Writes a finished container (or counts its brackets in a check).
    private func finish(_ content: JSONContent, depth: Int) throws {
        switch mode {
        case .write:
            try write(content)
        case .check:
            switch content {
            case .empty: tallyContainer(count: 0, depth: depth)
            case .single: break
            case .object(let object): tallyContainer(count: object.count, depth: depth)
            case .array(let array): tallyContainer(count: array.count, depth: depth)
            }
        }
    }

    private func write(_ content: JSONContent) throws {
        switch content {
        case .empty: try writeObject(JSONStreamObject())
        case .single(let item): try write(item)
        case .object(let object): try writeObject(object)
        case .array(let array): try writeArray(array)
        }
    }

    private func write(_ item: JSONItem) throws {
        switch item {
        case .literal(let text): try sink.write(text)
        case .string(let text): try sink.withBuffer { JSONText.appendString(text, to: &$0) }
        case .value(let value, let parent, let key, let depth): try emit(value, parent: parent, key: key, depth: depth)
        case .object(let object): try writeObject(object)
        case .array(let array): try writeArray(array)
        case .node(let node):
            try write(node.content)
            node.content = .empty
        }
    }

    private func writeObject(_ object: JSONStreamObject) throws {
        try sink.write(UInt8(ascii: "{"))
        if pretty {
            try sink.write(UInt8(ascii: "\n"))
            indent += 1
            layoutBytes += 1 + 2 * object.count
        }
        for (n, position) in object.sortedPositions().enumerated() {
            try separate(first: n == 0)
            try sink.withBuffer { JSONText.appendString(object.keys[position], to: &$0) }
            try pretty ? sink.write(" : " as StaticString) : sink.write(UInt8(ascii: ":"))
            try write(object.items[position])
        }
        try close(UInt8(ascii: "}"))
    }

    private func writeArray(_ array: JSONArray) throws {
        try sink.write(UInt8(ascii: "["))
        if pretty {
            try sink.write(UInt8(ascii: "\n"))
            indent += 1
            layoutBytes += 1
        }
        for (n, item) in array.items.enumerated() {
            try separate(first: n == 0)
            try write(item)
        }
        try close(UInt8(ascii: "]"))
    }

    /// Before an element: a comma after the first, and the indentation when pretty.
    private func separate(first: Bool) throws {
        if pretty {
            let spaces = 2 * indent
            try sink.withBuffer { bytes in
                if !first { bytes.append(contentsOf: Self.commaNewline) }
                Self.appendSpaces(spaces, to: &bytes)
            }
            layoutBytes += spaces + (first ? 0 : 1)
        } else if !first {
            try sink.write(UInt8(ascii: ","))
        }
    }

    private func close(_ bracket: UInt8) throws {
        if pretty {
            indent -= 1
            let spaces = 2 * indent
            try sink.withBuffer { bytes in
                bytes.append(UInt8(ascii: "\n"))
                Self.appendSpaces(spaces, to: &bytes)
                bytes.append(bracket)
            }
            layoutBytes += 1 + spaces
        } else {
            try sink.write(bracket)
        }
    }

    private static let commaNewline: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\n")]
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 256)

    private static func appendSpaces(_ count: Int, to bytes: inout [UInt8]) {
        var left = count
        while left > 0 {
            let run = min(left, spaces.count)
            bytes.append(contentsOf: spaces[0..<run])
            left -= run
        }
    }

    // MARK: Counting (a check only)

    func tallyLiteral(_ bytes: Int) {
        guard mode == .check else { return }
        prettyBytes += bytes
        compactBytes += bytes
    }

    func tallyString(_ text: String) {
        guard mode == .check else { return }
        tallyLiteral(JSONText.stringLength(text))
    }

    /// An element of a container at `depth`: its indentation and separator.
    func tallyElement(depth: Int) {
        guard mode == .check else { return }
        prettyBytes += 2 * (depth + 1) + 2
        compactBytes += 1
    }

    /// A key of an object at `depth`, with its element's indentation and separators.
    func tallyKey(_ key: String, depth: Int) {
        guard mode == .check else { return }
        tallyElement(depth: depth)
        let length = JSONText.stringLength(key)
        prettyBytes += length + 3
        compactBytes += length + 1
    }

    /// The brackets of a container at `depth` with `count` elements (one separator fewer).
    func tallyContainer(count: Int, depth: Int) {
        guard mode == .check else { return }
        prettyBytes += 4 + 2 * depth - (count > 0 ? 2 : 0)
        compactBytes += 2 - (count > 0 ? 1 : 0)
    }
}

/// `value` as a `U` when `T` is `U`: a comparison of types, not a dynamic cast.
@inline(__always)
private func cast<T, U>(_ value: T, to type: U.Type) -> U? {
    T.self == U.self ? unsafeBitCast(value, to: U.self) : nil
}

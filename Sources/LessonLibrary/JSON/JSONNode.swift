import Foundation

/// One value's place while `JSONStreamEncoder` encodes it: the `Encoder` handed to the value's
/// `encode(to:)`. Numbers, strings and booleans are formatted as they arrive; a nested value
/// is kept as it is (the trace's own storage, not a copy) and encoded only when its turn to be
/// written comes, after the keys around it are sorted. So at any time the encoder holds the
/// keys of the objects on one path from the root, not the document.
final class JSONNode: Encoder, SingleValueEncodingContainer {
    let stream: JSONStream
    /// The node whose container holds this value, and the key it is under (nil for the root).
    let parent: JSONNode?
    let key: (any CodingKey)?
    /// The nesting depth of this value (0 for the root).
    let depth: Int
    /// What the value's `encode(to:)` put here.
    var content = JSONContent.empty

    init(_ stream: JSONStream, parent: JSONNode?, key: (any CodingKey)?, depth: Int) {
        self.stream = stream
        self.parent = parent
        self.key = key
        self.depth = depth
    }

    /// The keys from the root to this value, as `JSONEncoder` reports them in its errors.
    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var node: JSONNode? = self
        while let current = node, let key = current.key {
            path.append(key)
            node = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy: Key.Type) -> KeyedEncodingContainer<Key> {
        let object = open("keyed", make: JSONStreamObject.init, as: JSONContent.object)
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(node: self, object: object, nestedPath: [], depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        JSONUnkeyedContainer(node: self, array: open("unkeyed", make: JSONArray.init, as: JSONContent.array), nestedPath: [], depth: depth)
    }

    /// The object or array this node holds, made on first use; as in `JSONEncoder`, asking for
    /// the other kind, or for either after a single value, is a programming error.
    private func open<Storage: AnyObject>(_ kind: String, make: () -> Storage, as wrap: (Storage) -> JSONContent) -> Storage {
        switch content {
        case .empty:
            let storage = make()
            content = wrap(storage)
            return storage
        case .object(let existing as Storage), .array(let existing as Storage):
            return existing
        default:
            preconditionFailure("Attempt to push new \(kind) encoding container when already previously encoded at this path.")
        }
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    // MARK: Single value

    private func setSingle(_ item: JSONItem) {
        switch content {
        case .empty: content = .single(item)
        case .single: preconditionFailure("Attempt to encode value through single value container when previously value already encoded.")
        case .object, .array: break // JSONEncoder keeps the container and drops the value
        }
    }

    func encodeNil() throws { stream.tallyLiteral(4); setSingle(.literal("null")) }
    func encode(_ value: Bool) throws { stream.tallyLiteral(value ? 4 : 5); setSingle(.literal(value ? "true" : "false")) }
    func encode(_ value: String) throws { stream.tallyString(value); setSingle(.string(value)) }
    func encode(_ value: Double) throws { setSingle(.literal(try stream.number(value, parent: parent, key: key))) }
    func encode(_ value: Float) throws { setSingle(.literal(try stream.number(value, parent: parent, key: key))) }
    func encode(_ value: Int) throws { setSingle(.literal(stream.integer(value))) }
    func encode(_ value: Int8) throws { setSingle(.literal(stream.integer(value))) }
    func encode(_ value: Int16) throws { setSingle(.literal(stream.integer(value))) }
    func encode(_ value: Int32) throws { setSingle(.literal(stream.integer(value))) }
    func encode(_ value: Int64) throws { setSingle(.literal(stream.integer(value))) }
    func encode(_ value: UInt) throws { setSingle(.literal(stream.integer(value))) }
    func encode(_ value: UInt8) throws { setSingle(.literal(stream.integer(value))) }
    func encode(_ value: UInt16) throws { setSingle(.literal(stream.integer(value))) }
    func encode(_ value: UInt32) throws { setSingle(.literal(stream.integer(value))) }
    func encode(_ value: UInt64) throws { setSingle(.literal(stream.integer(value))) }

    /// As `JSONEncoder` does, a value given to a single value container is encoded right here,
    /// into this node (a dictionary becomes this node's object, an array of numbers its array).
    func encode<T: Encodable>(_ value: T) throws {
        if let item = try stream.primitive(value, parent: parent, key: key) {
            setSingle(item)
        } else if let dictionary = value as? any StringKeyedDictionary {
            let object = JSONStreamObject()
            for (key, element) in dictionary.stringKeyedEntries {
                stream.tallyKey(key, depth: depth)
                object.set(key, try stream.deferred(element, parent: self, key: JSONIndexKey(stringValue: key), depth: depth + 1))
            }
            if case .empty = content { content = .object(object) }
        } else if let array = try stream.numberArray(value, parent: parent, key: key, depth: depth) {
            if case .empty = content { content = .array(array) }
        } else {
            try value.encode(to: self)
        }
    }
}

/// What a value's `encode(to:)` left in its node.
enum JSONContent {
    case empty
    case single(JSONItem)
    case object(JSONStreamObject)
    case array(JSONArray)
}

/// One value inside an object or array, ready to write.
enum JSONItem {
    /// A number, `true`, `false` or `null`, written as it is.
    case literal(String)
    /// A string, quoted and escaped when written.
    case string(String)
    /// A value encoded when its turn comes, in the node of `parent` under `key`.
    case value(any Encodable, parent: JSONNode?, key: any CodingKey, depth: Int)
    /// A container opened with `nestedContainer` or `nestedUnkeyedContainer`.
    case object(JSONStreamObject)
    case array(JSONArray)
    /// What a `superEncoder()` received.
    case node(JSONNode)
}

/// The keys and values of one object, in the order they came; written sorted by key
/// (UTF-8 byte order, as `JSONEncoder`'s `.sortedKeys`), the last value of a repeated key winning.
final class JSONStreamObject {
    private(set) var keys: [String] = []
    private(set) var items: [JSONItem] = []
    /// How many keys came (counted in a check too, where nothing is kept).
    private(set) var count = 0

    /// Adds `item` under `key` (nothing is kept for a `nil` item, as in a check).
    func set(_ key: String, _ item: JSONItem?) {
        count += 1
        guard let item else { return }
        keys.append(key)
        items.append(item)
    }

    /// The item last set under `key`.
    func item(for key: String) -> JSONItem? {
        keys.lastIndex(of: key).map { items[$0] }
    }

    /// The positions of the items to write, sorted by key, one per key.
    func sortedPositions() -> [Int] {
        var strictlyIncreasing = true
        for i in keys.indices.dropFirst() where !Self.precedes(keys[i - 1], keys[i]) {
            strictlyIncreasing = false
            break
        }
        if strictlyIncreasing { return Array(keys.indices) }
        let order = keys.indices.sorted { a, b in
            keys[a] == keys[b] ? a < b : Self.precedes(keys[a], keys[b])
        }
        return order.indices.compactMap { n in
            n + 1 < order.count && keys[order[n + 1]] == keys[order[n]] ? nil : order[n]
        }
    }

    private static func precedes(_ a: String, _ b: String) -> Bool { JSONText.precedes(a, b) }
}

/// The values of one array, in order.
final class JSONArray {
    private(set) var items: [JSONItem] = []
    private(set) var count = 0

    func append(_ item: JSONItem?) {
        count += 1
        if let item { items.append(item) }
    }
}

/// The key of an array element or of a dictionary entry, as `JSONEncoder` names it in paths.
struct JSONIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    static let superKey = JSONIndexKey(stringValue: "super")
}

/// A dictionary whose keys `JSONEncoder` writes as they are (no snake case).
protocol StringKeyedDictionary {
    var stringKeyedEntries: [(String, any Encodable)] { get }
}

extension Dictionary: StringKeyedDictionary where Key: CodingKeyRepresentable, Value: Encodable {
    var stringKeyedEntries: [(String, any Encodable)] {
        map { ($0.key.codingKey.stringValue, $0.value as any Encodable) }
    }
}

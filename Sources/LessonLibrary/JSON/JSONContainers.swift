import Foundation

/// The keyed container of a `JSONNode`: numbers and strings formatted at once, nested values
/// kept for later (see `JSONStream.deferred`).
struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let object: JSONStreamObject
    /// The keys of `nestedContainer` calls between the node and this container.
    let nestedPath: [any CodingKey]
    let depth: Int

    var codingPath: [any CodingKey] { node.codingPath + nestedPath }

    private var stream: JSONStream { node.stream }

    private func set(_ item: JSONItem?, forKey key: Key) {
        let name = stream.convert(key)
        stream.tallyKey(name, depth: depth)
        object.set(name, item)
    }

    mutating func encodeNil(forKey key: Key) throws { stream.tallyLiteral(4); set(.literal("null"), forKey: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        stream.tallyLiteral(value ? 4 : 5)
        set(.literal(value ? "true" : "false"), forKey: key)
    }
    mutating func encode(_ value: String, forKey key: Key) throws { stream.tallyString(value); set(.string(value), forKey: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        set(.literal(try stream.number(value, parent: node, key: key)), forKey: key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        set(.literal(try stream.number(value, parent: node, key: key)), forKey: key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.literal(stream.integer(value)), forKey: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        // The key first: a check walks the value now, after its key, as the writer will.
        let name = stream.convert(key)
        stream.tallyKey(name, depth: depth)
        object.set(name, try stream.primitive(value, parent: node, key: key)
                   ?? stream.deferred(value, parent: node, key: key, depth: depth + 1))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = self.nested(key, make: JSONStreamObject.init, as: JSONItem.object)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(node: node, object: nested, nestedPath: nestedPath + [key],
                                                                    depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        JSONUnkeyedContainer(node: node, array: nested(key, make: JSONArray.init, as: JSONItem.array), nestedPath: nestedPath + [key],
                             depth: depth + 1)
    }

    /// The object or array under `key`, made on first use (a check keeps none).
    private func nested<Storage: AnyObject>(_ key: Key, make: () -> Storage, as wrap: (Storage) -> JSONItem) -> Storage {
        let name = stream.convert(key)
        switch object.item(for: name) {
        case .object(let existing as Storage)?, .array(let existing as Storage)?:
            return existing
        case nil:
            let storage = make()
            stream.tallyKey(name, depth: depth)
            object.set(name, stream.mode == .write ? wrap(storage) : nil)
            return storage
        default:
            preconditionFailure("Attempt to re-encode into a nested container for key \"\(name)\" is invalid: another container or a value is already encoded for this key")
        }
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: JSONIndexKey.superKey) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key) }

    private func superEncoder(named key: any CodingKey) -> any Encoder {
        let name = stream.convertKey(key)
        let encoder = JSONNode(stream, parent: node, key: key, depth: depth + 1)
        stream.tallyKey(name, depth: depth)
        object.set(name, stream.mode == .write ? .node(encoder) : nil)
        return encoder
    }
}

/// The unkeyed container of a `JSONNode`.
struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    let array: JSONArray
    let nestedPath: [any CodingKey]
    let depth: Int

    var codingPath: [any CodingKey] { node.codingPath + nestedPath }
    var count: Int { array.count }

    private var stream: JSONStream { node.stream }
    private var nextKey: JSONIndexKey { JSONIndexKey(intValue: array.count) }

    private func append(_ item: JSONItem?) {
        stream.tallyElement(depth: depth)
        array.append(item)
    }

    mutating func encodeNil() throws { stream.tallyLiteral(4); append(.literal("null")) }
    mutating func encode(_ value: Bool) throws { stream.tallyLiteral(value ? 4 : 5); append(.literal(value ? "true" : "false")) }
    mutating func encode(_ value: String) throws { stream.tallyString(value); append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.literal(try stream.number(value, parent: node, key: nextKey))) }
    mutating func encode(_ value: Float) throws { append(.literal(try stream.number(value, parent: node, key: nextKey))) }
    mutating func encode(_ value: Int) throws { append(.literal(stream.integer(value))) }
    mutating func encode(_ value: Int8) throws { append(.literal(stream.integer(value))) }
    mutating func encode(_ value: Int16) throws { append(.literal(stream.integer(value))) }
    mutating func encode(_ value: Int32) throws { append(.literal(stream.integer(value))) }
    mutating func encode(_ value: Int64) throws { append(.literal(stream.integer(value))) }
    mutating func encode(_ value: UInt) throws { append(.literal(stream.integer(value))) }
    mutating func encode(_ value: UInt8) throws { append(.literal(stream.integer(value))) }
    mutating func encode(_ value: UInt16) throws { append(.literal(stream.integer(value))) }
    mutating func encode(_ value: UInt32) throws { append(.literal(stream.integer(value))) }
    mutating func encode(_ value: UInt64) throws { append(.literal(stream.integer(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = nextKey
        stream.tallyElement(depth: depth)
        array.append(try stream.primitive(value, parent: node, key: key)
                     ?? stream.deferred(value, parent: node, key: key, depth: depth + 1))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = nextKey
        let nested = JSONStreamObject()
        append(stream.mode == .write ? .object(nested) : nil)
        return KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(node: node, object: nested, nestedPath: nestedPath + [key],
                                                                    depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = nextKey
        let nested = JSONArray()
        append(stream.mode == .write ? .array(nested) : nil)
        return JSONUnkeyedContainer(node: node, array: nested, nestedPath: nestedPath + [key], depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = JSONNode(stream, parent: node, key: nextKey, depth: depth + 1)
        append(stream.mode == .write ? .node(encoder) : nil)
        return encoder
    }
}

/// A JSON key chosen at run time: for objects written field by field, or keys added beside an encoded value.
public struct JSONKey: CodingKey, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }
    /// The key `name` (the encoder's key strategy still applies: `channelSums` becomes `channel_sums`).
    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

extension Encoder {
    /// Writes one JSON object from named fields: for the traces whose JSON holds, beside their
    /// stored fields (decoded by the synthesized `init(from:)`), fields derived from them for a
    /// reader of the JSON, such as a step's `label` and `text`.
    ///
    /// A nil optional leaves its key out, as synthesized `Encodable` does. With the sorted keys
    /// of `lesson --json` the order of `fields` does not show.
    public func encodeFields(_ fields: KeyValuePairs<String, any Encodable>) throws {
        var container = container(keyedBy: JSONKey.self)
        for (name, value) in fields {
            if let optional = value as? any AbsentWhenNil, optional.isNil { continue }
            try container.encode(value, forKey: JSONKey(name))
        }
    }
}

/// An optional, whose nil `encodeFields` leaves out.
private protocol AbsentWhenNil { var isNil: Bool { get } }

extension Optional: AbsentWhenNil {
    fileprivate var isNil: Bool { self == nil }
}

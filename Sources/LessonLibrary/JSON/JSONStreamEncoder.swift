import Foundation

/// Encodes an `Encodable` value as JSON straight to a file handle, in chunks, with the same bytes
/// as Foundation's `JSONEncoder` set to `.sortedKeys`, `.withoutEscapingSlashes`,
/// `.convertToSnakeCase` and, when `pretty`, `.prettyPrinted` (two spaces, `" : "`).
///
/// `JSONEncoder` builds the whole document in memory (a 112 MB trace took 700 MB); this one
/// holds only the keys of the objects being written, so memory stays flat however long the
/// trace. A value JSON cannot hold (∞, NaN) throws `JSONEncoder`'s `EncodingError` before a byte
/// reaches the handle: output up to `firstChunk` bytes is kept until the end, and a bigger one is
/// checked in full before it starts (a second walk, which also counts its exact size).
/// The bulk of a big trace (a convolution's steps and terms) skips Codable's containers: it is
/// written as records (`JSONRecord`), straight into the buffer, with the same bytes.
/// `JSONStreamEncoderTests` and `JSONRecordTests` compare the bytes with `JSONEncoder`'s.
public struct JSONStreamEncoder: Sendable {
    /// Indented, as `--json` prints; compact (one line) when false.
    public var pretty: Bool
    /// Output up to this size is held in memory and written at the end, with no second walk
    /// (128 MB: a 224×224 conv2d trace's 112 MB of `--json` stays under 300 MB in all); bigger
    /// output is walked once to check and count it, then written as it is encoded.
    public var firstChunk: Int
    /// Output held whole that is bigger than this still learns its size (`large`), at the end
    /// and before a byte of it is written.
    public var sizeAbove: Int

    public init(pretty: Bool = true, firstChunk: Int = 128 << 20, sizeAbove: Int = 8 << 20) {
        self.pretty = pretty
        self.firstChunk = firstChunk
        self.sizeAbove = sizeAbove
    }

    /// The exact size of the JSON of a value, pretty and compact.
    public struct Size: Equatable, Sendable {
        public var pretty: Int
        public var compact: Int

        public init(pretty: Int, compact: Int) {
            self.pretty = pretty
            self.compact = compact
        }
    }

    /// The `JSONEncoder` whose bytes this encoder writes (the reference of its tests and benchmark).
    public var foundationEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// The JSON of `value` as bytes in memory.
    public func encode(_ value: some Encodable) throws -> Data {
        let sink = JSONSink()
        let stream = JSONStream(mode: .write, pretty: pretty, sink: sink)
        try reportingFirstFailure(value) { try stream.emit(value, parent: nil, key: nil, depth: 0) }
        return Data(sink.bytes)
    }

    /// Writes the JSON of `value` to `handle`, followed by `terminator`. When the output is
    /// bigger than `firstChunk` or `sizeAbove`, `large` learns its size, before the first byte.
    public func write(_ value: some Encodable, to handle: FileHandle, terminator: String = "",
                      large: (Size) -> Void = { _ in }) throws {
        try withoutActuallyEscaping(large) { large in
            let sink = JSONSink(handle: handle, firstChunk: firstChunk)
            sink.beforeFirstFlush = { large(try measure(value)) }
            defer { sink.beforeFirstFlush = nil }
            let stream = JSONStream(mode: .write, pretty: pretty, sink: sink)
            try reportingFirstFailure(value) { try stream.emit(value, parent: nil, key: nil, depth: 0) }
            if sink.flushed == 0 {
                // All of it is held and was encoded: nothing left to check, and the size of
                // pretty output is what it holds (the compact size: that less its layout).
                sink.beforeFirstFlush = nil
                if sink.count > sizeAbove {
                    large(pretty ? Size(pretty: sink.count, compact: sink.count - stream.layoutBytes) : try measure(value))
                }
            }
            try sink.write(terminator)
            try sink.finish()
        }
    }

    /// Walks `value` as `JSONEncoder` would without writing anything: throws its error for a
    /// number JSON cannot hold, else returns the exact size of the JSON, pretty and compact.
    public func measure(_ value: some Encodable) throws -> Size {
        let stream = JSONStream(mode: .check, pretty: pretty, sink: JSONSink())
        try stream.emit(value, parent: nil, key: nil, depth: 0)
        return Size(pretty: stream.prettyBytes, compact: stream.compactBytes)
    }

    /// Runs `body`; when it meets a number JSON cannot hold, throws the error of the first such
    /// number in `JSONEncoder`'s order (a writer meets the numbers of an object before its
    /// nested values, `JSONEncoder` in the order they are given).
    private func reportingFirstFailure(_ value: some Encodable, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as EncodingError {
            _ = try measure(value)
            throw error
        }
    }
}

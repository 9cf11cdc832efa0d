import Foundation

/// Where `JSONStreamEncoder` puts its bytes: a buffer that goes to a file handle whenever it
/// fills (first at `firstChunk` bytes, then every `chunkSize`), or that keeps growing when there
/// is no handle (`bytes` at the end).
///
/// Before the first chunk leaves, `beforeFirstFlush` runs once: the encoder checks the whole
/// value there, so a value that cannot be written fails before a byte reaches the handle.
final class JSONSink {
    /// Bytes kept before they go to the handle, after the first chunk.
    static let chunkSize = 1 << 16

    private let handle: FileHandle?
    /// The buffer size that sends the buffer to the handle.
    private var limit = Int.max
    private(set) var bytes: [UInt8] = []
    /// How many bytes went to the handle so far.
    private(set) var flushed = 0
    /// Runs before the first bytes go to the handle (once).
    var beforeFirstFlush: (() throws -> Void)?

    /// A sink that writes to `handle` in chunks, the first of them `firstChunk` bytes.
    init(handle: FileHandle, firstChunk: Int) {
        self.handle = handle
        limit = max(firstChunk, 1)
    }

    /// A sink that keeps every byte in memory.
    init() {
        handle = nil
    }

    /// All bytes written so far, whether flushed or still buffered.
    var count: Int { flushed + bytes.count }

    @inline(__always) func write(_ byte: UInt8) throws {
        bytes.append(byte)
        if bytes.count >= limit { try flush() }
    }

    @inline(__always) func write(_ text: StaticString) throws {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        if bytes.count >= limit { try flush() }
    }

    @inline(__always) func write(_ text: String) throws {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= limit { try flush() }
    }

    /// Appends the bytes `body` writes into the buffer directly.
    @inline(__always) func withBuffer(_ body: (inout [UInt8]) -> Void) throws {
        body(&bytes)
        if bytes.count >= limit { try flush() }
    }

    /// Sends what is buffered to the handle (nothing without one).
    func flush() throws {
        guard let handle, !bytes.isEmpty else { return }
        if let check = beforeFirstFlush {
            beforeFirstFlush = nil
            try check()
        }
        try handle.write(contentsOf: bytes)
        flushed += bytes.count
        if limit > Self.chunkSize {
            limit = Self.chunkSize
            bytes = []
            bytes.reserveCapacity(Self.chunkSize + 4096)
        } else {
            bytes.removeAll(keepingCapacity: true)
        }
    }
}

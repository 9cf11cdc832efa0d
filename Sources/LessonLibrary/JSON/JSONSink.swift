import Foundation

/// Where `JSONStreamEncoder` puts its bytes: held in memory, in pieces, until they pass
/// `firstChunk` bytes, then sent to a file handle every `chunkSize`; or kept growing when there
/// is no handle (`bytes` at the end).
///
/// Output that never passes `firstChunk` is written by `finish`, all at once: the encoder has
/// then met every number, so nothing needs checking first. Before held bytes leave early,
/// `beforeFirstFlush` runs once: the encoder checks the whole value there, so a value that
/// cannot be written fails before a byte reaches the handle.
final class JSONSink {
    /// Bytes kept before they go to the handle, after the first chunk.
    static let chunkSize = 1 << 16
    /// The pieces output is held in before the first write (held bytes are never copied to grow).
    static let pieceSize = 1 << 20

    private let handle: FileHandle?
    /// Held output above this size goes to the handle (after the check).
    private let holdLimit: Int
    /// The buffer size that makes the buffer a held piece, or sends it to the handle.
    private var limit = Int.max
    private(set) var bytes: [UInt8] = []
    /// Whole pieces held before the first write, and their bytes.
    private var held: [[UInt8]] = []
    private var heldCount = 0
    /// How many bytes went to the handle so far.
    private(set) var flushed = 0
    /// Runs before the first bytes go to the handle while the encoder is still writing (once).
    var beforeFirstFlush: (() throws -> Void)?

    /// A sink that holds up to `firstChunk` bytes, then writes to `handle` in chunks.
    init(handle: FileHandle, firstChunk: Int) {
        self.handle = handle
        holdLimit = max(firstChunk, 1)
        limit = min(holdLimit, Self.pieceSize)
    }

    /// A sink that keeps every byte in memory.
    init() {
        handle = nil
        holdLimit = .max
    }

    /// All bytes written so far, whether sent, held or buffered.
    var count: Int { flushed + heldCount + bytes.count }

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

    /// The buffer is full: held as a piece while the output fits `firstChunk`, else sent.
    func flush() throws {
        guard let handle, !bytes.isEmpty else { return }
        if flushed == 0, heldCount + bytes.count < holdLimit {
            heldCount += bytes.count
            held.append(bytes)
            bytes = []
            bytes.reserveCapacity(limit + 4096)
            return
        }
        try send(to: handle)
    }

    /// Sends everything held and buffered to the handle.
    func finish() throws {
        guard let handle else { return }
        try send(to: handle)
    }

    private func send(to handle: FileHandle) throws {
        if let check = beforeFirstFlush {
            beforeFirstFlush = nil
            try check()
        }
        for piece in held { try handle.write(contentsOf: piece) }
        flushed += heldCount
        held = []
        heldCount = 0
        if !bytes.isEmpty { try handle.write(contentsOf: bytes) }
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

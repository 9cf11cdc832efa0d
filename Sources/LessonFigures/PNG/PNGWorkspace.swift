import CDeflate
import CRowDeflate
import Foundation

/// What `PNGWriter` keeps from one frame to the next: the scanline and zlib-stream buffers, its
/// deflate encoder, and a libdeflate compressor per level (for lesson-bench and the tests). Fresh megabytes for every frame cost a page fault (and
/// the kernel's zeroing) for each page touched; reused ones are already paged in. Taken from a
/// shared pool for one encoding and given back, so threads encoding at once never share one.
final class PNGWorkspace {
    private var scanlines: (pointer: UnsafeMutablePointer<UInt8>?, capacity: Int) = (nil, 0)
    private var stream: (pointer: UnsafeMutablePointer<UInt8>?, capacity: Int) = (nil, 0)
    private var compressors: [Int32: OpaquePointer] = [:]
    private var encoder: OpaquePointer?

    deinit {
        free(scanlines.pointer)
        free(stream.pointer)
        for compressor in compressors.values { libdeflate_free_compressor(compressor) }
        lesson_row_deflate_free(encoder)
    }

    /// At least `count` bytes for the filtered scanlines (their old contents are not kept).
    func scanlineBuffer(_ count: Int) throws -> UnsafeMutablePointer<UInt8> {
        try Self.grow(&scanlines, to: count)
    }

    /// At least `count` bytes for the compressed stream (their old contents are not kept).
    func streamBuffer(_ count: Int) throws -> UnsafeMutablePointer<UInt8> {
        try Self.grow(&stream, to: count)
    }

    /// CRowDeflate's encoder, allocated the first time it is asked for.
    func rowEncoder() throws -> OpaquePointer {
        if let encoder { return encoder }
        guard let allocated = lesson_row_deflate_alloc() else {
            throw PNGError(message: "could not allocate a deflate encoder (out of memory)")
        }
        encoder = allocated
        return allocated
    }

    /// libdeflate's compressor for `level`, allocated the first time it is asked for.
    func compressor(level: Int32) throws -> OpaquePointer {
        if let compressor = compressors[level] { return compressor }
        guard let compressor = libdeflate_alloc_compressor(level) else {
            throw PNGError(message: "libdeflate could not allocate a level-\(level) compressor (out of memory)")
        }
        compressors[level] = compressor
        return compressor
    }

    private static func grow(_ buffer: inout (pointer: UnsafeMutablePointer<UInt8>?, capacity: Int),
                             to count: Int) throws -> UnsafeMutablePointer<UInt8> {
        if let pointer = buffer.pointer, buffer.capacity >= count { return pointer }
        free(buffer.pointer)
        buffer = (nil, 0)
        guard let raw = malloc(max(count, 1)) else {
            throw PNGError(message: "out of memory for a PNG buffer of \(count) bytes")
        }
        let pointer = raw.assumingMemoryBound(to: UInt8.self)
        buffer = (pointer, count)
        return pointer
    }

    /// Runs `body` with a workspace no other thread is using.
    static func borrow<T>(_ body: (PNGWorkspace) throws -> T) rethrows -> T {
        let workspace = pool.take()
        defer {
            workspace.trim()
            pool.give(workspace)
        }
        return try body(workspace)
    }

    /// The most bytes a buffer keeps between encodings: a 1920×1080 frame's scanlines (a slide at
    /// scale 1.5) and a little more. A filmstrip's buffers (3600×2152 pixels: 23 MB each) are
    /// freed when it is written, not held by every idle workspace until the process ends.
    static let keptBytes = 8 << 20

    private func trim() {
        for keyPath in [\PNGWorkspace.scanlines, \PNGWorkspace.stream] where self[keyPath: keyPath].capacity > Self.keptBytes {
            free(self[keyPath: keyPath].pointer)
            self[keyPath: keyPath] = (nil, 0)
        }
    }

    private static let pool = Pool()

    /// The idle workspaces, at most `limit` of them (one per thread that encodes at once;
    /// a figure batch runs about as many threads as cores).
    private final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var idle: [PNGWorkspace] = []
        private let limit = max(2, ProcessInfo.processInfo.activeProcessorCount)

        func take() -> PNGWorkspace {
            lock.withLock { idle.popLast() } ?? PNGWorkspace()
        }

        func give(_ workspace: PNGWorkspace) {
            lock.withLock { if idle.count < limit { idle.append(workspace) } }
        }
    }
}

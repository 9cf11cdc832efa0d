import Foundation
import LessonCore
import LessonLibrary
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file-system calls the report writer makes, on plain paths and straight to the
/// system: thousands of Gradescope files are written per run, and Foundation's `URL`,
/// `Data.write` (which also syncs every file to disk) and `FileManager` cost more than the
/// grading itself.
///
/// Safety: a file is written to a temporary name beside it (created new with `O_EXCL`, never
/// through a symbolic link) and renamed into place, so a run killed at any point (even with
/// `kill -9`) leaves either the old file or the new one, never half of one; what a finished
/// `write` wrote survives the process. Files are not synced one by one: the rename is what
/// makes the result whole, and a run killed part-way is simply run again. A file that already
/// holds the bytes to write is left as it is: a rerun replaces only what changed.
enum OutputFiles {
    /// The suffix of temporary files, so a later run can remove those a killed run left.
    static let temporarySuffix = ".lesson-partial"

    /// Writes `bytes` to `path` atomically (a temporary file beside it, then a rename), unless
    /// `path` is a regular file that holds these bytes already (a rerun of the same class).
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        if holds(bytes, at: path) { return }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(folder).\(name).\(getpid()).\(TemporaryCounter.next())\(temporarySuffix)"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path) }
        var written = 0
        while written < bytes.count {
            let count = systemWrite(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                let error = failure(path)
                close(descriptor)
                unlink(temporary)
                throw error
            }
            written += count
        }
        guard close(descriptor) == 0, rename(temporary, path) == 0 else {
            let error = failure(path)
            unlink(temporary)
            throw error
        }
    }

    /// Whether `path` is a regular file (not a link) holding exactly `bytes`: a rerun that
    /// gives the same result leaves it as it is, which on most file systems costs far less
    /// than replacing it (a new file, a rename, the old blocks freed).
    private static func holds(_ bytes: UnsafeRawBufferPointer, at path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) // a FIFO of that name must not block
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              Int(info.st_size) == bytes.count else { return false }
        guard bytes.count > 0 else { return true }
        var existing = [UInt8](repeating: 0, count: bytes.count + 1)
        var read = 0
        while read < existing.count {
            let count = existing.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + read, $0.count - read) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            read += count
        }
        return read == bytes.count && existing.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    /// Writes `data` to `path` atomically.
    static func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { try write($0, to: path) }
    }

    /// Makes the folder `path` unless it is one already (its parent must exist). Anything else
    /// of that name (a file, a symbolic link) is removed first, so nothing is written through a link.
    static func makeFolder(_ path: String) throws {
        if mkdir(path, 0o755) == 0 { return }
        guard errno == EEXIST else { throw failure(path) }
        if RegularFile.kind(path) == .directory { return }
        guard unlink(path) == 0, mkdir(path, 0o755) == 0 else { throw failure(path) }
    }

    /// The names in the folder `path` (without `.` and `..`), and whether each is a folder
    /// (a symbolic link is not); nil when `path` cannot be listed.
    static func entries(_ path: String) -> [(name: String, isFolder: Bool)]? {
        guard let stream = opendir(path) else { return nil }
        defer { closedir(stream) }
        var out: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            let isFolder = type == UInt8(DT_UNKNOWN) ? RegularFile.kind(path + "/" + name) == .directory : type == UInt8(DT_DIR)
            out.append((name, isFolder))
        }
        return out
    }

    /// Removes a file, a symbolic link (never followed) or a whole folder.
    static func remove(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT { return }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Removes a folder if it is empty.
    static func removeEmptyFolder(_ path: String) {
        rmdir(path)
    }

    private static func failure(_ path: String) -> InputError {
        InputError("cannot write '\(path)': \(String(cString: strerror(errno)))")
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
private let systemRead = Glibc.read
#else
private let systemWrite = Darwin.write
private let systemRead = Darwin.read
#endif

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file or none of it, on plain paths and straight to the system: the figure
/// writer and the grader's report writer both write through it, thousands of files a run.
///
/// Safety: the bytes go to a temporary name beside the file (`.<name>.<pid>.<n>` and
/// `temporarySuffix`, created new with `O_EXCL`, never through a symbolic link, with the
/// permissions the umask allows) and are
/// renamed into place, so a run killed at any point (even with `kill -9`) leaves either the
/// old file or the new one, never half of one; what a finished `write` wrote survives the
/// process. Files are not synced one by one: everything written is output a rerun makes
/// again, and the rename is what makes a file whole. Foundation's `Data.write(options:
/// .atomic)` syncs each file: 0.9–2.4 ms a file measured with `strace -T` on
/// `lesson run conv2d`, about as long as encoding its PNG (issue 15). A file that already
/// holds the bytes to write is left as it is: a rerun replaces only what changed.
public enum AtomicFile {
    /// The suffix of temporary files, so a later run can remove those a killed run left.
    public static let temporarySuffix = ".lesson-partial"

    /// Writes `bytes` to `path` atomically (a temporary file beside it, then a rename), unless
    /// `path` is a regular file that holds these bytes already. Throws "cannot write '<path>':
    /// <the system's reason>" (an `InputError`).
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        if holds(bytes, at: path) { return }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(folder).\(name).\(getpid()).\(Counter.next())\(temporarySuffix)"
        // Read and write for everyone the umask allows, as Foundation and other tools create files.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
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

    /// Whether `name` (a file name, not a path) is a temporary file a killed run left: one of
    /// these files whose process is no longer running. A live run's temporary files, in this
    /// process or another writing into the same folder, are not leftovers: removing one would
    /// make that run's rename fail.
    public static func isLeftover(_ name: String) -> Bool {
        guard name.hasPrefix("."), name.hasSuffix(temporarySuffix) else { return false }
        // `.<name>.<pid>.<n>.lesson-partial`: the pid is the second part from the end.
        let parts = name.dropLast(temporarySuffix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { return true }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws {
        try data.withUnsafeBytes { try write($0, to: path) }
    }

    /// Writes `bytes` to `path` atomically.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try write($0, to: path) }
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

    private static func failure(_ path: String) -> InputError {
        InputError("cannot write '\(path)': \(String(cString: strerror(errno)))")
    }

    /// Numbers the temporary files of one process, so two threads never share one.
    private enum Counter {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var value = 0
        static func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
private let systemRead = Glibc.read
#else
private let systemWrite = Darwin.write
private let systemRead = Darwin.read
#endif

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
/// grading itself. Files are written whole or not at all by `AtomicFile` (LessonCore), which
/// the figure writer shares; its notes say how.
enum OutputFiles {
    /// The suffix of temporary files, so a later run can remove those a killed run left.
    static let temporarySuffix = AtomicFile.temporarySuffix

    /// Writes `bytes` to `path` atomically (a temporary file beside it, then a rename), unless
    /// `path` is a regular file that holds these bytes already (a rerun of the same class).
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        try AtomicFile.write(bytes, to: path)
    }

    /// Writes `data` to `path` atomically.
    static func write(_ data: Data, to path: String) throws {
        try AtomicFile.write(data, to: path)
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

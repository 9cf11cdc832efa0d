import Foundation
import LessonCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads files only when they are regular files, and never more than a stated size.
///
/// The file is opened without blocking (so a FIFO cannot stall the reader) and, with
/// `followLinks: false`, without following a symbolic link; the open descriptor is then
/// checked with `fstat`, so what is read is what was checked. Devices, FIFOs, sockets and
/// folders are refused with a sentence and never read.
public enum RegularFile {
    /// What a path is when it is not a regular file.
    public enum Kind: String, Sendable, Equatable {
        case regular = "a regular file"
        case symbolicLink = "a symbolic link"
        case directory = "a folder"
        case fifo = "a FIFO (named pipe)"
        case socket = "a socket"
        case device = "a device"
        case missing = "missing"
        case other = "not a regular file"
    }

    /// What `path` is, without following a symbolic link (`lstat`).
    public static func kind(_ path: String) -> Kind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        return kind(mode: info.st_mode)
    }

    static func kind(mode: mode_t) -> Kind {
        switch mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFLNK: return .symbolicLink
        case S_IFDIR: return .directory
        case S_IFIFO: return .fifo
        case S_IFSOCK: return .socket
        case S_IFCHR, S_IFBLK: return .device
        default: return .other
        }
    }

    /// Why a file was not read.
    public enum Problem: Error, Sendable, Equatable {
        case missing, symbolicLink, permissionDenied, unreadable, tooLarge(Int)
        case notRegular(Kind)

        /// What is wrong, to follow "the file 'x' ".
        public var reason: String {
            switch self {
            case .missing: "does not exist"
            case .symbolicLink: "is a symbolic link, which is not read"
            case .permissionDenied: "cannot be read (permission denied)"
            case .unreadable: "cannot be read"
            case .tooLarge(let bytes): "is larger than \(bytes / 1024) KiB"
            case .notRegular(let kind): "is \(kind.rawValue), not a regular file, so it is not read"
            }
        }
    }

    /// A regular file's bytes and when it was last modified (seconds since 1970).
    public struct Contents: Sendable {
        public var data: Data
        public var modified: Double
    }

    /// The bytes of the regular file at `path`, at most `maximumBytes` (more is an error).
    public static func read(_ path: String, maximumBytes: Int, followLinks: Bool = true) throws -> Data {
        do { return try contents(path, maximumBytes: maximumBytes, followLinks: followLinks).data } catch let problem as Problem {
            throw InputError("the file '\(Excerpt.quote(path))' \(problem.reason)")
        }
    }

    /// The bytes and modification time of the regular file at `path`; throws a `Problem`.
    public static func contents(_ path: String, maximumBytes: Int, followLinks: Bool) throws -> Contents {
        var flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC
        if !followLinks { flags |= O_NOFOLLOW }
        let descriptor = open(path, flags)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: throw Problem.missing
            case ELOOP: throw Problem.symbolicLink
            case EACCES: throw Problem.permissionDenied
            case ENXIO: throw Problem.notRegular(kind(path))
            default: throw Problem.unreadable
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Problem.unreadable }
        let found = kind(mode: info.st_mode)
        guard found == .regular else { throw Problem.notRegular(found) }
        var data = Data()
        // A buffer about the file's size (answer files are a few hundred bytes): clearing 64 KiB
        // for each of thousands of files cost more than reading them.
        var buffer = [UInt8](repeating: 0, count: min(64 * 1024, max(4096, Int(info.st_size) + 1)))
        while data.count <= maximumBytes {
            let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Problem.unreadable
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        guard data.count <= maximumBytes else { throw Problem.tooLarge(maximumBytes) }
        #if canImport(Glibc)
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #else
        let modified = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #endif
        return Contents(data: data, modified: modified)
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif

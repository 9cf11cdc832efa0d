import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Making output folders with errors that say what to fix.
///
/// Foundation's `createDirectory(withIntermediateDirectories:)` fails with "The operation could
/// not be completed. (NSCocoaErrorDomain error 512.)" when a part of the path is a file, and
/// names no part of the path; this says which part is in the way and why.
public enum Folders {
    /// Makes the folder `path` and any missing parents, as `mkdir -p` does (a part that is a
    /// link to a folder is fine). Throws an `InputError` that names the part of the path that
    /// could not be made: "'/tmp/notes' is a file, not a folder", "permission denied in '/srv'".
    public static func make(_ path: String) throws {
        let absolute = path.hasPrefix("/")
        var current = ""
        for part in path.split(separator: "/") {
            current = current.isEmpty ? (absolute ? "/" : "") + part : current + "/" + part
            if mkdir(current, 0o777) == 0 { continue }
            let code = errno
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: current, isDirectory: &isFolder) {
                if isFolder.boolValue { continue }
                throw InputError("'\(current)' is a file, not a folder")
            }
            let parent = (current as NSString).deletingLastPathComponent
            switch code {
            case EACCES, EPERM: throw InputError("permission denied in '\(parent.isEmpty ? "." : parent)'")
            case EROFS: throw InputError("'\(parent.isEmpty ? "." : parent)' is on a read-only file system")
            case ENOSPC, EDQUOT: throw InputError("no space left for '\(current)'")
            default: throw InputError("'\(current)' cannot be made: \(String(cString: strerror(code)))")
            }
        }
    }
}

import Foundation
import LessonCore
import LessonLibrary

/// The answer files named on a command line, and the entries that were not read.
///
/// Folders are expanded to their `.yaml`, `.yml` and `.json` entries (not recursively).
/// Only regular files are kept: every entry is checked with `lstat` (never opened), and
/// symbolic links, FIFOs, sockets, devices and folders are listed in `skipped` by name, as
/// are files whose name (the student id) holds control characters, a folder's subfolders and
/// its other files (`notes.txt`); hidden entries that are not answer files (`.DS_Store`) and
/// macOS's `._` copies are passed over.
public struct SubmissionSet: Sendable, Equatable {
    /// The regular files to grade, sorted by display name.
    public var files: [SubmissionFile]
    /// Entries not read, with why.
    public var skipped: [SkippedFile]

    /// Collects `paths` (files or folders).
    public static func collect(_ paths: [String]) throws -> SubmissionSet {
        var set = SubmissionSet(files: [], skipped: [])
        for path in paths {
            let kind = RegularFile.kind(path)
            switch kind {
            case .missing:
                throw InputError("the submission '\(Excerpt.quote(path))' does not exist")
            case .directory:
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                    throw InputError("cannot list the folder '\(Excerpt.quote(path))'")
                }
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                for name in names.sorted() {
                    let isAnswerFile = [".yaml", ".yml", ".json"].contains(where: { name.lowercased().hasSuffix($0) })
                    // Hidden clutter (.DS_Store, ._ana.yaml of macOS archives) is passed over; a hidden answer file is graded as before.
                    if name.hasPrefix("._") || (name.hasPrefix(".") && !isAnswerFile) { continue }
                    guard !isAnswerFile else { set.add(base + "/" + name, name: name); continue }
                    switch RegularFile.kind(base + "/" + name) {
                    case .regular: set.skip(name, "is not an answer file (.yaml, .yml or .json)")
                    // Moodle's "download submissions in folders" gives each student a folder.
                    case .directory: set.skip(name, "is a folder; the answer files in it are not read (name the folder itself, or move its files up)")
                    case let kind: set.skip(name, Self.notRegular(kind))
                    }
                }
            default:
                set.add(path, name: URL(fileURLWithPath: path).lastPathComponent)
            }
        }
        set.files.sort { $0.displayName < $1.displayName }
        return set
    }

    private mutating func add(_ path: String, name: String) {
        let kind = RegularFile.kind(path)
        guard kind == .regular else { return skip(name, Self.notRegular(kind)) }
        if Excerpt.hasControlCharacters(name) {
            return skip(name, "has control characters in its name, which gives the student id")
        }
        files.append(SubmissionFile(url: URL(fileURLWithPath: path), displayName: name))
    }
}

extension SubmissionSet {
    /// Lists the entry `name` as not read, and why.
    fileprivate mutating func skip(_ name: String, _ reason: String) {
        skipped.append(SkippedFile(file: Excerpt.quote(name), reason: reason))
    }

    /// Why an entry of `kind` (a link, a FIFO, …) is not read.
    fileprivate static func notRegular(_ kind: RegularFile.Kind) -> String { "is \(kind.rawValue), not a regular file" }
}

/// A folder entry that was not read, by name, and why.
public struct SkippedFile: Sendable, Equatable, Encodable {
    public var file: String
    public var reason: String
}

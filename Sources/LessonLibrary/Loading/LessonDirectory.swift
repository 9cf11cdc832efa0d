import Foundation
import LessonCore

/// The folder of lesson files, `lessons/`.
public struct LessonDirectory {
    /// The folder.
    public let url: URL

    /// Uses a given folder.
    public init(url: URL) { self.url = url }

    /// Finds `lessons/`: `$LESSON_HOME/lessons`, else the nearest `lessons/` above the current
    /// folder, else the nearest above the executable (for a built `lesson` run from anywhere).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LessonDirectory {
        if let home = environment["LESSON_HOME"] {
            let url = URL(fileURLWithPath: home).appendingPathComponent("lessons")
            guard isDirectory(url) else { throw InputError("LESSON_HOME is '\(home)' but '\(url.path)' is not a folder") }
            return LessonDirectory(url: url)
        }
        let starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                      URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()]
        for start in starts {
            var folder = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = folder.appendingPathComponent("lessons")
                if isDirectory(candidate) {
                    return LessonDirectory(url: candidate)
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        throw InputError("cannot find the lessons/ folder; run lesson from the project folder or set LESSON_HOME to it")
    }

    /// The ids of every lesson file, sorted.
    public func ids() throws -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: url.path) } catch {
            throw InputError("cannot list the lessons folder '\(url.path)'")
        }
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Loads `lessons/<id>.yaml`.
    public func load(_ id: String) throws -> LessonFile {
        let file = url.appendingPathComponent(id + ".yaml")
        guard FileManager.default.fileExists(atPath: file.path) else {
            let known = (try? ids()) ?? []
            let listed = known.isEmpty ? "the folder lessons/ holds no lesson file (*.yaml) at all"
                                       : "the lessons are \(known.joined(separator: ", "))"
            throw InputError("there is no lesson '\(id)' (no file lessons/\(id).yaml); \(listed)")
        }
        let document = try YAMLValue.load(file, displayName: "lessons/\(id).yaml")
        return try LessonFile(id: id, document: document)
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}

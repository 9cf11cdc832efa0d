import Foundation
import LessonCore
import LessonLibrary

/// Finding an exercise: a path to a `.yaml` file, or an id in the `exercises/` folder next to `lessons/`.
public enum ExerciseDirectory {
    /// Loads the exercise `argument` names: an existing file (any path, with or without
    /// `.yaml`), else an id such as `param-count` in `exercises/`.
    public static func load(_ argument: String) throws -> Exercise {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        for candidate in [argument, argument + ".yaml"] where manager.fileExists(atPath: candidate, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { continue }
            return try Exercise.load(URL(fileURLWithPath: candidate), displayName: candidate)
        }
        let looksLikePath = argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") || argument.contains("/")
        let id = looksLikePath ? URL(fileURLWithPath: argument).deletingPathExtension().lastPathComponent : argument
        guard let folder = try? LessonDirectory.locate().url.deletingLastPathComponent().appendingPathComponent("exercises") else {
            throw InputError("the exercise file '\(argument)' does not exist, and there is no exercises/ folder to look up an id in")
        }
        let url = folder.appendingPathComponent(id + ".yaml")
        guard !looksLikePath, manager.fileExists(atPath: url.path) else {
            if looksLikePath { throw InputError("the exercise file '\(argument)' does not exist") }
            let known = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
            throw InputError("there is no exercise '\(argument)' (no file exercises/\(argument).yaml); the exercises are \(known.joined(separator: ", "))")
        }
        return try Exercise.load(url, displayName: "exercises/\(id).yaml")
    }
}

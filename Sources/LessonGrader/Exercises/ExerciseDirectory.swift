import Foundation
import LessonCore
import LessonLibrary

/// Finding an exercise: a path to a `.yaml` file, or an id in the `exercises/` folder next to `lessons/`.
public enum ExerciseDirectory {
    /// Loads the exercise `argument` names (a file path, or an id such as `param-count`).
    public static func load(_ argument: String) throws -> Exercise {
        if argument.hasSuffix(".yaml") || argument.hasSuffix(".yml") || argument.contains("/") {
            guard FileManager.default.fileExists(atPath: argument) else {
                throw InputError("the exercise file '\(argument)' does not exist")
            }
            return try Exercise.load(URL(fileURLWithPath: argument), displayName: argument)
        }
        let folder = try LessonDirectory.locate().url.deletingLastPathComponent().appendingPathComponent("exercises")
        let url = folder.appendingPathComponent(argument + ".yaml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
            throw InputError("there is no exercise '\(argument)' (no file exercises/\(argument).yaml); the exercises are \(known.joined(separator: ", "))")
        }
        return try Exercise.load(url, displayName: "exercises/\(argument).yaml")
    }
}

import LessonTestSupport
import Foundation
@testable import LessonGrader
import LessonCore
import LessonLibrary

/// A shipped exercise.
func shippedExercise(_ id: String) throws -> Exercise {
    try Exercise.load(packageRoot.appendingPathComponent("exercises/\(id).yaml"), displayName: "exercises/\(id).yaml")
}

/// An exercise from YAML text.
func exercise(_ yaml: String, id: String = "test") throws -> Exercise {
    try Exercise(id: id, document: try YAMLValue.parse(yaml, file: "exercises/\(id).yaml"), file: "exercises/\(id).yaml")
}

/// A submission from YAML (or JSON) text.
func submission(_ text: String, file: String = "answers.yaml") -> Submission {
    Submission.parse(Data(text.utf8), file: file, fallbackID: "from-file-name")
}

/// The message of the InputError `body` throws, if any.
func message(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch let error as InputError { return error.message } catch { return "\(error)" }
}

/// The core's seeded generator, under the name these tests use.
typealias SeededGenerator = SplitMix64

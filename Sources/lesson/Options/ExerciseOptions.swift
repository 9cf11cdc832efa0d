import ArgumentParser
import Foundation
import LessonCore
import LessonGrader

/// The exercise an `exercise` subcommand works on, as an id in exercises/ or a path.
struct ExerciseArgument: ParsableArguments {
    @Argument(help: ArgumentHelp("The exercise: an id in exercises/ or a path to a .yaml file.", valueName: "exercise"))
    var exercise: String

    /// Loads and checks the exercise.
    func load() throws -> Exercise { try ExerciseDirectory.load(exercise) }
}

/// The students an `exercise` subcommand is for: a class roster, ids, or both.
struct StudentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The class roster (CSV from Canvas or Moodle).", valueName: "file.csv"))
    var roster: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Student ids (instead of, or besides, a roster).", valueName: "id"))
    var students: [String] = []

    /// The ids given with `--students`, then the roster's, in order. An empty id, one with
    /// control characters, and two that differ only in case (their files would collide on macOS
    /// and Windows: ana.pdf, ANA.pdf) are refused.
    func ids() throws -> [String] {
        var ids = students
        if let roster {
            ids += try Roster.load(URL(fileURLWithPath: roster), displayName: roster).students.map(\.displayID)
        }
        var seen: [String: String] = [:]
        for id in ids {
            let trimmed = id.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { throw InputError("a student id is empty; give each student's id, such as --students ana bob") }
            guard !Excerpt.hasControlCharacters(id) else {
                throw InputError("the student id '\(Excerpt.quote(id))' holds control characters")
            }
            if let other = seen[id.lowercased()], other != id {
                throw InputError("the student ids '\(Excerpt.quote(other))' and '\(Excerpt.quote(id))' differ only in case; their sheets' files would be one file on macOS and Windows")
            }
            seen[id.lowercased()] = id
        }
        return ids
    }
}

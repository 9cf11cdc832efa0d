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

    /// The ids given with `--students`, then the roster's, in order.
    func ids() throws -> [String] {
        var ids = students
        if let roster {
            ids += try Roster.load(URL(fileURLWithPath: roster), displayName: roster).students.map(\.displayID)
        }
        return ids
    }
}

import ArgumentParser
import LessonLibrary

/// `lesson list`: every lesson with its one-line summary.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons, one line each."
    )

    func run() throws {
        try reportingErrors {
            let directory = try LessonDirectory.locate()
            let ids = try directory.ids()
            let width = ids.map(\.count).max() ?? 0
            for id in ids {
                let file = try directory.load(id)
                let padded = id + String(repeating: " ", count: width - id.count)
                let variants = file.variants.count > 1 ? " (variants: \(file.variants.dropFirst().map(\.name).joined(separator: ", ")))" : ""
                print("\(padded)  \(file.summary)\(variants)")
            }
        }
    }
}

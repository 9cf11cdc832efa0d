import ArgumentParser
import LessonCore
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
            let lessons = try directory.loadAll()
            let width = lessons.map(\.id.count).max() ?? 0
            var broken: [InputError] = []
            for (id, loaded) in lessons {
                let file: LessonFile
                switch loaded {
                case .success(let loadedFile): file = loadedFile
                case .failure(let error): broken.append(error); continue
                }
                let padded = id + String(repeating: " ", count: width - id.count)
                let variants = file.variants.count > 1 ? " (variants: \(file.variants.dropFirst().map(\.name).joined(separator: ", ")))" : ""
                print("\(padded)  \(file.summary)\(variants)")
            }
            // Every broken file is named; the first is the error that ends the run with exit 1.
            for error in broken.dropLast() { printError("error: \(error.message)") }
            if let last = broken.last { throw last }
        }
    }
}

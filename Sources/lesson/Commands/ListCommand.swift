import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson list`: every lesson of the registry with its one-line summary and its variants.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons, one line each.",
        discussion: "A lesson whose file cannot be read is listed with the error; the others are listed as usual (exit 1)."
    )

    @Flag(help: "Print the README's lesson table (Markdown) instead.")
    var markdown = false

    func run() throws {
        if markdown {
            print(LessonRegistry.markdownTable)
            return
        }
        try reportingErrors {
            let directory = try LessonDirectory.locate()
            let ids = LessonRegistry.ids
            let width = ids.map(\.count).max() ?? 0
            var broken: [InputError] = []
            for id in ids {
                let padded = id + String(repeating: " ", count: width - id.count)
                do {
                    let file = try directory.load(id)
                    let variants = file.variants.count > 1 ? " (variants: \(file.variants.dropFirst().map(\.name).joined(separator: ", ")))" : ""
                    print("\(padded)  \(file.summary)\(variants)")
                } catch let error as InputError {
                    print("\(padded)  (cannot be read: see below)")
                    broken.append(error)
                }
            }
            for error in broken.dropLast() { printError("error: \(error.message)") }
            if let last = broken.last { throw last }
        }
    }
}

import Foundation
import LessonCore
import LessonLibrary

/// The progress of `lesson figures` on standard error: one line rewritten in place on a
/// terminal, a plain line per lesson otherwise (a log, a pipe). Errors go on lines of their own.
final class ProgressLine: @unchecked Sendable {
    private let interactive: Bool
    private let lock = NSLock()
    private var lineShown = false

    init(interactive: Bool) { self.interactive = interactive }

    /// Shows a progress event.
    func show(_ event: FigureBatch.Progress) {
        lock.lock(); defer { lock.unlock() }
        switch event {
        case let .file(done, total, lesson, variant, file):
            guard interactive else { return }
            let where_ = variant == "example" ? lesson : "\(lesson)/\(variant)"
            write("\r\u{1B}[K[\(done)/\(total)] \(where_)/\(file)")
            lineShown = true
        case let .failed(failure):
            clearLine()
            write("error: \(failure.description)\n")
        case let .note(lesson, variant, note):
            clearLine()
            write("note: \(variant == "example" ? lesson : "\(lesson), variant \(variant)"): \(note)\n")
        case let .lesson(lesson, files, failures):
            guard !interactive else { return }
            write("\(lesson): \(files) \(Counted.noun(files, "file"))" + (failures > 0 ? ", \(failures) failed" : "") + "\n")
        }
    }

    /// Prints a failure on a line of its own.
    func report(_ failure: FigureFailure) {
        lock.lock(); defer { lock.unlock() }
        clearLine()
        write("error: \(failure.description)\n")
    }

    /// Removes the progress line.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        clearLine()
    }

    private func clearLine() {
        if lineShown { write("\r\u{1B}[K"); lineShown = false }
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

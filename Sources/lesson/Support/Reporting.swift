import ArgumentParser
import Foundation
import LessonCore
import LessonFigures

/// Writes a line to standard error; control characters from the input are escaped, so a
/// message is one line that cannot drive the terminal.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((Excerpt.quote(message, limit: 2_000) + "\n").utf8))
}

/// Prints `message` as an error line and gives the exit code of an input mistake.
private func failure(_ message: String) -> ExitCode {
    printError("error: \(message)")
    return ExitCode(1)
}

/// Runs `body`; a mistake in the person's input becomes one sentence on standard error and
/// exit code 1, never a crash or a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        throw failure(error.message)
    } catch let error as FigureWriteError {
        throw failure(error.message)
    } catch let error as GIFError {
        throw failure(error.message)
    } catch let error as CairoError {
        throw failure(error.description)
    }
}

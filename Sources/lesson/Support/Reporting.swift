import ArgumentParser
import Foundation
import LessonCore
import LessonFigures

/// Writes a line to standard error; control characters from the input are escaped, so a
/// message is one line that cannot drive the terminal.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((Excerpt.quote(message, limit: 2_000) + "\n").utf8))
}

/// Runs `body`; a mistake in the person's input becomes one sentence on standard error and
/// exit code 1, never a crash or a stack trace.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        printError("error: \(error.message)")
        throw ExitCode(1)
    } catch let error as FigureWriteError {
        printError("error: \(error.message)")
        throw ExitCode(1)
    } catch let error as GIFError {
        printError("error: \(error.message)")
        throw ExitCode(1)
    } catch let error as CairoError {
        printError("error: \(error.description)")
        throw ExitCode(1)
    }
}

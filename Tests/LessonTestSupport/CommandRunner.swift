import Foundation

/// What a run of the built `lesson` command printed and returned.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// Standard output, standard error and the exit status as one text, the form the reference
    /// files of the command-line tests hold. `placeholders` maps text that differs from run to run
    /// (a temporary folder) to the word written in its place, longest first, in all three parts.
    public func transcript(replacing placeholders: [String: String] = [:]) -> String {
        let text = stdout + "--- stderr ---\n" + stderr + "--- exit \(status) ---\n"
        return placeholders.keys.sorted { $0.count > $1.count }.reduce(text) { text, varying in
            text.replacingOccurrences(of: varying, with: placeholders[varying] ?? varying)
        }
    }
}

/// The folder `swift build` put the products in (the test binary lives there too).
public let productsDirectory: URL = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = testBinary.deletingLastPathComponent()
    // On macOS the test binary sits inside a .xctest bundle.
    while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
    return folder
}()

/// The package's root folder (holds `lessons/` and `exercises/`).
public let packageRoot: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        folder = folder.deletingLastPathComponent()
    }
    return folder
}()

/// Runs the built `lesson` with `arguments` in `directory`, finding lessons in `home/lessons`
/// (both the package root by default).
public func runLesson(_ arguments: [String], in directory: URL = packageRoot, home: URL = packageRoot,
                      environment extra: [String: String] = [:]) throws -> CommandResult {
    try runTool(productsDirectory.appendingPathComponent("lesson").path, arguments, in: directory,
                environment: ["LESSON_HOME": home.path].merging(extra) { $1 })
}

/// Runs the program at `path` (such as `/bin/bash`, or `/usr/bin/env` to find one on the PATH)
/// with `arguments` in `directory`, with this process's environment plus `extra`.
public func runTool(_ path: String, _ arguments: [String], in directory: URL,
                    environment extra: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Both pipes are drained at once, so a command that fills one while the other is being
    // read cannot block.
    let errData = PipeDrain(err.fileHandleForReading)
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData.wait(), as: UTF8.self))
}

/// Reads a pipe to its end on a thread of its own.
private final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    /// Everything the pipe held, once its writer closed it.
    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A fresh empty folder under the system's temporary folder.
public func temporaryFolder(_ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("lesson-tests-\(safe)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

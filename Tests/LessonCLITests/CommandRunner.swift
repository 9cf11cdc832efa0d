import Foundation

/// What a run of the built `lesson` command printed and returned.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The folder `swift build` put the products in (the test binary lives there too).
let productsDirectory: URL = {
    let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = testBinary.deletingLastPathComponent()
    // On macOS the test binary sits inside a .xctest bundle.
    while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
    return folder
}()

/// The package's root folder (holds `lessons/`).
let packageRoot: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        folder = folder.deletingLastPathComponent()
    }
    return folder
}()

/// Runs the built `lesson` with `arguments` in `directory`, finding lessons in `home/lessons`
/// (both the package root by default).
func runLesson(_ arguments: [String], in directory: URL = packageRoot, home: URL = packageRoot) throws -> CommandResult {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent("lesson")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["LESSON_HOME"] = home.path
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes fully before waiting, so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh empty folder under the system's temporary folder.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("lesson-tests-\(safe)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

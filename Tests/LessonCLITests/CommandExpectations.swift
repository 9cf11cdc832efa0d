import Foundation
import LessonTestSupport
import Testing

/// Expects `result` to be input refused as the house rules say: exit 1, nothing on standard output
/// and exactly `line` (one sentence) on standard error. `placeholders` maps a path that differs from
/// run to run to the word written in `line` instead, such as `$TMP`.
func expectRefusal(_ result: CommandResult, _ line: String, replacing placeholders: [String: String] = [:],
                   sourceLocation: SourceLocation = #_sourceLocation) {
    let transcript = result.transcript(replacing: placeholders)
    #expect(transcript == "--- stderr ---\n\(line)\n--- exit 1 ---\n", sourceLocation: sourceLocation)
}

/// Expects the whole of `result` (standard output, standard error, exit status) to equal the
/// reference file `name` in `References/`; `LESSON_RECORD=1` writes it instead.
func expectReference(_ result: CommandResult, named name: String, replacing placeholders: [String: String] = [:],
                     testFile: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    expectReference(text: result.transcript(replacing: placeholders), named: name, testFile: testFile,
                    sourceLocation: sourceLocation)
}

/// Expects `text` (a file a command wrote) to equal the reference file `name` in `References/`.
func expectReference(text: String, named name: String, testFile: String = #filePath,
                     sourceLocation: SourceLocation = #_sourceLocation) {
    if let problem = ReferenceFile.mismatch(text, named: name, testFile: testFile) {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
    }
}

/// Writes `text` as `net.yaml` in a new temporary folder (named after `name`) and returns its URL.
func networkFile(_ text: String, name: String = #function) throws -> URL {
    let url = try temporaryFolder(name).appendingPathComponent("net.yaml")
    try Data(text.utf8).write(to: url)
    return url
}

/// Runs `lesson run <lesson> --network FILE --no-figures` on the network file `base` with `original`
/// replaced by `replacement`, and expects the refusal `message`, its folder written `$TMP`.
func expectEditedNetworkRefused(_ base: String, replacing original: String, with replacement: String, lesson: String,
                                message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let text = base.replacingOccurrences(of: original, with: replacement)
    #expect(text != base, "'\(original)' is not in the \(lesson) file", sourceLocation: sourceLocation)
    let file = try networkFile(text, name: "bad-\(lesson)")
    let result = try runLesson(["run", lesson, "--network", file.path, "--no-figures"])
    expectRefusal(result, message, replacing: [file.deletingLastPathComponent().path: "$TMP"], sourceLocation: sourceLocation)
}

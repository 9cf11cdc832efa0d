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

import Foundation
import LessonCore
import Yams

/// One student's answer file, read but not yet graded. Reading never throws: a file that
/// cannot be read becomes a submission with an `error`, so one bad file never stops a batch.
public struct Submission: Sendable {
    /// The file as given on the command line (or inside a given folder).
    public var file: String
    /// The student id: the file's `student` key, else the file name without extension.
    public var student: String
    /// The answers by question id.
    public var answers: [String: SubmittedValue]
    /// Why the file could not be used, if it could not.
    public var error: String?

    /// The largest answer file read (256 KiB); anything larger is refused unread.
    public static let maximumBytes = 256 * 1024

    /// Reads an answer file (YAML, or JSON when it starts with `{`).
    public static func read(_ url: URL, displayName: String) -> Submission {
        let fallbackID = url.deletingPathExtension().lastPathComponent
        func failed(_ message: String) -> Submission {
            Submission(file: displayName, student: fallbackID, answers: [:], error: message)
        }
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            return failed("cannot be read (\(FileManager.default.fileExists(atPath: url.path) ? "permission denied or not a file" : "no such file"))")
        }
        return parse(data, file: displayName, fallbackID: fallbackID)
    }

    /// Parses the bytes of an answer file.
    public static func parse(_ data: Data, file: String, fallbackID: String) -> Submission {
        func failed(_ message: String) -> Submission {
            Submission(file: file, student: fallbackID, answers: [:], error: message)
        }
        if data.count > maximumBytes { return failed("is larger than \(maximumBytes / 1024) KiB; an answer file is a few lines") }
        guard var text = String(data: data, encoding: .utf8) else { return failed("is not UTF-8 text") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        if trimmed.isEmpty { return failed("is empty; expected answers such as \"answers: {q1: 37}\"") }
        let root: SubmittedValue
        do {
            if trimmed.first == "{" {
                root = try JSONDecoder().decode(SubmittedValue.self, from: Data(text.utf8))
            } else {
                root = try YAMLAnswers.parse(text)
            }
        } catch {
            let kind = trimmed.first == "{" ? "JSON" : "YAML"
            return failed("is not valid \(kind): \(describe(error))")
        }
        guard case .map(let top) = root else {
            return failed("must be a mapping with 'answers' (and optionally 'student'), found \(root.text)")
        }
        var student = fallbackID
        if let given = top["student"] {
            guard let id = given.scalarText?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty else {
                return failed("has 'student: \(given.text)', which is not a student id (a name or a number)")
            }
            student = id
        }
        if student.count > 100 || student.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return Submission(file: file, student: String(student.unicodeScalars.filter { $0.properties.generalCategory != .control }.prefix(100).map(Character.init)),
                              answers: [:], error: "has a student id longer than 100 characters or with control characters")
        }
        var answers: [String: SubmittedValue] = [:]
        if let block = top["answers"] {
            guard case .map(let entries) = block else {
                return Submission(file: file, student: student, answers: [:], error: "has 'answers' that is not a mapping of question ids to answers")
            }
            answers = entries
        } else {
            answers = top.filter { $0.key != "student" && $0.key != "exercise" && $0.key != "name" }
        }
        return Submission(file: file, student: student, answers: answers, error: nil)
    }

    private static func describe(_ error: Error) -> String {
        let text: String
        if let yaml = error as? YamlError { text = String(describing: yaml) } else if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context): text = context.debugDescription + ((context.underlyingError).map { " (\($0))" } ?? "")
            default: text = String(describing: decoding)
            }
        } else { text = String(describing: error) }
        let line = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        return line.count > 200 ? String(line.prefix(197)) + "…" : line
    }
}

import Foundation
import LessonCore
import LessonLibrary
import Yams

/// One student's answer file, read but not yet graded. Reading never throws: a file that
/// cannot be read becomes a submission with an `error`, so one bad file never stops a batch.
public struct Submission: Sendable {
    /// The file's name as feedback shows it (the name inside its folder, never the grader's path).
    public var file: String
    /// The student id, decided by `StudentIdentity`: the file name, or an id given from outside.
    public var student: String
    /// The answers by question id.
    public var answers: [String: SubmittedValue]
    /// Why the file could not be used, if it could not.
    public var error: String?
    /// Why the file's own `student:` field was not obeyed, if it disagreed with the id (and
    /// how the id was found, when that needs saying: on Gradescope).
    public var note: String? = nil
    /// The file's own `exercise:` field: the exercise id the student's sheet was drawn for.
    public var declaredExercise: String? = nil
    /// The file's own `student:` field, as written (trimmed), if it has one.
    public var declaredStudent: String? = nil
    /// When the student handed the file in: its `submitted` field (ISO 8601), else the
    /// file's modification time, in seconds since 1970. Decides which of two files of one
    /// student is graded (the newest readable one).
    public var submittedAt: Double? = nil

    /// The largest answer file read (256 KiB); anything larger is refused unread.
    public static let maximumBytes = 256 * 1024

    /// Reads an answer file (YAML, or JSON when it starts with `{`). Only a regular file is
    /// read: the file is opened without following a symbolic link and without blocking, and
    /// checked with `fstat` before a byte is read, so a link, FIFO or device is an error.
    /// `student` is an id given from outside (a roster, `--student`), which then decides.
    public static func read(_ url: URL, displayName: String, student: String? = nil) -> Submission {
        let fallbackID = url.deletingPathExtension().lastPathComponent
        let contents: RegularFile.Contents
        do { contents = try RegularFile.contents(url.path, maximumBytes: maximumBytes + 1, followLinks: false) } catch let problem as RegularFile.Problem {
            if case .tooLarge = problem {
                return Submission(file: displayName, student: student ?? fallbackID, answers: [:],
                                  error: "is larger than \(maximumBytes / 1024) KiB; an answer file is a few lines")
            }
            return Submission(file: displayName, student: student ?? fallbackID, answers: [:], error: problem.reason)
        } catch {
            return Submission(file: displayName, student: student ?? fallbackID, answers: [:], error: "cannot be read")
        }
        var submission = parse(contents.data, file: displayName, fallbackID: fallbackID, assigned: student)
        if submission.submittedAt == nil { submission.submittedAt = contents.modified }
        return submission
    }

    /// Parses the bytes of an answer file whose name gives the id `fallbackID`.
    public static func parse(_ data: Data, file: String, fallbackID: String, assigned: String? = nil) -> Submission {
        func failed(_ message: String) -> Submission {
            Submission(file: file, student: assigned ?? fallbackID, answers: [:], error: message)
        }
        if data.count > maximumBytes { return failed("is larger than \(maximumBytes / 1024) KiB; an answer file is a few lines") }
        guard var text = String(data: data, encoding: .utf8) else { return failed("is not UTF-8 text") }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.unicodeScalars.contains("\0") { return failed("holds a NUL byte; an answer file is plain text") }
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.isEmpty { return failed("is empty; expected answers such as \"answers: {q1: 37}\"") }
        let root: SubmittedValue
        do {
            // JSON is YAML: a file Foundation refuses but YAML reads ({"q1": NaN}, a trailing comma)
            // is graded as YAML reads it, so NaN is marked as not a number, not as a broken file.
            if trimmed.first == "{", let json = try? JSONDecoder().decode(SubmittedValue.self, from: Data(text.utf8)) {
                root = json
            } else {
                root = try YAMLAnswers.parse(text)
            }
        } catch {
            // For JSON too the error is Yams': Foundation's decoder says no more than "not valid
            // JSON", Yams where it stopped (line and column).
            return failed("is not valid \(trimmed.first == "{" ? "JSON" : "YAML"): \(describe(error))")
        }
        guard case .map(let top) = root else {
            return failed("must be a mapping with 'answers' (and optionally 'student'), found \(Excerpt.quote(root.text))")
        }
        let declared = top["student"].map { ($0.scalarText ?? $0.text).trimmingCharacters(in: .whitespaces) }
        let identity: StudentIdentity
        do {
            identity = try StudentIdentity.decide(fileID: fallbackID, assigned: assigned, declared: declared)
        } catch let error as InputError {
            return Submission(file: file, student: Excerpt.quote(assigned ?? fallbackID), answers: [:],
                              error: "is not graded: \(error.message)")
        } catch {
            return failed("is not graded: its student id is not usable")
        }
        var submittedAt: Double?
        if let given = top["submitted"] {
            guard let text = given.scalarText, let date = Self.date(text) else {
                return Submission(file: file, student: identity.id, answers: [:], error:
                    "has 'submitted: \(Excerpt.quote(given.text, limit: 40))', which is not a date and time such as 2026-05-04T09:30:00Z",
                                  note: identity.note)
            }
            submittedAt = date
        }
        var answers: [String: SubmittedValue] = [:]
        if let block = top["answers"] {
            guard case .map(let entries) = block else {
                return Submission(file: file, student: identity.id, answers: [:], error: "has 'answers' that is not a mapping of question ids to answers",
                                  note: identity.note)
            }
            answers = entries
        } else {
            answers = top.filter { !["student", "exercise", "name", "submitted"].contains($0.key) }
        }
        return Submission(file: file, student: identity.id, answers: answers, error: nil, note: identity.note,
                          declaredExercise: top["exercise"]?.scalarText, declaredStudent: declared, submittedAt: submittedAt)
    }

    /// Seconds since 1970 of an ISO 8601 date-time (`2026-05-04T09:30:00Z`) or date (`2026-05-04`).
    static func date(_ text: String) -> Double? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date.timeIntervalSince1970 }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)?.timeIntervalSince1970
    }

    /// Yams' error as one sentence that starts where the file stops being YAML: "line 2,
    /// column 1: did not find expected node content (while parsing a flow node, from line 2,
    /// column 1)". Its own description put the line and column after libyaml's context and a
    /// copy of the line, and was cut before the problem.
    static func located(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let during = context.map { " (\($0.text), from line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return "line \(mark.line), column \(mark.column): \(problem)" + during
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return "line \(context.mark.line), column \(context.mark.column): the mapping has \(duplicates.count == 1 ? "the key \(keys)" : "the keys \(keys)") more than once"
        default:
            return String(describing: error)
        }
    }

    private static func describe(_ error: Error) -> String {
        let text: String
        if let yaml = error as? YamlError { text = located(yaml) } else if let decoding = error as? DecodingError {
            switch decoding {
            case .dataCorrupted(let context): text = context.debugDescription + ((context.underlyingError).map { " (\($0))" } ?? "")
            default: text = String(describing: decoding)
            }
        } else { text = String(describing: error) }
        let line = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: " ")
        return Excerpt.quote(line, limit: 240)
    }
}

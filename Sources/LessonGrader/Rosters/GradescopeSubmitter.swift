import Foundation
import LessonCore
import LessonLibrary

/// Who handed a file in on Gradescope, read from the autograder's
/// `/autograder/submission_metadata.json` (`users`: `email`, `name`, `id`, and `sid`, the
/// student ID of Gradescope's roster, where the course has one), and the student id the file
/// is graded as: the id the student's sheet was drawn for, so they are graded on their own
/// numbers whatever the uploaded file is called.
///
/// The id is decided by `studentID(roster:declared:)`:
/// 1. With the class roster the sheets were made from (`lesson exercise sheets --roster`,
///    bundled by `lesson exercise autograder --roster`): the roster student whose e-mail, SIS
///    id, login or name is the submitter's e-mail, else their `sid`, else their name; the
///    file is graded as that student's roster id, the id `lesson exercise sheets` drew their
///    sheet for. Gradescope's roster is usually synced from the same Canvas or Moodle course,
///    so the e-mail matches.
/// 2. Without a roster, or when the submitter is not on it: the file's `student:` key (the
///    sheet's answer file has it filled in). When it is none of the submitter's e-mail, the
///    part of it before `@`, or their `sid`, the feedback says so, for the student and the
///    teacher to see. A file without the key is graded as the part of the e-mail before `@`.
/// 3. No submitter (no metadata file, or one without users): the file's `student:` key,
///    else the file name, with a note that says so.
public struct GradescopeSubmitter: Sendable, Equatable {
    public var email: String
    /// Gradescope's "Student ID" (`sid`), empty when the course roster has none.
    public var sid: String
    public var name: String
    /// How many students handed the file in together (a group submission).
    public var groupSize: Int

    public init(email: String, sid: String = "", name: String = "", groupSize: Int = 1) {
        self.email = email
        self.sid = sid
        self.name = name
        self.groupSize = groupSize
    }

    /// The submitter of a `submission_metadata.json` (the first of its `users`), or why none
    /// could be read.
    public static func read(_ url: URL, displayName: String) -> Result<GradescopeSubmitter, InputError> {
        guard let data = try? RegularFile.read(url.path, maximumBytes: 16 * 1024 * 1024) else {
            return .failure(InputError("\(displayName) cannot be read"))
        }
        return parse(data, file: displayName)
    }

    /// The submitter of the bytes of a `submission_metadata.json`.
    public static func parse(_ data: Data, file: String) -> Result<GradescopeSubmitter, InputError> {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .failure(InputError("\(file) is not a JSON object"))
        }
        guard let users = object["users"] as? [[String: Any]], let first = users.first else {
            return .failure(InputError("\(file) lists no users"))
        }
        func text(_ key: String) -> String {
            let value: String
            switch first[key] {
            case let string as String: value = string
            case let number as NSNumber: value = number.stringValue
            default: value = ""
            }
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            return Excerpt.hasControlCharacters(trimmed) || trimmed.count > StudentIdentity.maximumLength ? "" : trimmed
        }
        let submitter = GradescopeSubmitter(email: text("email"), sid: text("sid"), name: text("name"), groupSize: users.count)
        guard !submitter.email.isEmpty || !submitter.sid.isEmpty || !submitter.name.isEmpty else {
            return .failure(InputError("\(file) gives the submitter no e-mail, student ID or name"))
        }
        return .success(submitter)
    }

    /// The part of the e-mail before `@`.
    var emailLogin: String {
        email.firstIndex(of: "@").map { String(email[..<$0]) } ?? email
    }

    /// The submitter as feedback names them: "amy@uni.edu (student ID 1234)".
    var described: String {
        let main = email.isEmpty ? (name.isEmpty ? "student ID \(sid)" : name) : email
        return main + (sid.isEmpty || email.isEmpty && name.isEmpty ? "" : " (student ID \(sid))")
    }

    /// The id the file is graded as, and what feedback says about it (nil: nothing to say).
    public func studentID(roster: Roster?, declared: String?) -> (id: String, note: String?) {
        var notes: [String] = []
        if groupSize > 1 {
            notes.append("a group submission of \(groupSize) students is graded on the numbers of the first, \(described)")
        }
        if let roster {
            for key in [email, sid, name] where !key.isEmpty {
                if let student = roster.student(matching: key) {
                    return (student.displayID, notes.isEmpty ? nil : notes.joined(separator: "; "))
                }
            }
            notes.append("your Gradescope account, \(described), is not on the class roster of this autograder")
        }
        let own = Set([email, emailLogin, sid].filter { !$0.isEmpty }.map { $0.lowercased() })
        if let declared, !declared.isEmpty {
            if !own.contains(declared.lowercased()) {
                notes.append("graded as '\(Excerpt.quote(declared, limit: 40))', the student: key of your file, which is not "
                             + "your Gradescope e-mail or student ID (\(described)); if that is not the id on your sheet, correct it and submit again")
            }
            return (declared, notes.isEmpty ? nil : notes.joined(separator: "; "))
        }
        let id = [emailLogin, sid, name].first { !$0.isEmpty } ?? ""
        notes.append("your file has no student: key, so it is graded as '\(Excerpt.quote(id, limit: 40))', "
                     + (id == emailLogin ? "the part of your Gradescope e-mail before @" : id == sid ? "your Gradescope student ID" : "your Gradescope name")
                     + "; write the id on your sheet as student: and submit again if they differ")
        return (id, notes.joined(separator: "; "))
    }

    /// The id a file is graded as when Gradescope names no submitter (`problem` says why):
    /// the file's `student:` key, else its file name.
    public static func fallbackID(problem: InputError, declared: String?, fileID: String) -> (id: String, note: String) {
        if let declared, !declared.isEmpty {
            return (declared, "no submitter was found (\(problem.message)), so the file is graded as its student: key, '\(Excerpt.quote(declared, limit: 40))'")
        }
        return (fileID, "no submitter was found (\(problem.message)) and the file has no student: key, so it is graded as its file name, '\(Excerpt.quote(fileID, limit: 40))'")
    }
}

import Foundation
import LessonCore

/// The students of a class, read from the CSV file a learning platform exports, so answer
/// files can be matched to students and the gradebook filled with the platform's own ids.
///
/// Formats read (recognised from the header, columns in any order):
/// - a Canvas gradebook export: `Student, ID, SIS User ID, SIS Login ID, Section, …`, with
///   its `Points Possible` row (skipped);
/// - a Moodle participants export: `First name, Last name, Username?, ID number?, Email address, …`;
/// - any CSV with some of the columns `student`/`name`, `login`/`username`, `sis id`/`id number`, `email`.
///
/// An answer file's student id matches a roster student when it equals (ignoring case) the
/// student's login, SIS user id, ID number, e-mail address, the part of the e-mail (or of a login
/// that is an e-mail address) before `@`, or the Canvas user id.
public struct Roster: Sendable {
    /// Which platform wrote the file.
    public enum Format: String, Sendable { case canvas, moodle, generic }

    /// One student of the roster.
    public struct Student: Sendable, Equatable, Hashable {
        /// The name as the platform shows it ("Lovelace, Ada" in Canvas).
        public var name: String
        /// Canvas's numeric user id (`ID`).
        public var canvasID: String
        /// `SIS User ID` (Canvas) or `ID number` (Moodle).
        public var sisID: String
        /// `SIS Login ID` (Canvas) or `Username` (Moodle).
        public var login: String
        public var email: String
        public var section: String

        /// The ids an answer file may use for this student, lowercased, empty ones left out.
        var keys: [String] {
            var out = [login, sisID, email, canvasID].map { $0.lowercased() }
            // A login may be an e-mail address too (Canvas's SIS Login ID often is): bob@uni.edu is bob.
            for address in [email, login] {
                if let at = address.firstIndex(of: "@") { out.append(String(address[..<at]).lowercased()) }
            }
            return out.filter { !$0.isEmpty }
        }

        /// The id reports print: the login, else the SIS id, the e-mail, the Canvas id, the name.
        public var displayID: String {
            [login, sisID, email, canvasID, name].first { !$0.isEmpty } ?? ""
        }
    }

    public let format: Format
    public let students: [Student]
    /// Ids (lowercased) that more than one student of the roster has: a file named so matches no one.
    public let shared: [String]
    /// The student of each id no other student has (lowercased), of each name (the first), of
    /// each Canvas user id no other student has: indices into `students`.
    private let byID: [String: Int], byName: [String: Int], byCanvasID: [String: Int]
    private let sharedKeys: Set<String>
    /// The file as given, for messages.
    public let file: String

    /// Reads a roster file.
    public static func load(_ url: URL, displayName: String) throws -> Roster {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw InputError("the roster '\(displayName)' cannot be read (\(FileManager.default.fileExists(atPath: url.path) ? "permission denied or not a file" : "no such file"))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("the roster '\(displayName)' is not UTF-8 text; export it from Canvas or Moodle as CSV (UTF-8)")
        }
        return try Roster(text, file: displayName)
    }

    /// Parses a roster's CSV text.
    public init(_ text: String, file: String) throws {
        let table = try CSVTable(text, file: "the roster '\(file)'")
        self.file = file
        let name = table.column(["Student", "Name", "Full name"])
        let first = table.column(["First name", "Firstname", "Given name"])
        let last = table.column(["Last name", "Lastname", "Surname", "Family name"])
        let canvasID = table.column(["ID"])
        let sis = table.column(["SIS User ID", "ID number", "IDnumber", "SIS ID", "Student ID", "Matriculation number"])
        let login = table.column(["SIS Login ID", "Username", "Login", "Login ID", "User"])
        let email = table.column(["Email address", "Email", "E-mail", "E-mail address", "Mail"])
        let section = table.column(["Section", "Groups", "Group"])
        if table.column(["SIS Login ID"]) != nil || (name != nil && canvasID != nil && table.column(["SIS User ID"]) != nil) {
            format = .canvas
        } else if first != nil || last != nil || table.column(["Email address"]) != nil {
            format = .moodle
        } else {
            format = .generic
        }
        guard sis != nil || login != nil || email != nil || canvasID != nil || name != nil else {
            throw InputError("the roster '\(file)' has none of the columns that identify a student (SIS User ID, SIS Login ID, Username, ID number, Email address); its header is \(table.header.joined(separator: ", "))")
        }
        func value(_ row: [String], _ index: Int?) -> String {
            index.map { row[$0].trimmingCharacters(in: .whitespaces) } ?? ""
        }
        var students: [Student] = []
        for row in table.rows {
            let fullName = name.map { value(row, $0) }
                ?? [value(row, first), value(row, last)].filter { !$0.isEmpty }.joined(separator: " ")
            // Canvas's export has a "Points Possible" row (and sometimes a "Student, Test" row's neighbours) with no ids.
            if fullName == "Points Possible" { continue }
            let student = Student(name: fullName, canvasID: value(row, canvasID), sisID: value(row, sis),
                                  login: value(row, login), email: value(row, email), section: value(row, section))
            if student.keys.isEmpty && student.name.isEmpty { continue }
            students.append(student)
        }
        guard !students.isEmpty else { throw InputError("the roster '\(file)' lists no students") }
        self.students = students
        // Every id, name and Canvas id looked up once per answer file: indexed here (a scan of the
        // roster per file made grading 4,000 files with a roster of 4,000 take 5.5 s).
        var owners: [String: [Int]] = [:], names: [String: Int] = [:], canvas: [String: [Int]] = [:]
        for (index, student) in students.enumerated() {
            for key in Set(student.keys) { owners[key, default: []].append(index) }
            if names[student.name.lowercased()] == nil { names[student.name.lowercased()] = index }
            if !student.canvasID.isEmpty { canvas[student.canvasID, default: []].append(index) }
        }
        shared = owners.filter { $0.value.count > 1 }.keys.sorted()
        sharedKeys = Set(shared)
        byID = owners.compactMapValues { $0.count == 1 ? $0[0] : nil }
        byName = names
        byCanvasID = canvas.compactMapValues { $0.count == 1 ? $0[0] : nil }
    }

    /// The roster student whose Canvas user id a file's name carries the way Canvas's "Download
    /// Submissions" names files: `doejana_1001_5555_answers` (the name, the user id, the
    /// attachment id, the name the student gave the file), `doejana_late_1001_5555_answers` for
    /// a late one. Nil unless exactly one student has that Canvas id.
    public func student(canvasDownloadName name: String) -> Student? {
        let parts = name.split(separator: "_", omittingEmptySubsequences: false)
        var index = 1
        if parts.count > index, parts[index].lowercased() == "late" { index += 1 }
        let digits = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard parts.count > index + 1, digits(parts[index]), digits(parts[index + 1]) else { return nil }
        return byCanvasID[String(parts[index])].map { students[$0] }
    }

    /// The roster student whose ids include `id` (ignoring case), if no other student's do; else
    /// the first whose name is `id`.
    public func student(matching id: String) -> Student? {
        let key = id.trimmingCharacters(in: .whitespaces).lowercased()
        guard !key.isEmpty else { return nil }
        if let index = byID[key] { return students[index] }
        guard !sharedKeys.contains(key) else { return nil }
        return byName[key].map { students[$0] }
    }
}

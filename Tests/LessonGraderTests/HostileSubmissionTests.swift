import LessonTestSupport
import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// Issue 16: a class graded as an attacker and as a careless teacher would. Each test
/// reproduces one defect: links, FIFOs, identities, stale output, terminal escapes.
@Suite struct HostileSubmissionTests {
    let right = "answers: {regression: 37, classification: 48}\n"

    func write(_ text: String, _ name: String, in folder: URL) throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    @Test func symbolicLinksAreSkippedNeverRead() throws {
        let folder = try temporaryFolder(), outside = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: outside) }
        try write("root:x:0:0:SECRET-LINE\n", "secret.yaml", in: outside)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("x.yaml").path,
                                                   withDestinationPath: outside.appendingPathComponent("secret.yaml").path)
        try write(right, "ana.yaml", in: folder)
        let set = try SubmissionSet.collect([folder.path])
        #expect(set.files.map(\.displayName) == ["ana.yaml"])
        #expect(set.skipped == [SkippedFile(file: "x.yaml", reason: "is a symbolic link, not a regular file")])
        let report = Grader.grade(set, exercise: try shippedExercise("param-count"))
        let json = String(decoding: report.json(), as: UTF8.self)
        #expect(!json.contains("SECRET-LINE"))
        #expect(json.contains("\"reason\" : \"is a symbolic link, not a regular file\"") || json.contains("\"reason\": \"is a symbolic link, not a regular file\""), "\(json.prefix(600))")
        #expect(report.summaryText.contains("warning: skipped x.yaml: it is a symbolic link, not a regular file"))
        // Read directly, a link is refused too (the file is opened with O_NOFOLLOW).
        let direct = Submission.read(folder.appendingPathComponent("x.yaml"), displayName: "x.yaml")
        #expect(direct.error == "is a symbolic link, which is not read")
        #expect(direct.answers.isEmpty)
    }

    /// A subfolder (Moodle's "download submissions in folders"), a linked folder and a file of
    /// another type are named as skipped, with why; hidden entries are passed over. Before, all
    /// three were left out without a word (found by exploratory testing).
    @Test func subfoldersAndOtherFilesAreNamedAsSkipped() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(right, "ana.yaml", in: folder)
        try write("my notes", "notes.txt", in: folder)
        try write("", ".DS_Store", in: folder)
        try write("", "._ana.yaml", in: folder) // macOS's copy of a file's attributes in an archive
        try write(right, ".bo.yaml", in: folder)
        let sub = folder.appendingPathComponent("Jana Doe_1001_assignsubmission_file_")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try write(right, "jana.yaml", in: sub)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path, withDestinationPath: sub.path)
        let set = try SubmissionSet.collect([folder.path])
        #expect(set.files.map(\.displayName) == [".bo.yaml", "ana.yaml"])
        #expect(set.skipped == [
            SkippedFile(file: "Jana Doe_1001_assignsubmission_file_", reason: "is a folder; the answer files in it are not read (name the folder itself, or move its files up)"),
            SkippedFile(file: "linked", reason: "is a symbolic link, not a regular file"),
            SkippedFile(file: "notes.txt", reason: "is not an answer file (.yaml, .yml or .json)"),
        ])
        let report = Grader.grade(set, exercise: try shippedExercise("param-count"))
        #expect(report.summaryText.contains("warning: skipped notes.txt: it is not an answer file (.yaml, .yml or .json)"))
    }

    @Test func aFIFOIsNeverOpenedAndTheBatchGoesOn() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("z.yaml").path, 0o644) == 0)
        try write(right, "ana.yaml", in: folder)
        let set = try SubmissionSet.collect([folder.path])
        #expect(set.skipped == [SkippedFile(file: "z.yaml", reason: "is a FIFO (named pipe), not a regular file")])
        let report = Grader.grade(set, exercise: try shippedExercise("param-count"))
        #expect(report.students.map(\.student) == ["ana"])
        // Even handed to the reader directly (a file swapped for a FIFO after listing), it is not read.
        let direct = Submission.read(folder.appendingPathComponent("z.yaml"), displayName: "z.yaml")
        #expect(direct.error == "is a FIFO (named pipe), not a regular file, so it is not read")
    }

    @Test func theNewestReadableFileOfAStudentIsGraded() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A broken ana.json and a valid ana.yaml: the readable one is graded, whatever the names.
        try write("{\"answers\": ", "ana.json", in: folder)
        try write(right, "ana.yaml", in: folder)
        // Two readable files of ben: the later 'submitted' wins.
        try write("submitted: 2026-05-04T10:00:00Z\n" + right, "ben.yaml", in: folder)
        try write("submitted: 2026-05-04T09:00:00Z\nanswers: {regression: 1}\n", "ben.json", in: folder)
        let report = Grader.grade(try SubmissionSet.collect([folder.path]), exercise: try shippedExercise("param-count"))
        let graded = report.gradebookStudents
        #expect(graded.map(\.file) == ["ana.yaml", "ben.yaml"])
        #expect(graded.map(\.points) == [2, 2])
        #expect(report.duplicates == [GradeReport.Duplicate(student: "ana", graded: "ana.yaml", ignored: ["ana.json"]),
                                      GradeReport.Duplicate(student: "ben", graded: "ben.yaml", ignored: ["ben.json"])])
        #expect(report.summaryText.contains("warning: ana handed in 2 files; graded ana.yaml, not ana.json"))
        let json = String(decoding: report.json(), as: UTF8.self)
        #expect(json.contains("\"superseded_by\" : \"ana.yaml\"") || json.contains("\"superseded_by\": \"ana.yaml\""))
        // Without 'submitted', the modification time decides.
        let old = Date(timeIntervalSince1970: 1_700_000_000), new = Date(timeIntervalSince1970: 1_800_000_000)
        try write(right, "cem.yaml", in: folder)
        try write("answers: {regression: 1}\n", "cem.json", in: folder)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: folder.appendingPathComponent("cem.yaml").path)
        try FileManager.default.setAttributes([.modificationDate: new], ofItemAtPath: folder.appendingPathComponent("cem.json").path)
        let again = Grader.grade(try SubmissionSet.collect([folder.path]), exercise: try shippedExercise("param-count"))
        #expect(again.gradebookStudents.first { $0.student == "cem" }?.file == "cem.json")
    }

    @Test func noFileCanClaimAnotherStudentsId() throws {
        for (seed, claim) in ["bob", "bob\u{07}", " bob ", "\"bob\\u0007\""].enumerated() {
            let folder = try temporaryFolder("claim\(seed)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try write(right, "bob.yaml", in: folder)
            try write("student: \(claim)\nanswers: {regression: 0}\n", "eve.yaml", in: folder)
            let report = Grader.grade(try SubmissionSet.collect([folder.path]), exercise: try shippedExercise("param-count"))
            #expect(report.duplicates.isEmpty, "case \(seed): \(claim)")
            #expect(report.gradebookStudents.first { $0.student == "bob" }?.points == 2, "case \(seed): \(claim)")
            #expect(report.gradebookStudents.first { $0.student == "bob" }?.file == "bob.yaml", "case \(seed): \(claim)")
            #expect(report.gradebookStudents.contains { $0.student == "eve" }, "case \(seed): \(claim)")
        }
    }

    @Test func idsWithControlCharactersAreRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try write(right, "\t=1+1.yaml", in: folder)
        try write(right, "\r=1+1.yaml", in: folder)
        try write(right, "ok.yaml", in: folder)
        let set = try SubmissionSet.collect([folder.path])
        #expect(set.files.map(\.displayName) == ["ok.yaml"])
        #expect(Set(set.skipped.map(\.file)) == ["\\t=1+1.yaml", "\\r=1+1.yaml"])
        // A NUL or an escape in the 'student:' field is only a note, shown escaped.
        let nul = Submission.parse(Data("student: \"\\0\"\n\(right)".utf8), file: "ok.yaml", fallbackID: "ok")
        #expect(nul.student == "ok")
        #expect(nul.note == "the file says 'student: \\0' but is graded as 'ok', whose file name it has")
    }

    @Test func regradingLeavesOnlyThisRunsFiles() throws {
        let folder = try temporaryFolder(), out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: out) }
        let exercise = try shippedExercise("conv-5x5")
        let samples = packageRoot.appendingPathComponent("exercises/submissions/conv-5x5")
        for name in ["ivan.yaml", "jana.yaml", "hana.yaml"] {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try ReportWriter.write(Grader.grade(try SubmissionSet.collect([folder.path]), exercise: exercise), to: out)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("gradescope/hana/results.json").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/ivan/output.png").path))
        // A killed run left a temporary file; hana left the class; ivan's answer is now right.
        try write("half", ".report.json.123.1.lesson-partial", in: out)
        try write("half", "figures/ivan/.output.png.123.2.lesson-partial", in: out)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("hana.yaml"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("ivan.yaml"))
        try FileManager.default.copyItem(at: samples.appendingPathComponent("jana.yaml"), to: folder.appendingPathComponent("ivan.yaml"))
        try write("mine", "notes.txt", in: out)
        try ReportWriter.write(Grader.grade(try SubmissionSet.collect([folder.path]), exercise: exercise), to: out)
        let left = try FileManager.default.subpathsOfDirectory(atPath: out.path).sorted()
        #expect(!left.contains { $0.hasPrefix("gradescope/hana") }, "\(left)")
        #expect(!left.contains("figures/ivan/output.png"), "ivan's output is right now: \(left)")
        #expect(!left.contains { $0.hasSuffix(".lesson-partial") }, "\(left)")
        #expect(left.contains("notes.txt"), "files of other names are the teacher's")
        #expect(left.contains("gradescope/ivan/results.json") && left.contains("gradescope/jana/results.json"))
        // Figures turned off: none of the earlier ones stay.
        try ReportWriter.write(Grader.grade(try SubmissionSet.collect([folder.path]), exercise: exercise), to: out,
                               options: .init(gradescope: true, figures: false))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("figures").path))
    }

    @Test func studentTextReachesTheTerminalEscapedAndShort() throws {
        let exercise = try shippedExercise("conv-5x5")
        let attack = "\u{1B}[2J\u{1B}[31mPWNED"
        let big = (0..<200).map { _ in (0..<200).map { _ in "7" }.joined(separator: " ") }.joined(separator: "; ")
        let text = "answers:\n  flip: \"\\e[2J\\e[31mPWNED\"\n  output: \"\(big)\"\n"
        let report = Grader.grade(submissions: ["a", "b"].map { Submission.parse(Data(text.utf8), file: "\($0).yaml", fallbackID: $0) },
                                  exercise: exercise)
        #expect(report.students.allSatisfy { $0.error == nil }, "\(report.students.map(\.error))")
        #expect(report.summary.contains { $0.mostCommonWrong?.contains(attack.lowercased()) == true }, "the attack reaches the report as data")
        let summary = report.summaryText
        #expect(!summary.contains("\u{1B}"), "\(summary)")
        #expect(summary.contains("most common wrong answer \\e[2j\\e[31mpwned (2 students)"), "\(summary)")
        #expect(summary.split(separator: "\n").allSatisfy { $0.count < 400 }, "longest line \(summary.split(separator: "\n").map(\.count).max() ?? 0)")
    }

    @Test func windowsFilesWithABOMAreReadAndNULIsRefused() throws {
        let crlf = Submission.parse(Data("\u{FEFF}answers:\r\n  regression: 37\r\n".utf8), file: "a.yaml", fallbackID: "a")
        #expect(crlf.error == nil)
        #expect(crlf.answers["regression"] == .integer(37))
        let nul = Submission.parse(Data("answers: {regression: 3\07}".utf8), file: "a.yaml", fallbackID: "a")
        #expect(nul.error == "holds a NUL byte; an answer file is plain text")
    }

    @Test func unparseableFilesAreQuotedInAShortExcerpt() throws {
        let long = "answers: [" + String(repeating: "SECRET ", count: 5000)
        let result = submission(long)
        #expect((result.error?.count ?? 0) < 200, "\(result.error ?? "")")
    }
}

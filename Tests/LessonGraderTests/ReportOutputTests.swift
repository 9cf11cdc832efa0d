import LessonTestSupport
import Foundation
import Testing
import LessonCore
import LessonLibrary
@testable import LessonGrader

/// The hand-written JSON writer and the plain file writes behind the reports: the same
/// strings as Foundation's JSON, nothing written through a link, a rerun the same bytes.
@Suite struct ReportOutputTests {
    /// Every string `JSONOutput` writes reads back (with Foundation's parser) as the string
    /// given, exactly as Foundation's own `JSONEncoder` output of it does, and holds no raw
    /// control byte.
    @Test func jsonStringsReadBackAsFoundationsDo() throws {
        var cases = ["", "plain", "quote \" and \\ backslash", "tab\tline\nreturn\r", "\u{0}\u{1}\u{8}\u{C}\u{1F}\u{7F}",
                     "é ü ≠ 𝔼 🙂", "\u{1B}[2J\u{1B}[31mPWNED", "/slash/", String(repeating: "long \"run\" ", count: 200)]
        let pool = Array("ab \"\\/\t\n\r\u{0}\u{1}\u{1B}\u{1F}\u{7F}é≠𝔼🙂".unicodeScalars)
        for seed in UInt64(1)...300 {
            var g = SeededGenerator(seed: seed)
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &g) { text.append(pool[Int.random(in: 0..<pool.count, using: &g)]) }
            cases.append(String(text))
        }
        for (index, text) in cases.enumerated() {
            var out = JSONOutput(capacity: 64)
            out.object { $0.field("text", text) }
            #expect(!out.bytes.contains { $0 < 0x20 && $0 != UInt8(ascii: "\n") }, "case \(index): a raw control byte")
            let ours = try JSONSerialization.jsonObject(with: Data(out.bytes)) as? [String: String]
            let theirs = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(["text": text])) as? [String: String]
            #expect(ours == ["text": text], "case \(index): \(Excerpt.quote(text)) read back as \(ours.map { Excerpt.quote($0["text"] ?? "") } ?? "nothing")")
            #expect(ours == theirs, "case \(index): \(Excerpt.quote(text))")
        }
    }

    /// A symbolic link where a student's Gradescope folder goes is replaced by a folder, never
    /// written through; a temporary file a killed run left there is removed; a rerun writes
    /// the same bytes.
    @Test func gradescopeFoldersAreNeverWrittenThroughALink() throws {
        let folder = try temporaryFolder(), out = try temporaryFolder(), elsewhere = try temporaryFolder()
        defer { for url in [folder, out, elsewhere] { try? FileManager.default.removeItem(at: url) } }
        let exercise = try shippedExercise("param-count")
        let samples = packageRoot.appendingPathComponent("exercises/submissions/param-count")
        for name in ["anna.yaml", "carl.yaml"] {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try ReportWriter.write(Grader.grade(try SubmissionSet.collect([folder.path]), exercise: exercise), to: out)
        let first = try Data(contentsOf: out.appendingPathComponent("gradescope/carl/results.json"))
        let report = try Data(contentsOf: out.appendingPathComponent("report.json"))
        let anna = out.appendingPathComponent("gradescope/anna")
        try FileManager.default.removeItem(at: anna)
        try FileManager.default.createSymbolicLink(at: anna, withDestinationURL: elsewhere)
        try Data("half".utf8).write(to: out.appendingPathComponent("gradescope/carl/.results.json.1.1.lesson-partial"))
        try ReportWriter.write(Grader.grade(try SubmissionSet.collect([folder.path]), exercise: exercise), to: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty, "nothing written through the link")
        #expect(RegularFile.kind(anna.path) == .directory)
        #expect(RegularFile.kind(anna.appendingPathComponent("results.json").path) == .regular)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("gradescope/carl").path) == ["results.json"])
        #expect(try Data(contentsOf: out.appendingPathComponent("gradescope/carl/results.json")) == first)
        #expect(try Data(contentsOf: out.appendingPathComponent("report.json")) == report)
    }

    /// A rerun into the same folder removes the results and figures it no longer writes (a
    /// student gone from the class), but never the teacher's own files inside a student's folder
    /// (found by exploratory testing: notes.txt and comments.txt were deleted).
    @Test func aRerunKeepsTheTeachersOwnFiles() throws {
        let folder = try temporaryFolder(), out = try temporaryFolder()
        defer { for url in [folder, out] { try? FileManager.default.removeItem(at: url) } }
        let exercise = try shippedExercise("param-count")
        let samples = packageRoot.appendingPathComponent("exercises/submissions/param-count")
        for name in ["anna.yaml", "carl.yaml"] {
            try FileManager.default.copyItem(at: samples.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        try ReportWriter.write(Grader.grade(try SubmissionSet.collect([folder.path]), exercise: exercise), to: out)
        try Data("mine".utf8).write(to: out.appendingPathComponent("gradescope/carl/comments.txt"))
        try Data("mine".utf8).write(to: out.appendingPathComponent("gradescope/notes.txt"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("carl.yaml"))
        try ReportWriter.write(Grader.grade(try SubmissionSet.collect([folder.path]), exercise: exercise), to: out)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("gradescope/carl").path) == ["comments.txt"])
        #expect(RegularFile.kind(out.appendingPathComponent("gradescope/notes.txt").path) == .regular)
        #expect(RegularFile.kind(out.appendingPathComponent("gradescope/anna/results.json").path) == .regular)
    }

    /// A rerun leaves a file that already holds its bytes as it is (the same inode), and
    /// replaces one whose bytes differ, one that is a symbolic link (not followed) and a FIFO
    /// of that name (which it must not wait on).
    @Test func aRerunReplacesOnlyWhatChanged() throws {
        let out = try temporaryFolder(), elsewhere = try temporaryFolder()
        defer { for url in [out, elsewhere] { try? FileManager.default.removeItem(at: url) } }
        func inode(_ name: String) throws -> UInt64? {
            (try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.systemFileNumber] as? NSNumber)?.uint64Value
        }
        let bytes = Data("{\"score\" : 1}\n".utf8)
        try ReportWriter.atomic(bytes, to: out.appendingPathComponent("same.json"))
        let before = try inode("same.json")
        try ReportWriter.atomic(bytes, to: out.appendingPathComponent("same.json"))
        #expect(try inode("same.json") == before, "the same bytes: the file is left as it is")

        try Data("{\"score\" : 2}\n".utf8).write(to: out.appendingPathComponent("changed.json"))
        let changed = try inode("changed.json")
        try ReportWriter.atomic(bytes, to: out.appendingPathComponent("changed.json"))
        #expect(try inode("changed.json") != changed)
        #expect(try Data(contentsOf: out.appendingPathComponent("changed.json")) == bytes)

        let target = elsewhere.appendingPathComponent("target.json")
        try bytes.write(to: target)
        try FileManager.default.createSymbolicLink(at: out.appendingPathComponent("link.json"), withDestinationURL: target)
        try ReportWriter.atomic(bytes, to: out.appendingPathComponent("link.json"))
        #expect(RegularFile.kind(out.appendingPathComponent("link.json").path) == .regular, "the link is replaced by a file")

        #expect(mkfifo(out.appendingPathComponent("fifo.json").path, 0o644) == 0)
        try ReportWriter.atomic(bytes, to: out.appendingPathComponent("fifo.json"))
        #expect(RegularFile.kind(out.appendingPathComponent("fifo.json").path) == .regular)
        #expect(try Data(contentsOf: out.appendingPathComponent("fifo.json")) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["changed.json", "fifo.json", "link.json", "same.json"])
    }
}

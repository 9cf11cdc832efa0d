import Foundation

/// Compares text with a reference file kept beside the tests, in the manner of
/// swift-snapshot-testing: `LESSON_RECORD=1 swift test` writes the references (and fails once,
/// so a recording is never taken for a pass); otherwise a difference is reported as the first
/// lines that differ, with their line numbers.
public enum ReferenceFile {
    /// Whether this run records references instead of comparing.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["LESSON_RECORD"] != nil }

    /// nil when `actual` equals the reference `name` in the folder `References/` next to
    /// `testFile` (`name` may hold a subfolder, such as `runs/x.txt`); otherwise what is wrong,
    /// ready for a test failure message.
    public static func mismatch(_ actual: String, named name: String, testFile: String = #filePath) -> String? {
        let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("References")
        let url = folder.appendingPathComponent(name)
        if isRecording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual.utf8).write(to: url, options: .atomic)
            } catch {
                return "could not record \(url.path): \(error)"
            }
            return "recorded \(name); run the tests again without LESSON_RECORD"
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "no reference \(name) in \(folder.path); record it with LESSON_RECORD=1 swift test"
        }
        let expected = String(decoding: data, as: UTF8.self)
        return expected == actual ? nil : difference(expected: expected, actual: actual, name: name)
    }

    /// The first lines that differ, numbered, with the count of differing lines.
    static func difference(expected: String, actual: String, name: String) -> String {
        let old = expected.components(separatedBy: "\n"), new = actual.components(separatedBy: "\n")
        var report = ["\(name) differs from its reference (− reference, + now):"]
        var shown = 0, differing = 0
        for i in 0..<max(old.count, new.count) {
            let a = i < old.count ? old[i] : nil, b = i < new.count ? new[i] : nil
            guard a != b else { continue }
            differing += 1
            if shown < 12 {
                if let a { report.append("\(i + 1) − \(a)") }
                if let b { report.append("\(i + 1) + \(b)") }
                shown += 1
            }
        }
        report.append("\(differing) line(s) differ; LESSON_RECORD=1 swift test records the new output")
        return report.joined(separator: "\n")
    }
}

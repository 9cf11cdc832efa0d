import Foundation
import LessonCore
import LessonTestSupport
import Testing

/// `--json` of a big trace is streamed and announced, with its exact size, on standard error
/// before it is written (issue 16, budgets). The threshold is 100 MB; `LESSON_JSON_NOTICE_BYTES`
/// lowers it here so a small trace stands in for a 500×500 one.
@Suite struct JSONBudgetCommandTests {
    /// A seeded 20×20 input and a 3×3 kernel: 324 steps, about 800 kB of pretty JSON.
    static let arguments: [String] = {
        var random = SplitMix64(seed: 16)
        let rows = (0..<20).map { _ in random.values(20, in: -9...9).map { String(Int($0)) }.joined(separator: " ") }
        return ["run", "conv2d", "--no-figures", "--input", rows.joined(separator: "; "), "--kernel", "1 0 -1; 2 0 -2; 1 0 -1"]
    }()

    /// `561 MB`, `812 kB`: the size as the note writes it.
    static func amount(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? "\((bytes + 500_000) / 1_000_000) MB" : "\((bytes + 500) / 1_000) kB"
    }

    @Test func aBigTraceIsAnnouncedWithItsExactSizeAndWrittenWhole() throws {
        let pretty = try runLesson(Self.arguments + ["--json"])
        let compact = try runLesson(Self.arguments + ["--json-compact"])
        #expect(pretty.status == 0 && pretty.stderr.isEmpty, "stderr: \(pretty.stderr)")
        #expect(compact.status == 0 && compact.stderr.isEmpty, "stderr: \(compact.stderr)")
        let prettyBytes = pretty.stdout.utf8.count - 1, compactBytes = compact.stdout.utf8.count - 1
        #expect(prettyBytes > 500_000)

        let announced = try runLesson(Self.arguments + ["--json"], environment: ["LESSON_JSON_NOTICE_BYTES": "100000"])
        #expect(announced.status == 0)
        #expect(announced.stdout == pretty.stdout)
        #expect(announced.stderr == "note: this trace's JSON is \(Self.amount(prettyBytes)), written as it is encoded; --json-compact writes the same values in \(Self.amount(compactBytes))\n")

        let announcedCompact = try runLesson(Self.arguments + ["--json-compact"], environment: ["LESSON_JSON_NOTICE_BYTES": "100000"])
        #expect(announcedCompact.status == 0)
        #expect(announcedCompact.stdout == compact.stdout)
        #expect(announcedCompact.stderr == "note: this trace's JSON is \(Self.amount(compactBytes)), written as it is encoded; a smaller input gives a shorter trace\n")
    }

    @Test func aTraceBelowTheThresholdIsNotAnnounced() throws {
        let result = try runLesson(Self.arguments + ["--json"], environment: ["LESSON_JSON_NOTICE_BYTES": "5000000"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("{\n  \"applied_kernel\" : [\n    [\n      1,\n      0,\n      -1\n    ],"))
    }

    /// A streamed trace that holds ∞ fails before a byte of it is written, with the same sentence.
    @Test func aBigTraceThatOverflowsWritesNothing() throws {
        let result = try runLesson(["run", "cnn", "--no-figures", "--json", "--learning-rate", "1e200"],
                                   environment: ["LESSON_JSON_NOTICE_BYTES": "1"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: the trace holds an undefined value (NaN) at update.lossAfter, which JSON cannot represent; the numbers overflow or leave the domain of an operation, so use other inputs, weights or learning rate\n")
    }

    @Test func aThresholdThatIsNotANumberIsOneSentence() throws {
        let result = try runLesson(Self.arguments + ["--json"], environment: ["LESSON_JSON_NOTICE_BYTES": "lots"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: LESSON_JSON_NOTICE_BYTES must be a whole number of bytes above 0, got 'lots'\n")
    }
}

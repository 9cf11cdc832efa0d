import Foundation
import LessonCore

/// When `--json` warns that its output is big. The JSON is streamed, so memory stays flat and
/// time grows with the bytes; nothing is refused, but a trace above `noticeBytes` (100 MB, or
/// `LESSON_JSON_NOTICE_BYTES`) is announced on standard error, with its exact size, before a
/// byte of it is written.
public struct JSONBudget: Equatable, Sendable {
    /// Bytes of JSON above which the run says how big its output is before writing it.
    public var noticeBytes: Int

    public static let standard = JSONBudget(noticeBytes: 100_000_000)

    public init(noticeBytes: Int) {
        self.noticeBytes = noticeBytes
    }

    /// The standard budget, or the one `LESSON_JSON_NOTICE_BYTES` sets (a whole number of bytes).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> JSONBudget {
        guard let text = environment["LESSON_JSON_NOTICE_BYTES"] else { return .standard }
        guard let bytes = Int(text), bytes > 0 else {
            throw InputError("LESSON_JSON_NOTICE_BYTES must be a whole number of bytes above 0, got '\(text.prefix(40))'")
        }
        return JSONBudget(noticeBytes: bytes)
    }

    /// The one sentence announcing JSON of `size` (pretty unless `compact`), or nil when it is
    /// small enough to need no word.
    public func note(for size: JSONStreamEncoder.Size, compact: Bool) -> String? {
        let bytes = compact ? size.compact : size.pretty
        guard bytes > noticeBytes else { return nil }
        if compact {
            return "this trace's JSON is \(Self.amount(bytes)), written as it is encoded; a smaller input gives a shorter trace"
        }
        return "this trace's JSON is \(Self.amount(bytes)), written as it is encoded; --json-compact writes the same values in \(Self.amount(size.compact))"
    }

    /// `561 MB`, `78 kB` or `312 bytes` (decimal units, rounded).
    static func amount(_ bytes: Int) -> String {
        if bytes >= 1_000_000 { return "\((bytes + 500_000) / 1_000_000) MB" }
        if bytes >= 1_000 { return "\((bytes + 500) / 1_000) kB" }
        return "\(bytes) bytes"
    }
}

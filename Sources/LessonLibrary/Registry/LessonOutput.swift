import Foundation
import LessonCore
import LessonFigures

/// What running a lesson produces. The command line prints `text` (or `json()`), writes
/// `figures`, and reports `mismatches`; `lesson figures` only renders the figures.
public struct LessonOutput {
    /// The lesson id and variant that ran.
    public var lesson: String
    public var variant: String
    /// The step-by-step trace as text, ready to print. Built the first time it is read: a
    /// `--json` run of a big trace never prints it.
    public var text: String {
        get { deferredText.value }
        set { deferredText = DeferredText { newValue } }
    }
    private var deferredText: DeferredText
    /// The trace as a value to encode as JSON (keys become snake_case).
    public var payload: any Encodable
    /// The figures, in the order a reader steps through them.
    public var figures: [Figure]
    /// Values the lesson file states that the recomputation does not give.
    public var mismatches: [Mismatch]

    public init(lesson: String, variant: String, text: @autoclosure @escaping () -> String, payload: any Encodable,
                figures: [Figure], mismatches: [Mismatch] = []) {
        self.lesson = lesson
        self.variant = variant
        deferredText = DeferredText(text)
        self.payload = payload
        self.figures = figures
        self.mismatches = mismatches
    }

    /// The payload as pretty JSON with sorted keys (the same bytes every run), with
    /// `lesson`, `variant` and `mismatches` added at the top level.
    public func json(extra: [String: [String]] = [:]) throws -> String {
        String(decoding: try jsonData(extra: extra), as: UTF8.self)
    }

    /// The JSON of `json(extra:)` as bytes. `compact` leaves out the indentation and the spaces
    /// (same keys, same order, same numbers), about half the bytes of a big trace.
    public func jsonData(extra: [String: [String]] = [:], compact: Bool = false) throws -> Data {
        try Self.explainingNonFinite { try JSONStreamEncoder(pretty: !compact).encode(envelope(extra: extra)) }
    }

    /// Writes the JSON of `jsonData(extra:compact:)` (compact unless `encoder.pretty`) and a line
    /// end to `handle`: held in memory up to the encoder's first chunk, streamed as it is encoded
    /// beyond (after a check). `large` learns the exact size of a big trace before a byte is written.
    public func writeJSON(to handle: FileHandle, extra: [String: [String]] = [:], encoder: JSONStreamEncoder,
                          large: (JSONStreamEncoder.Size) -> Void = { _ in }) throws {
        try Self.explainingNonFinite {
            try encoder.write(envelope(extra: extra), to: handle, terminator: "\n", large: large)
        }
    }

    /// What the JSON holds: the payload with `lesson`, `variant`, `mismatches` and `extra` beside it.
    public func envelope(extra: [String: [String]] = [:]) -> some Encodable {
        Envelope(lesson: lesson, variant: variant, mismatches: mismatches, extra: extra, payload: payload)
    }

    /// Runs `body`, turning an encoder's error about ∞ or NaN into a sentence for the person.
    private static func explainingNonFinite<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch EncodingError.invalidValue(let value, let context) {
            // JSON has no ∞ or NaN: an overflowing input is the person's to change, not a crash.
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            let what = (value as? Double)?.isNaN == true ? "an undefined value (NaN)" : "an infinite value"
            throw InputError("the trace holds \(what) at \(path.drop { $0 == "." }), which JSON cannot represent; the numbers overflow or leave the domain of an operation, so use other inputs, weights or learning rate")
        }
    }

    /// The payload and the keys the command line adds beside it.
    private struct Envelope: Encodable {
        let lesson: String
        let variant: String
        let mismatches: [Mismatch]
        let extra: [String: [String]]
        let payload: any Encodable

        func encode(to encoder: Encoder) throws {
            try payload.encode(to: encoder)
            var container = encoder.container(keyedBy: DynamicKey.self)
            try container.encode(lesson, forKey: DynamicKey("lesson"))
            try container.encode(variant, forKey: DynamicKey("variant"))
            try container.encode(mismatches, forKey: DynamicKey("mismatches"))
            for (key, value) in extra { try container.encode(value, forKey: DynamicKey(key)) }
        }
    }
}

/// A text made on first use, then kept.
private final class DeferredText {
    private var make: (() -> String)?
    private var made: String?

    init(_ make: @escaping () -> String) { self.make = make }

    var value: String {
        if let made { return made }
        let text = make?() ?? ""
        made = text
        make = nil
        return text
    }
}

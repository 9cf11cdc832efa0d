import Foundation
import LessonCore
import LessonFigures

/// What running a lesson produces. The command line prints `text` (or `json()`), writes
/// `figures`, and reports `mismatches`; `lesson figures` only renders the figures.
public struct LessonOutput {
    /// The lesson id and variant that ran.
    public var lesson: String
    public var variant: String
    /// The step-by-step trace as text, ready to print.
    public var text: String
    /// The trace as a value to encode as JSON (keys become snake_case).
    public var payload: any Encodable
    /// The figures, in the order a reader steps through them.
    public var figures: [Figure]
    /// Values the lesson file states that the recomputation does not give.
    public var mismatches: [Mismatch]

    public init(lesson: String, variant: String, text: String, payload: any Encodable, figures: [Figure],
                mismatches: [Mismatch] = []) {
        self.lesson = lesson
        self.variant = variant
        self.text = text
        self.payload = payload
        self.figures = figures
        self.mismatches = mismatches
    }

    /// The payload as pretty JSON with sorted keys (the same bytes every run), with
    /// `lesson`, `variant` and `mismatches` added at the top level.
    public func json(extra: [String: [String]] = [:]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let envelope = Envelope(lesson: lesson, variant: variant, mismatches: mismatches, extra: extra, payload: payload)
        do {
            return String(decoding: try encoder.encode(envelope), as: UTF8.self)
        } catch EncodingError.invalidValue(let value, let context) {
            // JSON has no ∞ or NaN: an overflowing input is the person's to change, not a crash.
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw InputError("the trace holds \(value) at \(path.drop { $0 == "." }), which JSON cannot represent; the numbers overflow, so use smaller inputs, weights or learning rate")
        }
    }

    private struct Envelope: Encodable {
        let lesson: String
        let variant: String
        let mismatches: [Mismatch]
        let extra: [String: [String]]
        let payload: any Encodable

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: Encoder) throws {
            try payload.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(lesson, forKey: Key("lesson"))
            try container.encode(variant, forKey: Key("variant"))
            try container.encode(mismatches, forKey: Key("mismatches"))
            for (key, value) in extra { try container.encode(value, forKey: Key(key)) }
        }
    }
}

/// A lesson that can run any variant of its lesson file.
public protocol Lesson: Sendable {
    /// The lesson id: `lessons/<id>.yaml` and `lesson run <id>`.
    static var id: String { get }
    /// Runs a variant of the lesson file as it is written.
    static func run(_ file: LessonFile, variant: LessonVariant) throws -> LessonOutput
}

/// Every lesson the tool knows how to run, by id.
public enum LessonCatalog {
    /// The lessons, in the order `lesson list` and `lesson figures` go through them.
    public static let lessons: [any Lesson.Type] = [
        Conv2DLesson.self,
        Conv2DBackwardLesson.self,
        PoolingLesson.self,
        Conv1DLesson.self,
        Conv2DModesLesson.self,
        ConvArithmeticLesson.self,
        ConvChannelsLesson.self,
        MLPLesson.self,
        BackpropLesson.self,
        PerceptronLesson.self,
        AutodiffLesson.self,
        ActivationsLesson.self,
        ConvMatrixLesson.self,
        ConvTransposeLesson.self,
        SeparableLesson.self,
        ImageFiltersLesson.self,
        CNNLesson.self,
        ParamCountLesson.self,
        GradientDescentLesson.self,
        OptimizersLesson.self,
    ]

    /// The lesson type for an id, if there is one.
    public static func lesson(_ id: String) -> (any Lesson.Type)? {
        lessons.first { $0.id == id }
    }
}

import Foundation
import LessonCore
import LessonLibrary

/// An exercise, `exercises/<id>.yaml`: a title, text, and questions whose answers the engine
/// computes from their parameters.
///
/// ```yaml
/// id: param-count           # optional: the id per-student numbers are drawn from (else the file name)
/// title: Counting parameters
/// text: Count the weights and biases of each network.
/// hide_answers: false        # true leaves expected answers out of feedback
/// questions:
///   - id: regression
///     kind: param-count
///     points: 2
///     text: How many parameters has the regression network?
///     model: "input(2) dense(4) dense(4) dense(1)"
///   - id: size
///     kind: output-size
///     n: {range: [20, 40]}   # each student gets a value drawn from the range
///     k: 5
///   - id: next
///     kind: output-size
///     n: 16                  # the right answer to 'size' for the instructor's variant;
///     k: 3
///     carry_forward: {n: size}   # a wrong 'size' is carried forward into this question
/// ```
public struct Exercise: Sendable {
    /// The id: the file's `id:` key, else the file name without `.yaml`. Per-student numbers
    /// are drawn from it, so a copy under another name keeps them only with an `id:` key.
    public let id: String
    /// Whether the id comes from the file's `id:` key (not from its name).
    public let hasIDKey: Bool
    public let title: String
    /// The exercise's text, above the questions.
    public let text: String
    /// Where in the course notes it comes from.
    public let source: String?
    /// Whether feedback hides expected answers for every question.
    public private(set) var hidesAnswers: Bool
    public private(set) var questions: [Question]
    /// The file as the person named it, for errors and reports.
    public let file: String

    /// The sum of the questions' points.
    public var maxPoints: Double { questions.reduce(0) { $0 + $1.points } }

    /// The most points one question may be worth.
    public static let maximumPoints = 1_000_000.0

    /// Loads and checks an exercise file; every question is prepared once, so a mistake in
    /// the file is reported before any submission is read.
    public static func load(_ url: URL, displayName: String? = nil) throws -> Exercise {
        let name = displayName ?? url.path
        let root = try YAMLValue.load(url, displayName: name)
        return try Exercise(id: url.deletingPathExtension().lastPathComponent, document: root, file: name)
    }

    /// Reads an exercise from its parsed document; `id` (the file name's) is used unless the
    /// document has an `id:` key.
    public init(id: String, document: YAMLValue, file: String) throws {
        guard document.isMapping else { throw document.error("an exercise file must be a mapping with title, text and questions") }
        try document.rejectUnknownKeys(allowed: ["id", "title", "text", "source", "hide_answers", "questions"])
        if let key = document["id"] {
            let declared = try key.string()
            guard !declared.isEmpty, declared.count <= 100, !Excerpt.hasControlCharacters(declared),
                  declared.trimmingCharacters(in: .whitespaces) == declared else {
                throw key.error("the exercise id must be 1 to 100 characters, without control characters or spaces around it, such as conv-5x5")
            }
            self.id = declared
            hasIDKey = true
        } else {
            self.id = id
            hasIDKey = false
        }
        let id = self.id
        self.file = file
        title = try document.require("title", expected: "the exercise's title").string()
        text = try document["text"]?.string() ?? ""
        source = try document["source"]?.string()
        let hideAll = try document["hide_answers"]?.bool() ?? false
        hidesAnswers = hideAll
        var questions: [Question] = []
        for item in try document.require("questions", expected: "a list of questions").items() {
            guard item.isMapping else { throw item.error("a question must be a mapping with id, kind, points and text") }
            let qid = try item.require("id", expected: "the question's id, such as q1").string()
            guard qid.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !qid.isEmpty else {
                throw item.error("the question id '\(qid)' may only have letters, digits, '-' and '_'")
            }
            guard !questions.contains(where: { $0.id == qid }) else { throw item.error("two questions have the id '\(qid)'") }
            let points = try item["points"]?.double() ?? 1
            guard points >= 0, points.isFinite else { throw item.error("points must be 0 or more") }
            // Points add up into gradebooks (Canvas, Moodle, Gradescope): two of 1e308 made ∞.
            guard points <= Self.maximumPoints else {
                throw item.error("points must be at most \(Notation.number(Self.maximumPoints)) (they add up in the gradebook), not \(Notation.number(points))")
            }
            var tolerance = Tolerance()
            if let t = item["tolerance"] {
                if t.isMapping {
                    try t.rejectUnknownKeys(allowed: ["absolute", "relative"])
                    tolerance.absolute = try t["absolute"].map(Tolerance.bound) ?? tolerance.absolute
                    tolerance.relative = try t["relative"].map(Tolerance.bound) ?? tolerance.relative
                } else {
                    tolerance.absolute = try Tolerance.bound(t)
                }
            }
            if let d = item["decimals"] {
                let decimals = try d.int()
                guard (0...12).contains(decimals) else { throw d.error("decimals must be 0 to 12") }
                tolerance.decimals = decimals
            }
            var parameters: [String: ParameterValue] = [:]
            for (key, value) in try item.entries() where !Question.commonKeys.contains(key) {
                parameters[key] = try ParameterValue.from(value)
            }
            var question = try Question(
                id: qid, kind: try item.require("kind", expected: "the question kind, such as param-count").string(),
                points: points, text: try item["text"]?.string() ?? "", tolerance: tolerance,
                hidesAnswer: try item["hide_answer"]?.bool() ?? hideAll, parameters: parameters,
                location: "\(file), question '\(qid)'", exercise: id)
            if let carry = item["carry_forward"] {
                guard carry.isMapping else { throw carry.error("carry_forward must map a key of this question to an earlier question's id, such as {n: size}") }
                let keys = QuestionKinds.kind(named: question.kind)?.keys ?? []
                for (key, value) in try carry.entries() {
                    let from = try value.string()
                    guard keys.contains(key) else {
                        throw carry.error("carry_forward: '\(key)' is not a key of a \(question.kind) question; its keys are \(keys.joined(separator: ", "))")
                    }
                    guard questions.contains(where: { $0.id == from }) else {
                        throw carry.error("carry_forward: '\(from)' is not an earlier question of this exercise")
                    }
                    question.carryForward[key] = from
                }
            }
            questions.append(question)
        }
        guard !questions.isEmpty else { throw document.error("the exercise has no questions") }
        self.questions = questions
    }

    /// The exercise with every answer published: no question hides its answer any more.
    public func publishingAnswers() -> Exercise {
        var copy = self
        copy.hidesAnswers = false
        for i in copy.questions.indices { copy.questions[i].hidesAnswer = false }
        return copy
    }

    /// Every question prepared for `student`.
    public func prepared(for student: String) throws -> [PreparedQuestion] {
        try questions.map { try $0.prepared(exercise: id, student: student) }
    }
}

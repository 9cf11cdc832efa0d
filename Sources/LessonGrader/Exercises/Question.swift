import LessonCore

/// One question of an exercise as the file writes it: its kind, points, text and parameters
/// (possibly with ranges drawn per student).
public struct Question: Sendable {
    /// The question's id, used in answer files and report columns.
    public let id: String
    /// The kind's name (`param-count`).
    public let kind: String
    /// Points for a fully right answer.
    public let points: Double
    /// What is asked, in words.
    public let text: String
    /// How close a number must be.
    public let tolerance: Tolerance
    /// Whether feedback leaves out the expected answer and the working.
    public internal(set) var hidesAnswer: Bool
    /// The parameters as written (ranges not drawn).
    public let parameters: [String: ParameterValue]
    /// Whether any parameter is a range, so that each student gets a variant.
    public let hasVariants: Bool
    /// The prepared question when there are no variants (computed once).
    let fixed: PreparedQuestion?
    /// "exercises/<id>.yaml, question '<id>'", for errors.
    public let location: String
    /// Parameters that take the student's own answer to an earlier question when that answer
    /// was wrong (error carried forward): parameter key → question id.
    public internal(set) var carryForward: [String: String] = [:]

    /// Reserved keys; every other key is a parameter of the kind.
    static let commonKeys = ["id", "kind", "points", "text", "tolerance", "decimals", "hide_answer", "carry_forward"]

    init(id: String, kind: String, points: Double, text: String, tolerance: Tolerance, hidesAnswer: Bool,
         parameters: [String: ParameterValue], location: String, exercise: String) throws {
        self.id = id
        self.kind = kind
        self.points = points
        self.text = text
        self.tolerance = tolerance
        self.hidesAnswer = hidesAnswer
        self.parameters = parameters
        self.location = location
        self.hasVariants = parameters.values.contains(where: VariantDrawer.containsRandom)
        guard let kindType = QuestionKinds.kind(named: kind) else {
            throw InputError("\(location): unknown kind '\(kind)'; the kinds are \(QuestionKinds.all.map { $0.name }.joined(separator: ", "))")
        }
        for key in parameters.keys.sorted() where !kindType.keys.contains(key) {
            throw InputError("\(location): unknown key '\(key)' for a \(kind) question; its keys are \((Self.commonKeys + kindType.keys).joined(separator: ", "))")
        }
        if hasVariants {
            try VariantDrawer.validate(parameters, location: location)
            // The variant of an empty student id must work too: it shows mistakes in the file early.
            _ = try kindType.prepare(QuestionParameters(values: try VariantDrawer.resolve(
                parameters, exercise: exercise, student: "", question: id, location: location), location: location))
            fixed = nil
        } else {
            fixed = try kindType.prepare(QuestionParameters(values: parameters, location: location))
        }
    }

    /// The question prepared for `student` with some parameters replaced (error carried forward).
    func prepared(exercise: String, student: String, overriding: [String: ParameterValue]) throws -> PreparedQuestion {
        guard let kindType = QuestionKinds.kind(named: kind) else {
            preconditionFailure("question kind '\(kind)' was checked when the exercise loaded")
        }
        var values = try VariantDrawer.resolve(parameters, exercise: exercise, student: student, question: id, location: location)
        for (key, value) in overriding { values[key] = value }
        return try kindType.prepare(QuestionParameters(values: values, location: location))
    }

    /// The question prepared with the parameters of one variant, its ranges already drawn
    /// (`VariantDrawer.variants`, for `lesson exercise check`).
    public func prepared(variant values: [String: ParameterValue]) throws -> PreparedQuestion {
        guard let kindType = QuestionKinds.kind(named: kind) else {
            preconditionFailure("question kind '\(kind)' was checked when the exercise loaded")
        }
        return try kindType.prepare(QuestionParameters(values: values, location: location))
    }

    /// The question prepared for `student` of `exercise` (the same variant every time).
    public func prepared(exercise: String, student: String) throws -> PreparedQuestion {
        if let fixed { return fixed }
        guard let kindType = QuestionKinds.kind(named: kind) else {
            preconditionFailure("question kind '\(kind)' was checked when the exercise loaded")
        }
        let values = try VariantDrawer.resolve(parameters, exercise: exercise, student: student, question: id, location: location)
        return try kindType.prepare(QuestionParameters(values: values, location: location))
    }
}

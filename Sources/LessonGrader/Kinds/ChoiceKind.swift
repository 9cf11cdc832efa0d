import LessonCore

/// `choice`: one option out of several. The only kind whose answer is stated in the file,
/// since a choice has nothing to compute.
///
/// Keys: `choices` (a mapping of keys to option texts), `correct` (the right key), and
/// `mistakes` (optional: a wrong key mapped to the mistake that leads to it).
public enum ChoiceKind: QuestionKind {
    public static let name = "choice"
    public static let summary = "one option out of several (the right key is stated in the file)"
    public static let keys = ["choices", "correct", "mistakes"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let options = try parameters.textMap("choices")
        guard options.count >= 2 else {
            throw InputError("\(parameters.location): the key 'choices' must hold at least two options, such as {a: ..., b: ...}")
        }
        let correct = try parameters.string("correct", expected: "the key of the right option").lowercased()
        guard let right = options.first(where: { $0.key.lowercased() == correct }) else {
            throw parameters.error("correct", "'\(correct)' is not one of the options \(options.map(\.key).joined(separator: ", "))")
        }
        let mistakes = try parameters.textMap("mistakes").map { entry -> KnownMistake in
            guard options.contains(where: { $0.key.lowercased() == entry.key.lowercased() }) else {
                throw parameters.error("mistakes", "'\(entry.key)' is not one of the options")
            }
            return KnownMistake(name: entry.text, answer: .choice(entry.key.lowercased()))
        }
        return PreparedQuestion(sheet: options.map { "(\($0.key)) \($0.text)" }, expected: .choice(correct),
                                working: ["(\(right.key)) \(right.text)"], mistakes: mistakes)
    }
}

import LessonCore

extension QuestionParameters {
    /// A vector: a literal `"1 2 3"`, a list `[1, 2, 3]`, or one number.
    func vector(_ key: String) throws -> [Double] {
        try matrix(key).scalars
    }

    /// Runs an engine call; an `InputError` it throws is located in the question.
    func located<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as InputError { throw InputError("\(location): \(error.message)") }
    }

    /// A word out of `allowed`, or `fallback` when absent.
    func choice(_ key: String, _ allowed: [String], default fallback: String) throws -> String {
        let value = try optionalString(key) ?? fallback
        guard allowed.contains(value) else {
            throw error(key, "expected \(allowed.joined(separator: ", ")), found '\(value)'")
        }
        return value
    }
}

/// A mistake in what a person gave the tool: a matrix, a lesson file, an option, a submission.
///
/// The message is one sentence that says what was wrong, where, and what was expected;
/// callers that know more context (a file name, a key) wrap it with `located(in:)`.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The whole sentence shown to the person.
    public var message: String

    /// Creates an error with its sentence.
    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// The same error, prefixed by where it happened ("lessons/conv2d.yaml, line 4: ...").
    public func located(in place: String) -> InputError {
        InputError("\(place): \(message)")
    }
}

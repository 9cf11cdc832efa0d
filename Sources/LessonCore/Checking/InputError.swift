/// A mistake in what a person gave the tool: a matrix, a lesson file, an option, a submission.
///
/// The message is one sentence that says what was wrong, where, and what was expected;
/// callers that know more context (a file name, a key) wrap it with `located(in:)`.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The whole sentence shown to the person.
    public var message: String

    /// What kind of mistake it is, for callers that answer one kind in their own words.
    public var kind: Kind = .input

    /// Kinds of input mistakes.
    public enum Kind: Sendable, Equatable {
        /// The input itself is wrong.
        case input
        /// Every input is valid, but the arithmetic they lead to overflows.
        case overflow
    }

    /// Creates an error with its sentence.
    public init(_ message: String, kind: Kind = .input) {
        self.message = message
        self.kind = kind
    }

    public var description: String { message }

    /// The same error, prefixed by where it happened ("lessons/conv2d.yaml, line 4: ...").
    public func located(in place: String) -> InputError {
        InputError("\(place): \(message)", kind: kind)
    }
}

/// A recurrent network or sequence that cannot be run: the key at fault and why.
///
/// `key` is the lesson-file key (`U`, `W`, `inputs`, `targets`, `W_f`, …) so a reader can
/// point at its line; `message` is the sentence on its own.
public struct RecurrentShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key at fault.
    public var key: String
    /// One sentence saying what is wrong and what was expected.
    public var message: String

    /// Creates an error.
    public init(key: String, _ message: String) {
        self.key = key
        self.message = message
    }

    /// The sentence, prefixed by the key.
    public var description: String { "'\(key)': \(message)" }

    /// The same mistake as an `InputError`, for callers that have no file to point at.
    public var inputError: InputError { InputError(description) }
}

/// A network description that cannot be built or run: which part is wrong and why.
///
/// `layer` (0-based) and `key` say where, so a lesson-file reader can point at the line
/// (`layers[2].weights`); `message` is the sentence on its own.
public struct NetworkShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The layer at fault (0-based), or nil for a network-level key such as `target`.
    public var layer: Int?
    /// The key at fault: `weights`, `bias`, `activation`, `input`, `target`, `loss`, `l2`, `layers`.
    public var key: String
    /// One sentence saying what is wrong and what was expected.
    public var message: String

    /// Creates an error.
    public init(layer: Int? = nil, key: String, _ message: String) {
        self.layer = layer
        self.key = key
        self.message = message
    }

    /// The sentence.
    public var description: String { message }

    /// The same mistake as an `InputError`, for callers that have no file to point at.
    public var inputError: InputError { InputError(message) }
}

import Foundation
/// A mistake in what a person gave the tool: a matrix, a lesson file, an option, a submission.
///
/// An error is a value: what went wrong (`problem`, with its data) and where (`places`, the
/// outermost first: a file and line, an option, a key). The sentence shown to the person is made
/// from them at the edge (`message`); no code decides anything by reading that sentence.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Problem: Equatable, Sendable {
        /// Every input is valid, but the arithmetic they lead to overflows (the sentence says where).
        case overflow(String)
        /// An upstream gradient whose shape is not the shape of the output it flows back into.
        case upstreamShape(given: [Int], output: [Int], outputName: String)
        /// A piece of text that should be a number (`place` such as "in row 1, column 2").
        case notANumber(text: String, place: String?, reason: MatrixLiteral.NumberProblem)
        /// A matrix whose row `row` (1-based) has `count` numbers where row 1 has `firstCount`.
        case raggedRows(row: Int, count: Int, firstCount: Int)
        /// A matrix row with a comma and no number before it (1-based row and column).
        case emptyField(row: Int, column: Int)
        /// A matrix with an empty row (a `;;` or a blank line) after row `after`.
        case emptyRow(after: Int)
        /// A matrix written with brackets, NumPy-style, that is not a list of rows (`detail` says how).
        case brackets(String)
        /// A size or setting of a window along one axis outside what the operation allows.
        case outOfRange(setting: String, axis: String, value: Int, limit: Limit)
        /// Any other mistake, as one sentence.
        case described(String)
    }

    /// The bound a setting broke, and why it is there when that is not obvious.
    public enum Limit: Equatable, Sendable {
        /// The smallest value allowed.
        case atLeast(Int)
        /// The largest value allowed, and the reason said after the value.
        case atMost(Int, reason: String? = nil)
    }

    /// What went wrong.
    public var problem: Problem
    /// Where, outermost first ("lessons/conv2d.yaml, line 4", "--grad").
    public var places: [String]

    /// Creates an error with its sentence.
    public init(_ message: String) { self.init(.described(message)) }

    /// Creates an error with its sentence, of a kind.
    public init(_ message: String, kind: Kind) { self.init(kind == .overflow ? .overflow(message) : .described(message)) }

    /// The kinds of mistakes callers answer in their own words.
    public enum Kind: Sendable, Equatable {
        /// The input itself is wrong.
        case input
        /// Every input is valid, but the arithmetic they lead to overflows.
        case overflow
    }

    /// Which kind of mistake this is.
    public var kind: Kind {
        if case .overflow = problem { return .overflow }
        return .input
    }

    /// Creates an error for a problem, not yet located.
    public init(_ problem: Problem, places: [String] = []) {
        self.problem = problem
        self.places = places
    }

    /// The whole sentence shown to the person.
    public var message: String { (places + [problem.sentence]).joined(separator: ": ") }

    public var description: String { message }

    /// Whether the error already says where it happened.
    public var isLocated: Bool { !places.isEmpty }

    /// The same error, placed inside `place` ("lessons/conv2d.yaml, line 4: ...").
    public func located(in place: String) -> InputError {
        InputError(problem, places: [place] + places)
    }
}

extension InputError.Problem {
    /// The problem as a sentence, without its place.
    public var sentence: String {
        switch self {
        case .upstreamShape(let given, let output, let name):
            return "the upstream gradient is \(Notation.shape(given)) but the \(name) is \(Notation.shape(output)); it needs one value per output cell"
        case .notANumber(let text, let place, let reason):
            return "'\(Excerpt.quote(text))'\(place.map { " " + $0 } ?? "") \(reason.message)"
        case .raggedRows(let row, let count, let firstCount):
            return "row \(row) has \(count) \(Counted.noun(count, "number")) but row 1 has \(firstCount); every row needs the same count"
        case .emptyField(let row, let column):
            return "row \(row), column \(column) is empty: two commas with no number between them (or a comma at an end of the row)"
        case .emptyRow(let after):
            return "the matrix has an empty row after row \(after); remove it, or write the missing numbers"
        case .brackets(let detail):
            return "\(detail); write a matrix as [[1, 0, 3], [0, 3, 4]] or as \"1 0 3; 0 3 4\""
        case .outOfRange(let setting, let axis, let value, .atLeast(let bound)):
            return "\(setting) must be \(bound) or more along the \(axis), got \(String(value).replacingOccurrences(of: "-", with: "−"))"
        case .outOfRange(let setting, let axis, let value, .atMost(let bound, let reason)):
            return "\(setting) must be at most \(bound) along the \(axis), got \(String(value).replacingOccurrences(of: "-", with: "−"))" + (reason.map { "; " + $0 } ?? "")
        case .described(let text), .overflow(let text):
            return text
        }
    }
}

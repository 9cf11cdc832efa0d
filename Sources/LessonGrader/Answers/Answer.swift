import LessonCore

/// An answer to one question, expected (computed by the engine) or given (read from a submission).
public enum Answer: Equatable, Hashable, Sendable {
    /// A whole number, graded exactly (a parameter count, an output size).
    case integer(Int)
    /// A real number, graded with the question's tolerance.
    case number(Double)
    /// A matrix (or vector), graded cell by cell with partial credit.
    case matrix(Tensor)
    /// A shape such as 11×11×8, graded exactly.
    case shape([Int])
    /// One option of a choice question, by its key.
    case choice(String)

    /// The answer type's name, as exercise files and feedback write it.
    public var typeName: String {
        switch self {
        case .integer: return "integer"
        case .number: return "number"
        case .matrix: return "matrix"
        case .shape: return "shape"
        case .choice: return "choice"
        }
    }

    /// The answer as feedback prints it: `8,586`, `11×11×8`, `2 5 −1; −15 −7 2; 31 −6 1`.
    public var text: String { text(decimals: 6) }

    /// The answer with numbers rounded to `decimals` (whole numbers, shapes and choices as they are).
    public func text(decimals: Int) -> String {
        switch self {
        case .integer(let n): return Notation.grouped(n)
        case .number(let x): return Notation.number(x, decimals: decimals)
        case .matrix(let m): return Notation.inlineMatrix(m, decimals: decimals)
        case .shape(let s): return Notation.shape(s)
        case .choice(let c): return c
        }
    }
}

import ArgumentParser
import LessonCore

/// Reads a number option the way matrix literals read numbers: `−`, fractions such as
/// `13/9`, and only finite values (`nan`, `inf` and overflowing values are refused).
public enum FiniteNumber {
    /// The value of `text`, or a `ValidationError` with one sentence saying why it has none.
    @Sendable public static func parse(_ text: String) throws -> Double {
        switch MatrixLiteral.read(text) {
        case .success(let value): return value
        case .failure(let problem): throw ValidationError("it \(problem.message)")
        }
    }
}

import LessonCore

/// Pieces of text every lesson writes the same way.
enum LessonText {
    /// `name (rows×columns):` and the matrix below it.
    static func matrix(_ name: String, _ tensor: Tensor) -> [String] {
        ["\(name) (\(Notation.shape(tensor.shape))):", Notation.matrix(tensor)]
    }

    /// The output-size formula, then each axis filled in.
    static func outputSize(_ formula: String, rows: String, columns: String) -> [String] {
        ["Output size: \(formula)", "  rows:    " + rows, "  columns: " + columns]
    }
}

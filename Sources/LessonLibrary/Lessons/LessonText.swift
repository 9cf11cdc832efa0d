import LessonCore

/// Pieces of text every lesson writes the same way.
enum LessonText {
    /// What one gradient step did to the loss: "lower"; "unchanged: α is too small to move it"
    /// where the loss is the same to the last bit (α = 1e-320); "not lower: α is too large for
    /// this step" where it rose.
    static func lossChange(before: Double, after: Double) -> String {
        if after < before { return "lower" }
        if after == before { return "unchanged: α is too small to move it" }
        return "not lower: α is too large for this step"
    }

    /// `name (rows×columns):` and the matrix below it.
    static func matrix(_ name: String, _ tensor: Tensor) -> [String] {
        ["\(name) (\(Notation.shape(tensor.shape))):", Notation.matrix(tensor)]
    }

    /// The output-size formula, then each axis filled in.
    static func outputSize(_ formula: String, rows: String, columns: String) -> [String] {
        ["Output size: \(formula)", "  rows:    " + rows, "  columns: " + columns]
    }
}

/// A count with its noun in the right number: "1 question", "9 questions", "20,000 variants";
/// or the noun alone where the count is written another way ("3 steps", "examples 1, 2").
public enum Counted {
    /// `count` grouped by thousands and the noun, plural unless the count is 1 (`plural` defaults
    /// to the noun + "s").
    public static func of(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(Notation.grouped(count)) \(noun(count, singular, plural: plural))"
    }

    /// The noun alone, in the number `count` asks for: `singular` for 1, else `plural` (the noun + "s").
    public static func noun(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }
}

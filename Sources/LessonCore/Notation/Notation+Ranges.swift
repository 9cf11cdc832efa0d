extension Notation {
    /// A 0-based inclusive range of indices as the slides write it, 1-based: `2–4`.
    public static func span(_ range: ClosedRange<Int>, offset: Int = 0) -> String {
        "\(range.lowerBound + 1 - offset)–\(range.upperBound + 1 - offset)"
    }
}

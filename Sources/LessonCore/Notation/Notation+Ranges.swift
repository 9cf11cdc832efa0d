extension Notation {
    /// A 0-based inclusive range of indices as the slides write it, 1-based: `2–4`.
    public static func span(_ range: ClosedRange<Int>, offset: Int = 0) -> String {
        // A window that starts in the padding begins below 1: written with the true minus, "−1–3".
        "\(number(Double(range.lowerBound + 1 - offset)))–\(number(Double(range.upperBound + 1 - offset)))"
    }
}

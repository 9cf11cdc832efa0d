/// Whole numbers with thousands separators, as the notes and Keras's summary print them.
extension Notation {
    /// Writes `8586` as `8,586` and `-1234` as `−1,234`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? minus + out : out
    }
}

extension Color {
    /// The colour as CSS writes it, `#RRGGBB` (alpha ignored), components rounded to 8 bits.
    public var hexString: String {
        func byte(_ value: Double) -> String {
            let b = Int((max(0, min(1, value)) * 255).rounded())
            let digits = String(b, radix: 16, uppercase: true)
            return b < 16 ? "0" + digits : digits
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }
}

import Foundation

extension Color {
    /// The relative luminance of the colour (WCAG 2.x): the sRGB components linearised,
    /// L = 0.2126 R + 0.7152 G + 0.0722 B, from 0 (black) to 1 (white). Alpha is ignored.
    public var relativeLuminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// The WCAG contrast ratio with `other`, (L₁ + 0.05) / (L₂ + 0.05) with L₁ the lighter:
    /// 1 for equal colours, 21 for black on white. AA asks 4.5 for text.
    public func contrast(with other: Color) -> Double {
        let a = relativeLuminance, b = other.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// The opaque colour this one gives painted over `background` (source-over, in sRGB as Cairo does).
    public func composited(over background: Color) -> Color {
        Color(red: red * alpha + background.red * (1 - alpha), green: green * alpha + background.green * (1 - alpha),
              blue: blue * alpha + background.blue * (1 - alpha))
    }
}

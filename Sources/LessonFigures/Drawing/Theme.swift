/// The colours and fonts every figure uses, so all lessons share one look.
///
/// Roles, not hues: the window being read is `highlight` (orange), the cell being written
/// is `current` (blue), finished results are `done` (bluish green), padding is `padding`.
public struct Theme: Sendable, Equatable {
    /// A name for file metadata and figures.json ("light" or "dark").
    public var name: String
    public var background: Color
    public var foreground: Color
    public var muted: Color
    public var gridLine: Color
    public var cellFill: Color
    public var padding: Color
    public var highlight: Color
    public var current: Color
    public var done: Color
    public var negative: Color
    public var positive: Color
    /// The font family for all text (fixed, so figures are the same on every machine that has it).
    public var fontFamily: String

    /// Dark text on white: for slides with a light background and for print.
    public static let light = Theme(
        name: "light", background: Color(hex: 0xFFFFFF), foreground: Color(hex: 0x1A1A1A), muted: Color(hex: 0x6B6B6B),
        gridLine: Color(hex: 0x9A9A9A), cellFill: Color(hex: 0xFFFFFF), padding: Color(hex: 0xE4E4E4),
        highlight: Palette.orange, current: Palette.blue, done: Palette.bluishGreen,
        negative: Palette.vermillion, positive: Palette.blue, fontFamily: "DejaVu Sans")

    /// Light text on near-black: for dark slide decks and dim lecture halls.
    public static let dark = Theme(
        name: "dark", background: Color(hex: 0x121212), foreground: Color(hex: 0xF2F2F2), muted: Color(hex: 0xA8A8A8),
        gridLine: Color(hex: 0x6E6E6E), cellFill: Color(hex: 0x1E1E1E), padding: Color(hex: 0x383838),
        highlight: Palette.orange, current: Palette.skyBlue, done: Palette.bluishGreen,
        negative: Palette.vermillion, positive: Palette.skyBlue, fontFamily: "DejaVu Sans")

    /// The theme with this name, if any.
    public static func named(_ name: String) -> Theme? {
        switch name { case "light": return .light; case "dark": return .dark; default: return nil }
    }
}

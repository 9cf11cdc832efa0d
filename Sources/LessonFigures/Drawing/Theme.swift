/// The colours and fonts every figure uses, so all lessons share one look.
///
/// Roles, not hues: the window being read is `highlight` (orange), the cell being written
/// is `current` (blue), finished results are `done` (bluish green), padding is `padding`.
public struct Theme: Sendable, Equatable {
    /// A name for file metadata, figures.json and the output folder ("light", "dark", "high-contrast").
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
    /// How much stronger than asked the `done` tint is (`doneFill`): on a dark background a faint
    /// green is hard to tell from an empty cell, so the dark theme doubles it.
    public var doneStrength: Double = 1

    /// Dark text on white: for slides with a light background and for print.
    public static let light = Theme(
        name: "light", background: Color(hex: 0xFFFFFF), foreground: Color(hex: 0x1A1A1A), muted: Color(hex: 0x5C5C5C),
        gridLine: Color(hex: 0x9A9A9A), cellFill: Color(hex: 0xFFFFFF), padding: Color(hex: 0xE4E4E4),
        highlight: Palette.orange, current: Palette.blue, done: Palette.bluishGreen,
        negative: Palette.vermillion, positive: Palette.blue, fontFamily: "DejaVu Sans")

    /// Light text on near-black: for dark slide decks and dim lecture halls.
    public static let dark = Theme(
        name: "dark", background: Color(hex: 0x121212), foreground: Color(hex: 0xF2F2F2), muted: Color(hex: 0xA8A8A8),
        gridLine: Color(hex: 0x6E6E6E), cellFill: Color(hex: 0x1E1E1E), padding: Color(hex: 0x383838),
        highlight: Palette.orange, current: Palette.skyBlue, done: Palette.bluishGreen,
        negative: Palette.vermillion, positive: Palette.skyBlue, fontFamily: "DejaVu Sans", doneStrength: 2.4)

    /// Black on white with darker lines and greys, for washed-out projectors and bright halls.
    public static let highContrast = Theme(
        name: "high-contrast", background: Color(hex: 0xFFFFFF), foreground: Color(hex: 0x000000), muted: Color(hex: 0x333333),
        gridLine: Color(hex: 0x000000), cellFill: Color(hex: 0xFFFFFF), padding: Color(hex: 0xD0D0D0),
        highlight: Palette.orange, current: Palette.blue, done: Palette.bluishGreen,
        negative: Palette.vermillion, positive: Palette.blue, fontFamily: "DejaVu Sans", doneStrength: 1.6)

    /// Every theme, in the order the command line lists them.
    public static let all: [Theme] = [.light, .dark, .highContrast]

    /// The theme with this name, if any.
    public static func named(_ name: String) -> Theme? {
        all.first { $0.name == name }
    }

    /// The fill of a finished cell: `done` at `alpha` (times `doneStrength`, at most 1).
    public func doneFill(_ alpha: Double) -> Color { done.withAlpha(min(1, alpha * doneStrength)) }

    /// `text` if it reads on `fill` (painted over the cell colour) with a WCAG contrast of at
    /// least 4.5, else the foreground, else black or white, whichever contrasts more (one of
    /// them always reaches 4.5).
    public func readable(_ text: Color, on fill: Color) -> Color {
        let behind = fill.composited(over: cellFill.composited(over: background))
        for candidate in [text, foreground] where candidate.composited(over: behind).contrast(with: behind) >= 4.5 {
            return candidate
        }
        let black = Color(hex: 0x000000), white = Color(hex: 0xFFFFFF)
        return black.contrast(with: behind) >= white.contrast(with: behind) ? black : white
    }
}

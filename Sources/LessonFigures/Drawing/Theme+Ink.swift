extension Theme {
    /// The WCAG AA contrast asked of text (4.5:1).
    public static let textContrast = 4.5

    /// The colour to write text of `color` in on this theme's background and cell colour: the
    /// colour itself when it reaches `textContrast` on both, else the same hue mixed towards the
    /// foreground in steps of 5 % until it does (orange labels on white become a dark orange,
    /// blue ones on near-black a light blue). Greys, black and white are left as they are: they
    /// are chosen for the fill they sit on (`readable`), which may not be the background.
    public func ink(_ color: Color) -> Color {
        let chroma = max(color.red, color.green, color.blue) - min(color.red, color.green, color.blue)
        guard chroma > 0.08 else { return color }
        func reads(_ candidate: Color) -> Bool {
            [background, cellFill.composited(over: background)].allSatisfy {
                candidate.withAlpha(1).composited(over: $0).contrast(with: $0) >= Self.textContrast
            }
        }
        for step in 0...20 {
            let candidate = color.withAlpha(1).mixed(with: foreground, amount: Double(step) / 20)
            if reads(candidate) { return candidate.withAlpha(color.alpha) }
        }
        return foreground.withAlpha(color.alpha)
    }
}

import LessonCore
import LessonFigures
import Testing

/// Text that can be read from the back of a hall, and colours that keep it readable.
@Suite struct ProjectorTextTests {
    /// Every run of text of `figure` drawn at 1280×720 (SVG points = pixels of a 1280 px slide).
    private func texts(_ figure: Figure, textScale: Double = 1) throws -> [DrawnText] {
        try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, textScale: textScale)).drawnText
    }

    private func isNumber(_ text: String) -> Bool { Double(text.replacingOccurrences(of: "−", with: "-")) != nil }

    /// The 5×5 example: no text under 18 px, every number in a cell 24 px or more.
    @Test func convolutionFramesHaveNoTextUnder18PxAndCellNumbersOf24() throws {
        for figure in try Fixtures.exampleFrames() {
            for run in try texts(figure) {
                #expect(run.size >= 18 - 1e-9, "\(figure.name): '\(run.text)' at \(run.size) px")
                if isNumber(run.text) { #expect(run.size >= 24 - 1e-9, "\(figure.name): number '\(run.text)' at \(run.size) px") }
            }
        }
    }

    /// `--text-scale 1.25`: the sum caption and every cell number get bigger (those that must fit
    /// a width are only allowed to shrink back to fit it).
    @Test func textScaleMakesTextBiggerOnTheSameCanvas() throws {
        let figure = try Fixtures.exampleFrames()[0]
        let plain = try texts(figure), bigger = try texts(figure, textScale: 1.25)
        #expect(plain.count == bigger.count)
        let title = try #require(plain.first), scaledTitle = try #require(bigger.first)
        #expect(abs(scaledTitle.size - title.size * 1.25) < 0.01, "\(title.size) → \(scaledTitle.size)")
        for (a, b) in zip(plain, bigger) { #expect(b.size >= a.size - 1e-9, "'\(a.text)': \(a.size) → \(b.size)") }
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg, textScale: 1.25))
        #expect(surface.width == 1280 && surface.height == 720)
    }

    /// Caption lines stay a line and a half of their drawn size apart at every text scale (at
    /// 1.5 they were drawn 1.45 unscaled sizes apart, so 1.5× text overlapped), and the last
    /// line keeps its place at the bottom.
    @Test func captionLinesKeepTheirDistanceWhenTextIsScaled() throws {
        let lines = ["z[1,1] = 1×1 + 0×(−1) + 3×0 = 1", "z[1,2] = 0×1 + 3×(−1) + 0×0 = −3", "the third line of the caption"]
        let figure = Figure(name: "caption", description: "Three caption lines.") { canvas in
            Caption.lines(lines, on: canvas, width: 1280, bottom: 690, size: 24)
        }
        for scale in [1.0, 1.25, 1.5, 2] {
            let runs = try texts(figure, textScale: scale)
            #expect(runs.map(\.text) == lines, "scale \(scale)")
            for (above, below) in zip(runs, runs.dropFirst()) {
                #expect(abs(below.size - 24 * scale) < 0.01)
                #expect(below.y - above.y >= 1.45 * below.size - 1e-6, "scale \(scale): '\(above.text)' at y \(above.y), '\(below.text)' at y \(below.y), \(below.size) px")
            }
        }
    }

    /// A sum too long for one line breaks before a "+": the broken line ends on a term, the next
    /// starts "+ ", and together they are the sum (the operator is not written twice).
    @Test func aLongSumBreaksBeforeAPlus() throws {
        let terms = (1...18).map { "\($0)×(−0.25)" }
        let sum = "z[1,1] = " + terms.joined(separator: " + ") + " = −42.75"
        let figure = Figure(name: "caption", description: "A long sum.") { canvas in
            Caption.lines([sum], on: canvas, width: 1280, bottom: 690, size: 24)
        }
        let runs = try texts(figure, textScale: 1).map(\.text)
        #expect(runs.count >= 2, "\(runs)")
        for (line, next) in zip(runs, runs.dropFirst()) {
            #expect(!line.hasSuffix("+") && next.hasPrefix("+ "), "\(runs)")
        }
        #expect(runs.joined(separator: " ") == sum)
    }

    /// Foreground and muted text on the background, the cell colour and padding reach WCAG AA
    /// (4.5:1) in every theme; on any tint the grid uses, `readable` picks a colour that does.
    @Test func everyThemeKeepsTextAtAContrastOfFourAndAHalf() {
        for theme in Theme.all {
            for (textName, text) in [("foreground", theme.foreground), ("muted", theme.muted)] {
                for (fillName, fill) in [("background", theme.background), ("cell", theme.cellFill), ("padding", theme.padding)] {
                    let behind = fill.composited(over: theme.background)
                    #expect(text.contrast(with: behind) >= 4.5,
                            "\(theme.name): \(textName) on \(fillName) is \(text.contrast(with: behind))")
                }
            }
            let roles = [theme.highlight, theme.current, theme.done, theme.negative, theme.positive, theme.padding]
            for tint in roles {
                for step in 0...20 {
                    let fill = tint.withAlpha(Double(step) / 20)
                    let behind = fill.composited(over: theme.cellFill.composited(over: theme.background))
                    for text in [theme.foreground, theme.muted, theme.negative, theme.positive, theme.highlight] {
                        let chosen = theme.readable(text, on: fill)
                        #expect(chosen.contrast(with: behind) >= 4.5, "\(theme.name): \(chosen) on \(behind)")
                    }
                }
            }
        }
        #expect(Color(hex: 0x000000).contrast(with: Color(hex: 0xFFFFFF)) > 20.99)
    }

    /// On the dark theme a finished cell is told apart from an empty one (a tint of 1.45:1 or
    /// more, where the faint green used to give 1.19:1).
    @Test func darkDoneCellsDifferFromEmptyOnes() {
        for alpha in [0.12, 0.14, 0.15, 0.16, 0.18, 0.2] {
            let theme = Theme.dark
            let done = theme.doneFill(alpha).composited(over: theme.cellFill)
            #expect(done.contrast(with: theme.cellFill) >= 1.45, "done at \(alpha): \(done.contrast(with: theme.cellFill))")
        }
    }

    /// Coloured text: every role colour and every Okabe–Ito colour, written through `ink`, reads
    /// at 4.5:1 on the background and the cell colour of every theme; a colour that already reads
    /// is kept, one that does not keeps its hue (its strongest channel stays the strongest).
    @Test func colouredTextReachesFourAndAHalfInEveryTheme() {
        let palette: [(String, Color)] = [("orange", Palette.orange), ("sky blue", Palette.skyBlue),
                                          ("bluish green", Palette.bluishGreen), ("yellow", Palette.yellow),
                                          ("blue", Palette.blue), ("vermillion", Palette.vermillion),
                                          ("reddish purple", Palette.reddishPurple)]
        for theme in Theme.all {
            let roles: [(String, Color)] = [("highlight", theme.highlight), ("current", theme.current), ("done", theme.done),
                                            ("negative", theme.negative), ("positive", theme.positive)]
            for (name, color) in roles + palette {
                let ink = theme.ink(color)
                for (fillName, fill) in [("background", theme.background), ("cell", theme.cellFill.composited(over: theme.background))] {
                    #expect(ink.contrast(with: fill) >= 4.5,
                            "\(theme.name): \(name) text on \(fillName) is \(ink.contrast(with: fill)):1")
                }
                if color.contrast(with: theme.background) >= 4.5 && color.contrast(with: theme.cellFill.composited(over: theme.background)) >= 4.5 {
                    #expect(ink == color, "\(theme.name): \(name) already reads and must be kept")
                } else {
                    #expect(ink != color, "\(theme.name): \(name) at \(color.contrast(with: theme.background)):1 must change")
                }
                let channels = [color.red, color.green, color.blue], inked = [ink.red, ink.green, ink.blue]
                let strongest = channels.indices.max { channels[$0] < channels[$1] } ?? 0
                #expect(inked.indices.allSatisfy { inked[$0] <= inked[strongest] + 1e-9 }, "\(theme.name): \(name) keeps its hue: \(ink)")
            }
            // Greys are chosen for the fill they sit on (`readable`) and are never changed.
            for grey in [theme.foreground, theme.muted, Color(hex: 0x000000), Color(hex: 0xFFFFFF)] {
                #expect(theme.ink(grey) == grey)
            }
        }
        // Orange on white is 2.25:1, the reason for `ink`.
        #expect(abs(Palette.orange.contrast(with: Color(hex: 0xFFFFFF)) - 2.25) < 0.01)
    }
}

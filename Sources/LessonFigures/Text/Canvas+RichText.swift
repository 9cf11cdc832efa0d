/// Subscripts and superscripts: `δ_1`, `W^(2)`, `δ_1^(2)` (see `RichText` for the markup), and
/// the ⋆ operator drawn as large as ∗.
extension Canvas {
    /// How much smaller a subscript or superscript is than the text it follows.
    static let scriptScale = 0.68

    /// The size a script is not drawn under unless the text it follows is (the projector floor
    /// of a 1280×720 slide): a caption at 20 px gets 18 px subscripts, one at 30 px 20.4 px ones.
    static let scriptFloor = 18.0

    /// The size of a script following text of `size`.
    static func scriptSize(_ size: Double) -> Double { max(size * scriptScale, min(size, scriptFloor)) }

    /// The width of `markup` drawn as rich text at this size and weight.
    public func richTextWidth(_ markup: String, size: Double, weight: FontWeight = .normal) -> Double {
        richWidth(RichText.parse(markup), size: size, weight: weight)
    }

    /// The largest font size ≤ `size` at which the rich text `markup` fits in `maxWidth`.
    public func fittingRichSize(_ markup: String, size: Double, maxWidth: Double, weight: FontWeight = .normal) -> Double {
        let width = richTextWidth(markup, size: size, weight: weight)
        return width <= maxWidth || width == 0 ? size : size * maxWidth / width
    }

    /// Draws `markup` with subscripts lowered and superscripts raised, vertically centred on y
    /// like `text(_:x:y:size:_:align:weight:)`. A subscript directly followed by a
    /// superscript (or the other way round) is stacked on the same spot, as in δ₁⁽²⁾.
    public func richText(_ markup: String, x: Double, y: Double, size: Double, _ color: Color,
                         align: TextAlignment = .center, weight: FontWeight = .normal) {
        drawRich(RichText.parse(markup), x: x, y: y, size: size, color, align: align, weight: weight)
    }

    /// The width of `rich` at this size and weight.
    func richWidth(_ rich: RichText, size: Double, weight: FontWeight) -> Double {
        placed(rich, size: size, weight: weight).width
    }

    /// Draws `rich` piece by piece and records it as one run whose spans are the pieces, so the
    /// SVG's text layer keeps the whole text in one `<text>` (each piece a `<tspan>`).
    func drawRich(_ rich: RichText, x: Double, y: Double, size: Double, _ color: Color, align: TextAlignment,
                  weight: FontWeight) {
        let layout = placed(rich, size: size, weight: weight)
        let left: Double
        switch align {
        case .left: left = x
        case .center: left = x - layout.width / 2
        case .right: left = x - layout.width
        }
        let baseline = y + Canvas.capHeight(size * textScale) / 2
        let drawn = layout.pieces.compactMap { piece in
            paintText(piece.text, baselineX: left + piece.x, baselineY: baseline + piece.dy, size: piece.size, color, weight: weight)
        }
        guard let first = drawn.first else { return }
        var run = deviceRun(drawn.map(\.text).joined(), baselineX: left, baselineY: baseline, size: size, width: layout.width,
                            first.color, weight: weight)
        run.spans = drawn.map { DrawnText.Span(text: $0.text, x: $0.x, y: $0.y, size: $0.size) }
        surface.record(run)
    }

    /// A run placed relative to the start of the baseline.
    private struct Piece { var text: String; var x: Double; var dy: Double; var size: Double }

    /// Places the runs of `rich`: widths from the font, scripts smaller and shifted, every ⋆ of
    /// the base text enlarged to the ink box of ∗ and centred on ∗'s height (most fonts draw
    /// ⋆ a third smaller than ∗ and ×, which it stands beside in the notes).
    private func placed(_ rich: RichText, size: Double, weight: FontWeight) -> (pieces: [Piece], width: Double) {
        let scriptSize = Canvas.scriptSize(size), drawnSize = size * textScale
        var pieces: [Piece] = []
        var x = 0.0
        var stack: (start: Double, width: Double, position: RichText.Position)?
        for run in rich.runs {
            let text = run.literal ? run.text : Typography.trueMinus(run.text)
            switch run.position {
            case .base:
                stack = nil
                for part in run.literal ? [text] : RichText.starParts(text) {
                    if part == RichText.star {
                        let star = starPlacement(size: size, weight: weight)
                        pieces.append(Piece(text: part, x: x, dy: star.dy, size: star.size))
                        x += advance(of: part, size: star.size, weight: weight)
                    } else {
                        pieces.append(Piece(text: part, x: x, dy: 0, size: size))
                        x += advance(of: part, size: size, weight: weight)
                    }
                }
            case .subscripted, .superscripted:
                let width = advance(of: text, size: scriptSize, weight: weight)
                let dy = run.position == .subscripted ? drawnSize * 0.24 : -drawnSize * 0.42
                if let open = stack, open.position != run.position {
                    // Stack on the previous script instead of after it.
                    pieces.append(Piece(text: text, x: open.start, dy: dy, size: scriptSize))
                    x = open.start + max(open.width, width)
                    stack = nil
                } else {
                    pieces.append(Piece(text: text, x: x + size * 0.03, dy: dy, size: scriptSize))
                    stack = (x + size * 0.03, width, run.position)
                    x += width + size * 0.06
                }
            }
        }
        return (pieces, x)
    }

    /// The size of a ⋆ standing in text of `size` (its ink box as large as ∗'s: the geometric
    /// mean of the width and height ratios) and how far its baseline moves so its ink is
    /// centred where ∗'s is; measured in the canvas's font.
    private func starPlacement(size: Double, weight: FontWeight) -> (size: Double, dy: Double) {
        let asterisk = ink(of: "∗", size: size, weight: weight), star = ink(of: RichText.star, size: size, weight: weight)
        let starHeight = star.bottom - star.top, asteriskHeight = asterisk.bottom - asterisk.top
        guard star.width > 0, starHeight > 0, asterisk.width > 0 else { return (size, 0) }
        let scale = (asterisk.width / star.width * asteriskHeight / starHeight).squareRoot()
        // Ink scales with the size, so the enlarged ⋆'s centre is the measured one times `scale`.
        let dy = (asterisk.top + asterisk.bottom) / 2 - scale * (star.top + star.bottom) / 2
        return (size * scale, dy)
    }
}

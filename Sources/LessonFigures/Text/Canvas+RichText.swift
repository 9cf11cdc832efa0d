/// Subscripts and superscripts: `δ_1`, `W^(2)`, `δ_1^(2)` (see `RichText` for the markup).
extension Canvas {
    /// How much smaller a subscript or superscript is than the text it follows.
    static let scriptScale = 0.68

    /// The width of `markup` drawn as rich text at this size and weight.
    public func richTextWidth(_ markup: String, size: Double, weight: FontWeight = .normal) -> Double {
        placed(RichText.parse(markup), size: size, weight: weight).width
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
        let layout = placed(RichText.parse(markup), size: size, weight: weight)
        let left: Double
        switch align {
        case .left: left = x
        case .center: left = x - layout.width / 2
        case .right: left = x - layout.width
        }
        let baseline = y + Canvas.capHeight(size * textScale) / 2
        for piece in layout.pieces {
            showText(piece.text, baselineX: left + piece.x, baselineY: baseline + piece.dy, size: piece.size, color,
                     weight: weight)
        }
    }

    /// A run placed relative to the start of the baseline.
    private struct Piece { var text: String; var x: Double; var dy: Double; var size: Double }

    /// Places the runs of `rich`: widths from the font, scripts smaller and shifted.
    private func placed(_ rich: RichText, size: Double, weight: FontWeight) -> (pieces: [Piece], width: Double) {
        let scriptSize = size * Canvas.scriptScale
        var pieces: [Piece] = []
        var x = 0.0
        var stack: (start: Double, width: Double, position: RichText.Position)?
        for run in rich.runs {
            let text = Typography.trueMinus(run.text)
            switch run.position {
            case .base:
                stack = nil
                pieces.append(Piece(text: text, x: x, dy: 0, size: size))
                x += textWidth(text, size: size, weight: weight)
            case .subscripted, .superscripted:
                let width = textWidth(text, size: scriptSize, weight: weight)
                let dy = run.position == .subscripted ? size * 0.24 : -size * 0.42
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
}

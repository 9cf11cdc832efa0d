import CCairo

/// Text on a plate: labels that stay readable where they cross lines (weights on edges).
extension Canvas {
    /// Draws `text` centred at (x, y) on a rounded-off plate of `background`, returning the
    /// plate's width.
    @discardableResult
    public func plateLabel(_ text: String, x: Double, y: Double, size: Double, _ color: Color, background: Color,
                           weight: FontWeight = .normal) -> Double {
        let (width, height) = plateSize(text, size: size, weight: weight)
        fillRect(x: x - width / 2, y: y - height / 2, width: width, height: height, background)
        self.text(text, x: x, y: y, size: size, color, weight: weight)
        return width
    }

    /// The size of the plate `plateLabel` draws behind `text`.
    public func plateSize(_ text: String, size: Double, weight: FontWeight = .normal) -> (width: Double, height: Double) {
        // The text is drawn `textScale` times `size`; its plate grows with it.
        (textWidth(text, size: size, weight: weight) + size * textScale * 0.6, size * textScale * 1.3)
    }

    /// The centre nearest `x` at which `text`, centred, stays inside a slide `slideWidth` wide
    /// (by default the canvas's; a column label under the first column grows past the edge
    /// with `--text-scale`).
    public func centerOnSlide(_ text: String, x: Double, size: Double, weight: FontWeight = .normal,
                              slideWidth: Double? = nil, margin: Double = 4) -> Double {
        centerOnSlide(width: textWidth(text, size: size, weight: weight), x: x, slideWidth: slideWidth, margin: margin)
    }

    /// The centre nearest `x` at which a text `width` wide (as drawn), centred, stays inside a
    /// slide `slideWidth` wide (by default the canvas's).
    public func centerOnSlide(width: Double, x: Double, slideWidth: Double? = nil, margin: Double = 4) -> Double {
        let slideWidth = slideWidth ?? self.slideWidth
        let half = width / 2 + margin
        return half * 2 >= slideWidth ? slideWidth / 2 : min(max(x, half), slideWidth - half)
    }

    /// The width of the slide in the units figures draw in (the surface's width at scale 1).
    public var slideWidth: Double {
        var width = surface.width, height = 0.0
        cairo_device_to_user_distance(pointer, &width, &height)
        return width
    }

    /// A filled box with an outline: a unit of a network or a node of a graph.
    public func box(x: Double, y: Double, width: Double, height: Double, fill: Color, stroke: Color,
                    lineWidth: Double = 2) {
        fillRect(x: x, y: y, width: width, height: height, fill)
        strokeRect(x: x, y: y, width: width, height: height, stroke, lineWidth: lineWidth)
    }
}

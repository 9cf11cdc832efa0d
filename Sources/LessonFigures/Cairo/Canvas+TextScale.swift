/// `--text-scale` draws text larger; text fitted into room that shrank while everything else
/// grew (a box, a gap, a column) may give up that growth, but is never drawn smaller than the
/// figure draws it at text scale 1.
extension Canvas {
    /// The size `fittingSize` gives `text` at text scale 1 in `maxWidth`: the size it is drawn at
    /// without `--text-scale` (widths measured at this scale are divided by it).
    public func unscaledFittingSize(_ text: String, size: Double, maxWidth: Double, weight: FontWeight = .normal) -> Double {
        let width = textWidth(text, size: size, weight: weight) / textScale
        return width <= maxWidth || width == 0 ? size : size * maxWidth / width
    }

    /// `size`, or the size at which text is drawn as large as `unscaled` (its size at text scale 1)
    /// where `size` would draw it smaller at this scale.
    public func atLeastUnscaled(_ size: Double, _ unscaled: Double) -> Double {
        max(size, unscaled / textScale)
    }
}

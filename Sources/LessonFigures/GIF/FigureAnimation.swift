/// The frames of a lesson variant as one animated GIF: what teachers paste into slides.
///
/// Each figure is drawn as a PNG frame would be (same theme and scale) and shown for
/// `delay` hundredths of a second; the last frame stays for `lastDelay` so the finished
/// result can be read before the loop starts again.
public enum FigureAnimation {
    /// Two seconds per frame: time to read a step's sum aloud.
    public static let delay = 200
    /// Five seconds on the last frame before the loop restarts.
    public static let lastDelay = 500

    /// The figures a GIF steps through: the step frames in order, or every figure when
    /// none shows a step (a plot or a summary).
    public static func frames(of figures: [Figure]) -> [Figure] {
        let steps = figures.filter { $0.step != nil }
        return steps.isEmpty ? figures : steps
    }

    /// The GIF of `figures` (all of them, in order), frames drawn with `options` (its format is ignored).
    public static func render(_ figures: [Figure], options: RenderOptions, delay: Int = delay,
                              lastDelay: Int = lastDelay) throws -> [UInt8] {
        guard !figures.isEmpty else { throw GIFError("an animation needs at least one frame") }
        var frameOptions = options
        frameOptions.format = .png
        let width = figures.map { Int(($0.width * options.scale).rounded(.up)) }.max() ?? 1
        let height = figures.map { Int(($0.height * options.scale).rounded(.up)) }.max() ?? 1
        let animation = try GIFAnimation(width: width, height: height)
        for (index, figure) in figures.enumerated() {
            let pixels = try FigureRenderer.surface(for: figure, options: frameOptions).rgb()
            try animation.add(rgb: pixels.bytes, frameWidth: pixels.width, frameHeight: pixels.height,
                              delay: index == figures.count - 1 ? lastDelay : delay)
        }
        return try animation.finish()
    }
}

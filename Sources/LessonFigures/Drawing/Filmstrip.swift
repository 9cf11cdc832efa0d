/// All the steps of a trace in one image, for handouts: every frame of a lesson drawn
/// scaled down into a grid of tiles, row by row, each labelled with its step.
///
/// Built from any lesson's `[Figure]` by running each frame's own drawing code on a scaled,
/// clipped canvas: no lesson needs code of its own for it. A frame's backdrop is painted from a
/// raster drawn once at the tile's scale where that gives the same pixels (`Backdrop.paint`).
public enum Filmstrip {
    /// Where the tiles of a filmstrip sit; public so tests can look at the right pixels.
    public struct Layout: Sendable, Equatable {
        /// The grid of tiles.
        public var columns: Int
        public var rows: Int
        /// The size of one tile, and the scale a frame is drawn at to fill it.
        public var tileWidth: Double
        public var tileHeight: Double
        public var scale: Double
        /// The whole figure.
        public var width: Double
        public var height: Double

        static let margin = 24.0, gap = 16.0, titleHeight = 64.0, labelHeight = 30.0

        /// The top-left corner of tile `index` (0-based, row by row).
        public func tileOrigin(_ index: Int) -> (x: Double, y: Double) {
            let column = index % columns, row = index / columns
            return (Layout.margin + Double(column) * (tileWidth + Layout.gap),
                    Layout.titleHeight + Double(row) * (tileHeight + Layout.labelHeight + Layout.gap))
        }
    }

    /// Tiles for `count` frames of `frameWidth` × `frameHeight`, in about as many columns as rows
    /// (⌈√count⌉ columns), each `tileWidth` wide, narrower for long traces so the image stays
    /// within 3600 units.
    public static func layout(count: Int, frameWidth: Double, frameHeight: Double, tileWidth: Double = 400) -> Layout {
        precondition(count > 0 && frameWidth > 0 && frameHeight > 0, "a filmstrip needs at least one frame with a size")
        let columns = Int(Double(count).squareRoot().rounded(.up))
        let tileWidth = min(tileWidth, (3600 - 2 * Layout.margin - Double(columns - 1) * Layout.gap) / Double(columns))
        let rows = (count + columns - 1) / columns
        let scale = tileWidth / frameWidth
        let tileHeight = frameHeight * scale
        let width = 2 * Layout.margin + Double(columns) * tileWidth + Double(columns - 1) * Layout.gap
        let height = Layout.titleHeight + Double(rows) * (tileHeight + Layout.labelHeight + Layout.gap) - Layout.gap + Layout.margin
        return Layout(columns: columns, rows: rows, tileWidth: tileWidth, tileHeight: tileHeight, scale: scale,
                      width: width, height: height)
    }

    /// The frames of `figures` that show a step, in their order.
    public static func frames(of figures: [Figure]) -> [Figure] { figures.filter { $0.step != nil } }

    /// One figure named `name` with every step frame of `figures` as a tile, or nil when there
    /// are fewer than two steps.
    public static func figure(from figures: [Figure], title: String, name: String = "filmstrip") -> Figure? {
        let frames = frames(of: figures)
        guard frames.count >= 2, let first = frames.first else { return nil }
        let layout = layout(count: frames.count, frameWidth: first.width, frameHeight: first.height)
        let steps = frames.compactMap(\.step)
        // "step 3" reads best; frames of several traces in one lesson may share step numbers.
        let labels = Set(steps).count == steps.count ? steps.map { "step \($0)" } : frames.map(\.name)
        let description = "All \(frames.count) steps of \(title) in one image, row by row from step \(steps[0]) to step \(steps[steps.count - 1])."
        return Figure(name: name, description: description, width: layout.width, height: layout.height) { canvas in
            draw(frames, labels: labels, title: title, layout: layout, on: canvas)
        }
    }

    private static func draw(_ frames: [Figure], labels: [String], title: String, layout: Layout, on canvas: Canvas) {
        let theme = canvas.theme
        Caption.title(title, on: canvas, width: layout.width, y: Layout.titleHeight / 2)
        for (index, frame) in frames.enumerated() {
            let origin = layout.tileOrigin(index)
            // A frame of another size is fitted into the tile and centred.
            let scale = min(layout.tileWidth / frame.width, layout.tileHeight / frame.height)
            let dx = (layout.tileWidth - frame.width * scale) / 2, dy = (layout.tileHeight - frame.height * scale) / 2
            canvas.withSavedState {
                canvas.translate(x: origin.x + dx, y: origin.y + dy)
                canvas.scale(scale)
                canvas.clip(x: 0, y: 0, width: frame.width, height: frame.height)
                canvas.fillBackground(theme.background, width: frame.width, height: frame.height)
                // A raster tile paints its backdrop from a copy drawn at the tile's scale.
                if let backdrop = frame.backdrop, backdrop.paint(on: canvas, width: frame.width, height: frame.height) {
                    frame.draw(canvas)
                } else {
                    frame.drawWhole(on: canvas)
                }
            }
            canvas.strokeRect(x: origin.x, y: origin.y, width: layout.tileWidth, height: layout.tileHeight, theme.gridLine)
            canvas.text(labels[index], x: origin.x + layout.tileWidth / 2, y: origin.y + layout.tileHeight + Layout.labelHeight / 2,
                        size: 18, theme.muted, weight: .bold)
        }
    }
}

/// Where the labels on a network's edges go: each along its own edge, at the first of a few
/// positions (nearest its preferred one) where its plate touches no other label, no unit and
/// stays on the canvas. Deterministic: the same network always gets the same places.
extension NetworkFigures {
    /// An axis-aligned rectangle of the figure, in pixels.
    public struct LabelBox: Equatable, Sendable {
        public var x: Double, y: Double, width: Double, height: Double

        public init(centerX: Double, centerY: Double, width: Double, height: Double) {
            (x, y, self.width, self.height) = (centerX - width / 2, centerY - height / 2, width, height)
        }

        /// The area this box shares with `other` once both are grown by `gap` on every side (0 when apart).
        public func overlap(_ other: LabelBox, gap: Double = 0) -> Double {
            let w = min(x + width, other.x + other.width) - max(x, other.x) + gap
            let h = min(y + height, other.y + other.height) - max(y, other.y) + gap
            return w > 0 && h > 0 ? w * h : 0
        }

        /// Whether the box lies inside a canvas of this size, `margin` from every side.
        public func isInside(width canvasWidth: Double, height canvasHeight: Double, margin: Double = 0) -> Bool {
            x >= margin && y >= margin && x + width <= canvasWidth - margin && y + height <= canvasHeight - margin
        }
    }

    /// The positions tried along an edge, as fractions of its length from the source.
    static let labelPositions: [Double] = stride(from: 0.15, through: 0.851, by: 0.05).map { $0 }
    /// Positions tried after those when none of them is free (larger text leaves less room):
    /// a finer step, closer to the ends.
    static let morePositions: [Double] = stride(from: 0.1, through: 0.901, by: 0.025).map { $0 }
        .filter { t in !labelPositions.contains { abs($0 - t) < 1e-9 } }
    /// The space kept between two labels, and between a label and a unit.
    static let labelGap = 4.0

    /// The centre of the label of every edge (target i, source j) of one layer: `texts[i][j]` is
    /// its text and `plate` gives the size of its plate. `clear` is false when some label found
    /// no place apart from the others, the units and the canvas edge (it got the least crowded one).
    static func edgeLabelCenters(_ texts: [[String]], sources: [(x: Double, y: Double)], targets: [(x: Double, y: Double)],
                                 layout: Layout, plate: (String) -> (width: Double, height: Double))
        -> (centers: [[(x: Double, y: Double)]], clear: Bool) {
        let half = layout.boxWidth / 2
        let units = zip(layout.centers, layout.boxHeights).flatMap { column, height in
            column.map { LabelBox(centerX: $0.x, centerY: $0.y, width: layout.boxWidth, height: height) }
        }
        var placed: [LabelBox] = []
        var centers = texts.map { $0.map { _ in (x: 0.0, y: 0.0) } }
        var clear = true
        // Source by source, so the labels leaving one unit are spread along their edges first.
        for j in sources.indices {
            for i in targets.indices {
                let size = plate(texts[i][j])
                let from = (x: sources[j].x + half, y: sources[j].y), to = (x: targets[i].x - half, y: targets[i].y)
                // Preferred: labels of source j a little further along than those of source j − 1.
                let preferred = 0.25 + (Double(j) + 0.5) / Double(sources.count) * 0.5
                let nearest = { (positions: [Double]) in positions.sorted { (abs($0 - preferred), $0) < (abs($1 - preferred), $1) } }
                // Costs count the gap kept around each box; a box drawn over another is not apart at all.
                var best: (box: LabelBox, cost: Double, apart: Bool)?
                for positions in [labelPositions, morePositions] where !(best?.apart ?? false) {
                    for t in nearest(positions) {
                        let box = LabelBox(centerX: from.x + (to.x - from.x) * t, centerY: from.y + (to.y - from.y) * t,
                                           width: size.width, height: size.height)
                        var cost = placed.reduce(0) { $0 + box.overlap($1, gap: labelGap) }
                            + units.reduce(0) { $0 + box.overlap($1, gap: labelGap) }
                        if !box.isInside(width: layout.width, height: layout.height, margin: 4) { cost += 1e6 }
                        let apart = !placed.contains { box.overlap($0) > 0 } && !units.contains { box.overlap($0) > 0 }
                            && box.isInside(width: layout.width, height: layout.height)
                        if best == nil || (apart && !best!.apart) || (apart == best!.apart && cost < best!.cost) { best = (box, cost, apart) }
                        if cost == 0 { break }
                    }
                }
                guard let (chosen, _, apart) = best else { continue }
                if !apart { clear = false }
                placed.append(chosen)
                centers[i][j] = (chosen.x + chosen.width / 2, chosen.y + chosen.height / 2)
            }
        }
        return (centers, clear)
    }
}

/// Everything the backward pass of a pooling did: where each upstream value went and how
/// the input gradient accumulated. Plain values, read by text, JSON and figures.
public struct PoolingBackwardTrace: Equatable, Sendable, Codable {
    /// Max, average or min.
    public var op: PoolingOp
    /// The upstream gradient ∂L/∂y (the shape of the pooled output).
    public var upstream: Tensor
    /// The input gradient ∂L/∂x (the shape of the input).
    public var gradient: Tensor
    /// One step per output cell, row by row, in the order the contributions were added.
    public var steps: [PoolingBackwardStep]
    /// The total of the average shares that fell on padded cells and were dropped (0 for max and min).
    public var droppedOnPadding: Double

    /// The input cells that received something, row by row, each with every contribution in the order added.
    public var accumulations: [PoolingAccumulation] {
        var byCell: [Int: PoolingAccumulation] = [:]
        let columns = gradient.shape[1]
        for step in steps {
            for target in step.targets where !target.isPadding {
                let key = target.row * columns + target.column
                var entry = byCell[key] ?? PoolingAccumulation(row: target.row, column: target.column, contributions: [],
                                                               total: gradient[target.row, target.column])
                entry.contributions.append(PoolingContribution(fromRow: step.row, fromColumn: step.column,
                                                               amount: target.amount))
                byCell[key] = entry
            }
        }
        return byCell.keys.sorted().compactMap { byCell[$0] }
    }

    /// The sum of the upstream gradient.
    public var upstreamSum: Double { upstream.sum }
    /// The sum of the input gradient.
    public var gradientSum: Double { gradient.sum }

    /// The stored fields, plus `upstreamSum` and `gradientSum`.
    public func encode(to encoder: Encoder) throws {
        try encoder.encodeFields(["op": op, "upstream": upstream, "gradient": gradient, "steps": steps,
                                  "droppedOnPadding": droppedOnPadding, "upstreamSum": upstreamSum, "gradientSum": gradientSum])
    }
}

/// Where the upstream gradient of one output cell went.
public struct PoolingBackwardStep: Equatable, Sendable, Codable {
    /// The output cell, 0-based.
    public var row: Int
    public var column: Int
    /// ∂L/∂y at this cell.
    public var upstream: Double
    /// For average: the share each counted cell receives, upstream / count.
    public var share: Double?
    /// For average: the count divided by.
    public var count: Int?
    /// The cells that received the gradient: the winner, or every counted cell of the window.
    public var targets: [PoolingGradientTarget]

    /// The name of the upstream value: `∂L/∂y[1,1]`.
    public var label: String { "∂L/∂y" + Notation.index(row, column) }

    /// The step in words, with `decimals` decimals (rounded; small values kept, as `PoolingStep.formula`).
    public func text(decimals: Int = 4) -> String {
        let g = Notation.number(upstream, decimals: decimals, keepSmall: true)
        if share == nil, let target = targets.first {
            let cell = "∂L/∂x" + Notation.index(target.row, target.column)
            return "\(label) = \(g) goes to the winner x\(Notation.index(target.row, target.column)): \(cell) += \(g), now \(Notation.number(target.totalAfter, decimals: decimals, keepSmall: true))"
        }
        let part = Notation.number(share ?? 0, decimals: decimals, keepSmall: true)
        let divisor = count ?? targets.count
        let real = targets.filter { !$0.isPadding }
        let rows = (real.map(\.row).min() ?? 0) + 1, lastRow = (real.map(\.row).max() ?? 0) + 1
        let columns = (real.map(\.column).min() ?? 0) + 1, lastColumn = (real.map(\.column).max() ?? 0) + 1
        let approx = Notation.isExact(share ?? 0, decimals: decimals, keepSmall: true) ? "=" : "≈"
        var text = "\(label) = \(g) is spread evenly: \(g)/\(divisor) \(approx) \(part) to each of the \(real.count) input cells x[\(rows)..\(lastRow),\(columns)..\(lastColumn)]"
        let lost = targets.count - real.count
        if lost > 0 { text += " (the \(lost) padded \(Counted.noun(lost, "cell"))' share is dropped)" }
        return text
    }
}

/// One input cell that received gradient in a backward step.
public struct PoolingGradientTarget: Equatable, Sendable, Codable {
    /// The input cell, 0-based (outside the input for a padded cell).
    public var row: Int
    public var column: Int
    /// What this step added.
    public var amount: Double
    /// Whether the cell is padding (its share is dropped).
    public var isPadding: Bool
    /// ∂L/∂x at this cell after the addition (0 for padding).
    public var totalAfter: Double

}

/// Everything one input cell received, in the order added.
public struct PoolingAccumulation: Equatable, Sendable, Codable {
    /// The input cell, 0-based.
    public var row: Int
    public var column: Int
    /// Each contribution with the output cell it came from.
    public var contributions: [PoolingContribution]
    /// ∂L/∂x at this cell: the sum of the contributions.
    public var total: Double

    /// The sum written out: `∂L/∂x[2,2] = 1 + 1 + 1 + 1 = 4 (from y[1,1], y[1,2], y[2,1], y[2,2])`.
    public func text(decimals: Int = 4) -> String {
        let terms = contributions.map { Notation.factor($0.amount, decimals: decimals, keepSmall: true) }.joined(separator: " + ")
        let from = contributions.map { "y" + Notation.index($0.fromRow, $0.fromColumn) }.joined(separator: ", ")
        let approx = Notation.isExact(total, decimals: decimals, keepSmall: true) ? "=" : "≈"
        return "∂L/∂x\(Notation.index(row, column)) = \(terms) \(approx) \(Notation.number(total, decimals: decimals, keepSmall: true)) (from \(from))"
    }
}

/// What one output cell sent to one input cell.
public struct PoolingContribution: Equatable, Sendable, Codable {
    /// The output cell the gradient came from, 0-based.
    public var fromRow: Int
    public var fromColumn: Int
    /// The amount.
    public var amount: Double

}

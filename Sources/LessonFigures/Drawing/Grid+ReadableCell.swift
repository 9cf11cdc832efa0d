import LessonCore

extension Grid {
    /// An estimate of the width of `text` in ems of the bold figure font (a little generous, so a
    /// cell judged wide enough is).
    static func ems(_ text: String) -> Double {
        text.reduce(0.0) { width, character in
            switch character {
            case ".", ",", "[", "]", " ": width + 0.46
            case "₀"..."₉": width + 0.5
            case "−", "-": width + 0.84
            default: width + 0.72
            }
        }
    }

    /// The smallest cell whose number `text` reads at `floor` px: a grid with `numberFloor` keeps a
    /// number at the floor while it is at most half the cell high and fits 0.94 of its width, so
    /// "−4.5" needs a 71 px cell, "103.25" a 105 px one (24 px floor).
    static func readableCell(for text: String, floor: Double) -> Double {
        max(floor / 0.5, ems(text) * floor / 0.94 + 1)
    }

    /// The column width in which number `text` keeps `floor` px: a grid with `numberFloor` draws
    /// it at the floor while it fits 0.94 of the column ("123456.789" needs 178 px at 24 px).
    static func readableColumn(for text: String, floor: Double) -> Double {
        ems(text) * floor / 0.94 + 1
    }

    /// The column width in which note `text` (a weight laid on a cell, bold) reads at `size` px
    /// (18, or a grid's `noteFloor`): a note is fitted to 0.9 of its column.
    static func readableNoteColumn(for text: String, size: Double = 18) -> Double {
        ems(text) * size / 0.9 + 1
    }

    /// The column width in which every one of `values`, written by `Notation.number` (at
    /// `decimals`, small values kept with `keepSmall`), reads at `floor` px; 0 for none.
    static func readableColumn(for values: [Double], decimals: Int? = nil, keepSmall: Bool = false, floor: Double) -> Double {
        Set(values.map { Notation.number($0, decimals: decimals, keepSmall: keepSmall) }).map { readableColumn(for: $0, floor: floor) }.max() ?? 0
    }

    /// The column width of each of `values` in which its longest number reads at `floor` px, the
    /// first also wide enough for the notes `×w` of `weights` laid on its cells (18 px): a
    /// convolution's input under its kernel's weights, forward and backward.
    static func readableColumns(for values: [Tensor], notesOnFirst weights: [Double], floor: Double) -> [Double] {
        values.enumerated().map { index, tensor in
            let widest = readableColumn(for: tensor.scalars, floor: floor)
            return index == 0 ? max(widest, readableNoteColumn(for: weights)) : widest
        }
    }

    /// The column width in which every note `×w` of `weights` reads at 18 px; 0 for none.
    static func readableNoteColumn(for weights: [Double]) -> Double {
        readableNoteColumn(for: weights.map { "×" + Notation.number($0) })
    }

    /// The column width in which every one of `notes` reads at `size` px; 0 for none.
    static func readableNoteColumn(for notes: [String], size: Double = 18) -> Double {
        Set(notes).map { readableNoteColumn(for: $0, size: size) }.max() ?? 0
    }
}

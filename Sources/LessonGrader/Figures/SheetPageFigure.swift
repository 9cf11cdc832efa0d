import LessonCore
import LessonFigures

/// A whole student sheet (for `lesson exercise sheets`): the title, the student, the exercise
/// text, every question with its given numbers and the given matrices drawn as small grids,
/// and the answer file to fill in. It reads the sheet only, so it shows exactly what the text
/// sheet shows and nothing that a question asks.
///
/// `paged` (for PDF) lays the sheet on A4-proportioned pages of 794 × 1123, a question's
/// block never split from its heading where it fits on one page; otherwise one page as tall
/// as the sheet (PNG, SVG).
public enum SheetPageFigure {
    /// The page width in points (A4 at 96 dpi: 794 × 1123; the page grows taller if needed).
    public static let width = 794.0
    static let margin = 56.0
    static let bodySize = 13.0
    static let lineHeight = 19.0
    static let cell = 26.0

    /// One drawing instruction, laid out before the page height is known.
    enum Block {
        case text(String, size: Double, bold: Bool)
        case grids([SheetMatrix])
        case gap(Double)
    }

    /// The page height of a paged sheet.
    public static let pageHeight = 1123.0

    /// The sheet, named after the student (or "sheet"); `paged` only for PDF.
    public static func figure(_ sheet: ExerciseSheet, paged: Bool = false) -> Figure {
        let blocks = layout(sheet)
        let height = paged ? pageHeight : max(pageHeight, blocks.reduce(margin * 2) { $0 + blockHeight($1) })
        let name = sheet.student.map(SafeFileName.make) ?? "sheet"
        let description = "The sheet of \(sheet.title)" + (sheet.student.map { " for student \($0)" } ?? "")
            + ": \(Counted.of(sheet.items.count, "question"))."
        let pages = paged ? paginate(blocks) : [blocks]
        return Figure(name: name, description: description, width: width, height: height) { canvas in
            for (index, page) in pages.enumerated() {
                if index > 0 {
                    canvas.newPage()
                    canvas.fillBackground(canvas.theme.background, width: width, height: height)
                }
                var y = margin
                for block in page {
                    draw(block, on: canvas, y: y)
                    y += blockHeight(block)
                }
            }
        }
    }

    /// The blocks split into pages: a new page starts at a question (a gap) when the question
    /// does not fit on what is left, or at any block that does not fit.
    static func paginate(_ blocks: [Block]) -> [[Block]] {
        let usable = pageHeight - 2 * margin
        var pages: [[Block]] = [[]]
        var used = 0.0
        for (index, block) in blocks.enumerated() {
            let h = blockHeight(block)
            var needed = h
            if case .gap = block {
                // Keep the question that follows together: up to the next gap.
                var j = index + 1
                while j < blocks.count { if case .gap = blocks[j] { break }; needed += blockHeight(blocks[j]); j += 1 }
                needed = min(needed, usable)
            }
            if used + needed > usable, !(pages[pages.count - 1].isEmpty) {
                pages.append([])
                used = 0
                if case .gap = block { continue }
            }
            pages[pages.count - 1].append(block)
            used += h
        }
        return pages
    }

    static func layout(_ sheet: ExerciseSheet) -> [Block] {
        var blocks: [Block] = [.text(sheet.title, size: 22, bold: true)]
        if let student = sheet.student { blocks.append(.text("Sheet of student \(student)", size: bodySize, bold: true)) }
        if let source = sheet.source { blocks += wrapped("From the course notes: " + source, size: 11) }
        if !sheet.intro.isEmpty {
            blocks.append(.gap(8))
            for line in sheet.intro.split(separator: "\n", omittingEmptySubsequences: false) { blocks += wrapped(String(line)) }
        }
        for item in sheet.items {
            blocks.append(.gap(12))
            blocks += wrapped("\(item.number). \(item.text.isEmpty ? item.id : item.text)", bold: true)
            blocks.append(.text("question \(item.id), \(Counted.points(item.points))", size: 11, bold: false))
            for line in item.lines { blocks += wrapped("    " + line) }
            if !item.matrices.isEmpty { blocks.append(.grids(item.matrices)) }
            blocks += wrapped("    Answer: " + item.answerFormat)
        }
        blocks.append(.gap(16))
        blocks.append(.text("Answer file (YAML)", size: bodySize, bold: true))
        for line in sheet.answerFile { blocks += wrapped(line) }
        return blocks
    }

    /// Splits a long line at spaces so it fits the page (about 0.56 em per character),
    /// keeping its leading spaces (the answer file's indentation) and indenting what wraps.
    static func wrapped(_ line: String, size: Double = bodySize, bold: Bool = false) -> [Block] {
        let limit = max(20, Int((width - 2 * margin) / (size * 0.56)))
        let indent = String(line.prefix { $0 == " " })
        var lines: [String] = []
        var current = indent
        for word in line.dropFirst(indent.count).split(separator: " ") {
            if current.count > indent.count, current.count + 1 + word.count > limit {
                lines.append(current)
                current = indent + "    " + word
            } else {
                current += (current.count > indent.count ? " " : "") + word
            }
        }
        lines.append(current)
        return lines.map { .text($0, size: size, bold: bold) }
    }

    static func blockHeight(_ block: Block) -> Double {
        switch block {
        case .text(_, let size, _): return max(lineHeight, size * 1.5)
        case .gap(let g): return g
        case .grids(let matrices):
            let rows = matrices.map { $0.shape.count == 2 ? $0.shape[0] : 1 }.max() ?? 1
            return 28 + Double(rows) * cellSize(matrices) + 12
        }
    }

    /// The cell size that fits every grid of a question side by side.
    static func cellSize(_ matrices: [SheetMatrix]) -> Double {
        let columns = matrices.reduce(0) { $0 + ($1.shape.count == 2 ? $1.shape[1] : $1.shape[0]) }
        let available = width - 2 * margin - 40 - 30 * Double(max(0, matrices.count - 1))
        return min(cell, available / Double(max(1, columns)))
    }

    static func draw(_ block: Block, on canvas: Canvas, y: Double) {
        switch block {
        case .gap: return
        case .text(let text, let size, let bold):
            let fitted = canvas.fittingSize(text, size: size, maxWidth: width - 2 * margin, weight: bold ? .bold : .normal)
            canvas.text(text, x: margin, y: y + max(lineHeight, size * 1.5) / 2, size: fitted, canvas.theme.foreground,
                        align: .left, weight: bold ? .bold : .normal)
        case .grids(let matrices):
            let size = cellSize(matrices)
            var x = margin + 40
            for matrix in matrices {
                guard let values = matrix.values else { continue }
                let rows = matrix.shape.count == 2 ? matrix.shape[0] : 1
                let columns = matrix.shape.count == 2 ? matrix.shape[1] : matrix.shape[0]
                canvas.text(matrix.label + " (" + Notation.shape(matrix.shape) + ")", x: x, y: y + 12, size: 11,
                            canvas.theme.muted, align: .left)
                let grid = Grid(rows: rows, columns: columns, x: x, y: y + 24, cellSize: size)
                grid.draw(on: canvas) { r, c in
                    let v = values.rank == 1 ? values.scalars[c] : values[r, c]
                    return CellStyle(fill: matrix.label == "kernel" ? canvas.theme.highlight.withAlpha(0.18) : nil,
                                     text: Notation.number(v))
                }
                x += grid.width + 30
            }
        }
    }
}

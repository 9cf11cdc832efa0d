import Foundation
import LessonCore
import LessonFigures

/// `lesson run image-filters`: a kernel of the notes applied to a PNG picture.
///
/// Lesson file keys: `image` (a PNG path relative to `lessons/`), `kernel` (a name from
/// `ImageKernel.all`), `at` (`[row, column]`, 1-based, the worked pixel), and `expected` with
/// `size` (`[rows, columns]` of the filtered picture).
public enum ImageFiltersLesson: Lesson {
    public static let id = "image-filters"

    /// The largest picture filtered, in pixels.
    public static let maximumPixels = 4096 * 4096

    /// The parameters of one run.
    public struct Example {
        /// Where the PNG is, and how to name it in the trace.
        public var imageURL: URL
        public var imageName: String
        public var kernel: ImageKernel
        /// The worked pixel, 0-based, or nil for the one the filter changes most.
        public var focus: (row: Int, column: Int)?
        /// `--at` as the person typed it, when it chose `focus`: a pixel outside the image is blamed on it.
        public var focusOption: String?
        /// The filtered size the lesson file states.
        public var statedSize: [Int]?

        /// Reads a variant; `folder` is `lessons/`, which `image` is relative to.
        public init(_ variant: LessonVariant, folder: URL) throws {
            try variant.rejectUnknownKeys(allowed: ["image", "kernel", "at"])
            let image = try variant.require("image", expected: "a PNG file name, such as image-filters.png").string()
            imageURL = folder.appendingPathComponent(image)
            imageName = "lessons/" + image
            let kernelValue = try variant.require("kernel", expected: "a kernel name such as sharpen")
            do { kernel = try ImageKernel.named(try kernelValue.string()) } catch let error as InputError {
                throw kernelValue.error(error.message)
            }
            if let at = variant["at"] {
                let pair = try at.pair()
                guard pair.rows >= 1, pair.columns >= 1 else { throw at.error("'at' is 1-based: row and column must be 1 or more") }
                focus = (pair.rows - 1, pair.columns - 1)
            }
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["size"])
                statedSize = try expected["size"]?.items().map { try $0.int() }
            }
        }
    }

    /// The gray picture read from a PNG, with what was done to it.
    public struct Picture {
        public var gray: Tensor
        /// Whether the PNG was already gray and opaque (else its pixels were laid over white and
        /// turned into luma).
        public var wasGray: Bool
        /// Whether every pixel has R = G = B (gray, perhaps with transparency).
        public var grayLevels: Bool = false
        /// Whether the PNG had 16-bit samples (read as v/257, rounded).
        public var sixteenBit: Bool = false

        /// How the PNG's pixels became the gray values, for the text.
        var reading: String {
            if wasGray {
                return sixteenBit ? "gray, 16-bit values v read as v/257, rounded (0…255)." : "gray, values 0…255 as stored."
            }
            let samples = sixteenBit ? " (16-bit samples v read as v/257, rounded)" : ""
            if grayLevels {
                return "gray with transparency\(samples), laid over white: a gray v of alpha a reads v·a/255 + 255·(1 − a/255), rounded."
            }
            return "colour\(samples), turned into gray: Y = 0.299·R + 0.587·G + 0.114·B, rounded (transparent pixels over white)."
        }
    }

    /// Reads any PNG (gray, palette, RGB, with alpha, 8 or 16 bits) as gray values 0…255.
    public static func readPicture(_ url: URL, name: String) throws -> Picture {
        // A regular file only (a FIFO or device would block or never end), at most 64 MiB.
        guard let data = try? RegularFile.read(url.path, maximumBytes: 64 * 1024 * 1024) else {
            throw InputError("cannot read the image file '\(Excerpt.quote(name))'")
        }
        let image: RGBAImage
        do { image = try PNGCodec.decode([UInt8](data)) } catch let error as PNGError {
            throw InputError("the image '\(name)' cannot be used: \(error.message)")
        }
        guard image.width * image.height <= maximumPixels else {
            throw InputError("the image '\(name)' is \(image.width)×\(image.height) = \(image.width * image.height) pixels; the lesson filters at most \(maximumPixels) (4096×4096), so scale it down first")
        }
        return Picture(gray: GrayImage.fromRGBA(image.bytes, width: image.width, height: image.height),
                       wasGray: GrayImage.isGray(image.bytes), grayLevels: GrayImage.isGray(image.bytes, ignoringAlpha: true),
                       sixteenBit: image.sixteenBit)
    }


    /// Runs `example` and builds the text, JSON payload, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let picture = try readPicture(example.imageURL, name: example.imageName)
        let trace: ImageFilterTrace
        do { trace = try ImageFilter(kernel: example.kernel).apply(picture.gray, focus: example.focus) } catch let error as InputError {
            guard let at = example.focusOption, !error.isLocated else { throw error }
            throw error.located(in: "--at \(Excerpt.quote(at))")
        }
        var mismatches: [Mismatch] = []
        if let size = example.statedSize, size != trace.output.shape {
            mismatches.append(Mismatch(subject: "filtered size", stated: Notation.shape(size), recomputed: Notation.shape(trace.output.shape)))
        }
        let text = describe(trace, picture: picture, example: example, heading: heading, mismatches: mismatches)
        return LessonOutput(lesson: id, variant: heading.variant, text: text, payload: trace,
                            figures: ImageFilterFigures.figures(trace, imageName: example.imageName), mismatches: mismatches)
    }

    static func describe(_ trace: ImageFilterTrace, picture: Picture, example: Example, heading: LessonHeading, mismatches: [Mismatch]) -> String {
        let k = trace.kernel
        var lines: [String] = []
        lines += heading.lines
        lines.append("")
        lines.append("kernel \(k.name): \(k.title) (\(k.source))")
        lines.append("weights as printed, \(Notation.shape(k.weights.shape))" + (k.scaleText.map { ", times \($0)" } ?? "") + ":")
        lines.append(Notation.matrix(k.weights))
        let n = trace.inputShape
        lines.append("image: \(example.imageName), \(n[1])×\(n[0]) pixels (\(n[0]) rows, \(n[1]) columns), " +
                     picture.reading)
        lines.append("Operation: cross-correlation (the kernel as printed, no flip) with zero padding p = ⌊(k − 1)/2⌋ = \(trace.padding) per side, so an odd kernel keeps the size.")
        lines += LessonText.outputSize(OutputSize.formula, rows: trace.outputSizes[0].filledIn, columns: trace.outputSizes[1].filledIn)
        lines.append("")
        let w = trace.worked
        let chosen = example.focus == nil ? "the pixel the filter changes most, |z − x| largest" : "chosen with 'at'"
        lines.append("One window worked out: \(w.label) (\(chosen)); window rows \(Notation.span(trace.patch.windowRows)), columns \(Notation.span(trace.patch.windowColumns)) of the image (0 and beyond the edge are padding):")
        var window = Tensor(shape: k.weights.shape)
        for term in w.terms { window[term.kernelRow, term.kernelColumn] = term.input }
        lines.append(Notation.matrix(window))
        let sum = Notation.sumOfProducts(w.terms.map { ($0.input, $0.weight) }, bias: nil, result: w.sum)
        if let scale = k.scaleText {
            lines.append("  \(w.label) = \(scale) × (\(sum.components(separatedBy: " = ").first ?? sum))")
            lines.append("        = \(scale) × \(Notation.number(w.sum)) = \(Notation.number(w.value))")
        } else {
            lines.append("  \(w.label) = " + sum)
        }
        lines.append("  shown as \(Notation.number(w.displayed)) (\(trace.displayRule.formula))")
        lines.append("")
        lines.append("The zoomed patch (image rows \(Notation.span(trace.patch.rows)), columns \(Notation.span(trace.patch.columns))):")
        lines.append("input:")
        lines.append(Notation.matrix(trace.patch.input))
        lines.append("filtered z (one decimal; · is outside the output):")
        let cells = trace.patch.output.map { $0.map { $0.map { Notation.number($0, decimals: 1) } ?? "·" } }
        let width = cells.flatMap { $0 }.map(\.count).max() ?? 1
        for row in cells { lines.append("  " + row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: "  ")) }
        lines.append("")
        let low = trace.output.scalars.min() ?? 0, high = trace.output.scalars.max() ?? 0
        lines.append("Filtered values range from \(Notation.number(low, decimals: 2)) to \(Notation.number(high, decimals: 2)); \(trace.clippedCount) of \(trace.output.count) pixels are changed by \(trace.displayRule.formula) to be shown.")
        if example.statedSize != nil {
            lines.append("")
            lines.append(mismatches.isEmpty ? "Checked against the lesson file: the stated size \(Notation.shape(trace.output.shape)) agrees."
                                            : "Mismatch: " + mismatches.map(\.description).joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }
}

import Foundation
import LessonFigures

/// Writing a lesson variant's figures as one deck file: an animated GIF, an HTML stepper or
/// a Beamer `.tex` (with its PDF frames beside it).
public enum FigureDeck {
    /// The deck file's name in its folder: `animation.gif`, `stepper.html`, `beamer.tex`.
    public static func fileName(for format: FigureFormat) -> String {
        switch format {
        case .gif: return "animation.gif"
        case .html: return "stepper.html"
        case .tex: return "beamer.tex"
        case .png, .svg, .pdf: return "" // not decks
        }
    }

    /// Renders `figures` as a deck in `options.format` and writes it into `folder`; returns
    /// every file written (for `tex`, the PDF frames then the `.tex`). `title` (or, when nil, the first frame's heading) heads the page.
    public static func write(_ figures: [Figure], title: String?, to folder: URL, options: RenderOptions) throws -> [URL] {
        precondition(options.format.isDeck, "FigureDeck.write with \(options.format.rawValue)")
        guard !figures.isEmpty else { throw FigureWriteError("there are no figures to put in \(fileName(for: options.format))") }
        try FigureRenderer.prepare(directory: folder)
        let url = folder.appendingPathComponent(fileName(for: options.format))
        switch options.format {
        case .gif:
            let bytes = try FigureAnimation.render(FigureAnimation.frames(of: figures), options: options)
            try FigureRenderer.writeAtomically(bytes, to: url)
            return [url]
        case .html:
            let frames = try render(figures, options: options)
            let page = StepperPage.html(title: title ?? frames[0].heading ?? "lesson", frames: frames, theme: options.theme)
            try FigureRenderer.writeAtomically(Data(page.utf8), to: url)
            return [url]
        case .tex:
            let frames = try render(figures, options: options)
            var written: [URL] = []
            for frame in frames {
                let pdf = folder.appendingPathComponent(frame.name).appendingPathExtension("pdf")
                try FigureRenderer.writeAtomically(frame.bytes, to: pdf)
                written.append(pdf)
            }
            try FigureRenderer.writeAtomically(Data(BeamerDeck.tex(title: title ?? frames[0].heading ?? "lesson", frames: frames).utf8), to: url)
            return written + [url]
        case .png, .svg, .pdf:
            preconditionFailure("not a deck format")
        }
    }

    /// The frames drawn on both cores, in order.
    private static func render(_ figures: [Figure], options: RenderOptions) throws -> [RenderedFrame] {
        let slots = Slots<Result<RenderedFrame, Error>>(count: figures.count)
        DispatchQueue.concurrentPerform(iterations: figures.count) { index in
            slots.set(index, Result { try RenderedFrame(figures[index], options: options) })
        }
        return try slots.values.map { try ($0 ?? .failure(FigureWriteError("a frame was not rendered"))).get() }
    }
}

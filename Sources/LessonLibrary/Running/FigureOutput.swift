import Foundation
import LessonCore
import LessonFigures

/// Writing a lesson's figures into a folder.
public enum FigureOutput {
    /// The folder figures of `lesson` go to under `root` (`output/`): `output/conv2d/` for the
    /// example, `output/conv2d/<variant>/` for another variant; a theme other than light has
    /// a folder of its own (`output/dark/conv2d/`), so rendering it never overwrites the light files.
    public static func folder(root: URL, lesson: String, variant: String, theme: String = Theme.light.name) -> URL {
        var url = root
        for part in relativeFolder(lesson: lesson, variant: variant, theme: theme).split(separator: "/") {
            url = url.appendingPathComponent(String(part))
        }
        return url
    }

    /// `folder`'s path relative to the root, with `/` separators (`dark/conv2d/stride-2`).
    public static func relativeFolder(lesson: String, variant: String, theme: String = Theme.light.name) -> String {
        var parts = theme == Theme.light.name ? [] : [theme]
        parts.append(lesson)
        if variant != "example" { parts.append(variant) }
        return parts.joined(separator: "/")
    }

    /// Renders and writes every figure into `folder`, each file atomically, and removes
    /// frames of the same format left there by an earlier, longer run (`step-*`) and the
    /// temporary files of a killed one.
    /// Rendering and writing use both cores; the files are the same whatever the order. A figure
    /// that cannot be drawn or written leaves the others written, and the first such error (in
    /// the figures' order) is thrown. A deck format
    /// (`gif`, `html`, `tex`) writes one file for all the figures, headed `title` (or the
    /// first figure's heading).
    /// `progress`, when given, hears `(done, total)` after each figure is drawn and written (from any thread).
    public static func write(_ figures: [Figure], to folder: URL, options: RenderOptions, title: String? = nil,
                             progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> [URL] {
        if options.format.isDeck {
            let written = try FigureDeck.write(figures, title: title, to: folder, options: options)
            if options.format == .tex { removeStaleFrames(in: folder, keeping: Set(written.map(\.lastPathComponent)), format: .pdf) }
            return written
        }
        try FigureRenderer.prepare(directory: folder)
        let urls = figures.map { folder.appendingPathComponent($0.name).appendingPathExtension(options.format.fileExtension) }
        // Each figure is written by the thread that drew it, as soon as it is drawn: the files
        // go out while the other core still draws (on conv2d's 10 frames, writing them all
        // after the last one kept one core idle for the whole writing).
        let results = Slots<Result<Void, Error>>(count: figures.count)
        DispatchQueue.concurrentPerform(iterations: figures.count) { index in
            let done = results.set(index, Result {
                try FigureRenderer.writeAtomically(try FigureRenderer.render(figures[index], options: options), to: urls[index])
            })
            progress?(done, figures.count)
        }
        for result in results.values { try (result ?? .failure(FigureWriteError("a figure was not rendered"))).get() }
        removeStaleFrames(in: folder, keeping: Set(urls.map(\.lastPathComponent)), format: options.format)
        return urls
    }

    private static func removeStaleFrames(in folder: URL, keeping: Set<String>, format: FigureFormat) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix("step-") && name.hasSuffix("." + format.fileExtension) && !keeping.contains(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        removeTemporaryFiles(in: folder, names: names)
    }

    /// Removes the temporary files a run killed while writing left in `folder`
    /// (`.<name>.<pid>.<n>.lesson-partial` of a process no longer running, see `AtomicFile`);
    /// those of a run still writing there are left to it.
    static func removeTemporaryFiles(in folder: URL, names: [String]? = nil) {
        guard let names = names ?? (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) else { return }
        for name in names where AtomicFile.isLeftover(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}

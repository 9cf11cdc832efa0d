import CPNG
import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

/// Issue 15's figure rows, each measured on whole processes of the built `lesson` (beside
/// this benchmark): the conv2d example's 10 frames against matplotlib drawing the same frames
/// (conv2d_matplotlib.py, skipped without matplotlib), their PNG bytes a pixel, `lesson
/// figures` (CPU seconds and megabytes written), a 28×28 input with all 677 frames, and the
/// PNG writer on one frame against libpng's (the writer before issue 15). Every run writes
/// into an emptied folder.
enum SpeedTableBenchmark {
    static func run(directory: LessonDirectory) throws {
        let root = directory.url.deletingLastPathComponent()
        let lesson = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("lesson")
        guard FileManager.default.isExecutableFile(atPath: lesson.path) else {
            print("table: \(lesson.path) is not built; run swift build -c release --product lesson first")
            return
        }
        let out = scratchFolder("table")
        defer { try? FileManager.default.removeItem(at: out) }
        let ours = out.appendingPathComponent("ours"), theirs = out.appendingPathComponent("matplotlib")

        let conv = try median(of: 7) { try runProcess(lesson, ["run", "conv2d", "--out", emptied(ours).path], root: root) }
        let ourSize = try pngSize(in: ours)
        print(String(format: "table: conv2d, 10 frames, whole process              median %7.3f s  cpu %7.3f s  (best %.3f s)",
                     conv.wall, conv.cpu, conv.best ?? conv.wall))
        let script = root.appendingPathComponent("Sources/LessonBench/conv2d_matplotlib.py")
        let python = URL(fileURLWithPath: "/usr/bin/env")
        if (try? runProcess(python, ["python3", "-c", "import matplotlib"], root: root, quiet: true)) != nil {
            let mpl = try median(of: 7) { try runProcess(python, ["python3", script.path, "--once", emptied(theirs).path], root: root) }
            let theirSize = try pngSize(in: theirs)
            print(String(format: "table: conv2d matplotlib, same frames, whole process median %7.3f s: ours %.1f× faster  (best %.3f s: %.1f×)",
                         mpl.wall, mpl.wall / conv.wall, mpl.best ?? mpl.wall, (mpl.best ?? mpl.wall) / (conv.best ?? conv.wall)))
            print(String(format: "table: PNG bytes a pixel, same frames                ours %.4f, matplotlib %.4f (%.2f×)",
                         ourSize.perPixel, theirSize.perPixel, ourSize.perPixel / theirSize.perPixel))
        } else {
            print(String(format: "table: PNG bytes a pixel of the conv2d frames        ours %.4f; matplotlib is not installed, skipped", ourSize.perPixel))
        }

        let figures = out.appendingPathComponent("figures")
        let all = try median(of: 3) { try runProcess(lesson, ["figures", "--out", emptied(figures).path], root: root, quiet: true) }
        let written = try pngSize(in: figures)
        print(String(format: "table: lesson figures, %d PNG, whole process         median %7.3f s  cpu %7.3f s, %.1f MB written  (best %.3f s)",
                     written.files, all.wall, all.cpu, Double(written.bytes) / 1e6, all.best ?? all.wall))

        let input = out.appendingPathComponent("input-28.txt")
        let rows = (0..<28).map { r in (0..<28).map { c in String((r * 7 + c * 13) % 10) }.joined(separator: " ") }
        try rows.joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
        let big = out.appendingPathComponent("conv2d-28")
        let large = try median(of: 3) {
            try runProcess(lesson, ["run", "conv2d", "--input", "@" + input.path, "--all-steps", "--out", emptied(big).path], root: root)
        }
        print(String(format: "table: conv2d 28×28, %d frames, whole process        median %7.3f s  cpu %7.3f s  (best %.3f s)",
                     try pngSize(in: big).files, large.wall, large.cpu, large.best ?? large.wall))

        let file = try directory.load("conv2d")
        let frame = try Conv2DLesson.run(file, variant: try file.variant(nil)).figures[0]
        let (width, height, argb) = try FigureRenderer.surface(for: frame, options: RenderOptions()).pixels()
        let before = PNGBenchmark.libpng(filter: Int32(PNG_FILTER_NONE), "none", level: 3)
        for writer in [PNGBenchmark.ours(.standard), before] {
            let size = try argb.withUnsafeBytes { try writer.encode($0.baseAddress!, width, height).count }
            let perPixel = String(format: "%.4f", Double(size) / Double(width * height))
            try measure("table: \(writer.name), one \(width)×\(height) frame, \(perPixel) B/px", repetitions: 50) {
                _ = try argb.withUnsafeBytes { try writer.encode($0.baseAddress!, width, height) }
            }
        }
    }

    /// `folder`, removed so that the run about to start writes every file anew (not timed): a rerun
    /// into a folder that holds the same files reads and compares them instead (`AtomicFile`).
    static func emptied(_ folder: URL) -> URL {
        try? FileManager.default.removeItem(at: folder)
        return folder
    }

    /// Wall and CPU seconds of one run (the CPU of the child process and its threads), and of a
    /// median, the best wall time of its runs.
    struct Timing { var wall: Double; var cpu: Double; var best: Double? = nil }

    /// The run with the median wall time of `count` runs after one warm-up, with the best wall
    /// time beside it: on a shared machine the best says what the work costs, the median how
    /// much waiting came with it.
    static func median(of count: Int, _ body: () throws -> Timing) throws -> Timing {
        _ = try body()
        let runs = try (0..<count).map { _ in try body() }.sorted { $0.wall < $1.wall }
        var middle = runs[runs.count / 2]
        middle.best = runs[0].wall
        return middle
    }

    /// Runs `executable` in `root` to its end; throws if it fails. Started with posix_spawn and reaped
    /// with wait4, which gives the child's own CPU time: Foundation's `Process` added 25–30 ms to every
    /// run (`lesson run conv2d`: a median of 0.103 s through `Process`, 0.074–0.079 s through posix_spawn,
    /// 9 runs each, alternating), a third of what it measured.
    @discardableResult
    static func runProcess(_ executable: URL, _ arguments: [String], root: URL, quiet: Bool = false) throws -> Timing {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        if quiet { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        // The child starts in `root` (glibc's addchdir is not imported): this process moves there while it spawns.
        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(root.path) else {
            throw InputError("cannot change into \(root.path) to start \(executable.lastPathComponent)")
        }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw InputError("\(executable.path) could not be started: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // WIFEXITED and WEXITSTATUS, which Swift does not import: a normal exit has no signal bits.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw InputError("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) ended with status \(status)")
        }
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Timing(wall: wall, cpu: cpu)
    }

    /// The PNG files under `folder`: how many, their bytes, and bytes a pixel (from each IHDR).
    static func pngSize(in folder: URL) throws -> (files: Int, bytes: Int, perPixel: Double) {
        var files = 0, bytes = 0, pixels = 0
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "png" else { continue }
            let data = try Data(contentsOf: url)
            // IHDR's width and height: big-endian words at bytes 16 and 20 of every PNG.
            let word = { (at: Int) in data[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            files += 1
            bytes += data.count
            pixels += word(16) * word(20)
        }
        return (files, bytes, Double(bytes) / Double(max(1, pixels)))
    }
}

import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import Testing

/// The runner behind `lesson figures`: what it writes, what it lists, what it does on failure.
@Suite struct FigureBatchTests {
    private let lessons = LessonDirectory(url: {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("lessons")
    }())

    private func scratch(_ name: String = #function) throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("figure-batch-\(name.filter { $0.isLetter })-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file under `root` except figures.json, as paths relative to `root`.
    private func files(under root: URL) throws -> Set<String> {
        var found: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, path != "figures.json" { found.insert(path) }
        }
        return found
    }

    private func index(at root: URL) throws -> FigureBatch.Index {
        try JSONDecoder().decode(FigureBatch.Index.self, from: Data(contentsOf: root.appendingPathComponent("figures.json")))
    }

    /// A lesson of three frames whose third cannot be drawn (too wide for a Cairo image).
    private func demoJob() -> FigureJob {
        let theme = Theme.light
        func frame(_ step: Int, width: Double = 1280) -> Figure {
            Figure(name: "step-\(step)", description: "Step \(step) of the demo.", step: step, width: width) { canvas in
                canvas.fillRect(x: 100, y: 100, width: 200, height: 200, theme.highlight)
                canvas.text("step \(step): -\(step)", x: 640, y: 500, size: 40, theme.foreground)
            }
        }
        return FigureJob(lesson: "demo", variant: "example", title: "Demo",
                         figures: [frame(1), frame(2), frame(3, width: 40_000)])
    }

    @Test func theTemporaryFilesOfAKilledRunAreRemoved() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("demo")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("half a PNG".utf8).write(to: folder.appendingPathComponent(".step-1.png.2147483646.3" + AtomicFile.temporarySuffix))
        _ = try FigureBatch.render([demoJob()], root: root, options: FigureBatchOptions(formats: [.png]))
        #expect(try files(under: root) == ["demo/step-1.png", "demo/step-2.png", "demo/filmstrip.png"])
    }

    @Test func aFailedFigureIsNamedAndTheOthersAreWrittenAndListed() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let report = try FigureBatch.render([demoJob()], root: root, options: FigureBatchOptions(formats: [.png, .svg]))
        try FigureBatch.writeIndex(report, root: root)
        let pngFailure = try #require(report.failures.first { $0.file == "step-3.png" })
        #expect(pngFailure.lesson == "demo" && pngFailure.variant == "example" && pngFailure.step == 3)
        #expect(pngFailure.description.hasPrefix("demo, variant example, step 3 (step-3.png): Cairo failed"), "\(pngFailure)")
        #expect(try files(under: root) == Set(report.records.map(\.file)))
        #expect(Set(report.records.map(\.file)).isSuperset(of: ["demo/step-1.png", "demo/step-2.png", "demo/step-1.svg",
                                                                 "demo/filmstrip.png", "demo/filmstrip.svg"]))
        #expect(!report.records.contains { $0.file == "demo/step-3.png" })
        let listed = try index(at: root)
        #expect(listed.figures == report.records)
        #expect(listed.failures == report.failures)
        let first = try #require(listed.figures.first)
        #expect(first.step == 1 && first.description == "Step 1 of the demo." && first.width == 1280 && first.height == 720)
    }

    @Test func figuresJsonListsExactlyTheFilesWrittenAndASecondRunIsIdentical() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let (jobs, failures) = try FigureBatch.jobs(directory: lessons, lesson: "conv2d")
        #expect(failures.isEmpty)
        #expect(jobs.map(\.variant).first == "example" && jobs.count >= 2)
        // A frame left over from an earlier, longer run must go.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dark/conv2d"), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: root.appendingPathComponent("dark/conv2d/step-99.svg"))
        let options = FigureBatchOptions(formats: [.png, .svg, .pdf], theme: .dark, sizing: .width(640))
        let report = try FigureBatch.render(jobs, root: root, options: options)
        try FigureBatch.writeIndex(report, root: root)
        #expect(report.failures.isEmpty)
        let written = try files(under: root)
        #expect(written == Set(try index(at: root).figures.map(\.file)))
        #expect(!written.contains("dark/conv2d/step-99.svg"))
        #expect(written.contains("dark/conv2d/filmstrip.pdf") && written.contains("dark/conv2d/stride-2/step-4.svg"),
                "the dark theme writes into a folder of its own")
        #expect(report.records.allSatisfy { $0.width == 640 && $0.theme == "dark" })

        var before: [String: Data] = [:]
        for file in written.union(["figures.json"]) { before[file] = try Data(contentsOf: root.appendingPathComponent(file)) }
        let again = try FigureBatch.render(jobs, root: root, options: options)
        try FigureBatch.writeIndex(again, root: root)
        for (file, bytes) in before {
            #expect(try Data(contentsOf: root.appendingPathComponent(file)) == bytes, "\(file) changed on the second run")
        }
    }

    @Test func progressCountsEveryFileAndEndsEachLesson() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let events = EventLog()
        let report = try FigureBatch.render([demoJob()], root: root, options: FigureBatchOptions(formats: [.png])) { events.add($0) }
        let all = events.all
        let failed = all.compactMap { event -> FigureFailure? in if case .failed(let failure) = event { return failure }; return nil }
        #expect(failed.map(\.file) == ["step-3.png"] && failed == report.failures, "failures are reported as they happen")
        let files = all.compactMap { event -> Int? in if case .file(let done, let total, _, _, _) = event, total == 4 { return done }; return nil }
        #expect(files.sorted() == [1, 2, 3, 4])
        guard case .lesson("demo", let written, let failed)? = all.last else { Issue.record("no lesson event last"); return }
        #expect(written == report.records.count && failed == report.failures.count)
    }

    @Test func chosenLessonAndVariant() throws {
        let (jobs, _) = try FigureBatch.jobs(directory: lessons, lesson: "conv2d", variant: "stride-2")
        #expect(jobs.map(\.variant) == ["stride-2"])
        #expect(jobs.first?.figures.filter { $0.step != nil }.count == 4)
        #expect(jobs.first?.title == "2D convolution: the 5×5 example, variant stride-2")
        #expect(throws: InputError.self) { try FigureBatch.jobs(directory: lessons, lesson: "nope") }
        #expect(throws: InputError.self) { try FigureBatch.jobs(directory: lessons, lesson: "conv2d", variant: "nope") }
        #expect(throws: InputError.self) { try FigureBatch.jobs(directory: lessons, variant: "nope") }
    }

    @Test func aVariantThatCannotRunIsAFailureAndTheOthersGoOn() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: lessons.url.appendingPathComponent("conv2d.yaml"), encoding: .utf8)
        let broken = original + "\n  broken:\n    description: A stride of zero.\n    stride: 0\n"
        try broken.write(to: folder.appendingPathComponent("conv2d.yaml"), atomically: true, encoding: .utf8)
        let (jobs, failures) = try FigureBatch.jobs(directory: LessonDirectory(url: folder), lesson: "conv2d")
        #expect(failures.count == 1)
        // Issue 16: a value out of range names the file and the line.
        #expect(failures.first?.description.hasPrefix("conv2d, variant broken: lessons/conv2d.yaml, line ") == true, "\(failures)")
        #expect(failures.first?.description.hasSuffix("(variants.broken.stride): expected a whole number from 1 to 100000, found 0") == true)
        #expect(jobs.map(\.variant).contains("padding-1") && !jobs.map(\.variant).contains("broken"))
    }
}

/// Progress events collected from the rendering threads.
private final class EventLog: @unchecked Sendable {
    private var events: [FigureBatch.Progress] = []
    private let lock = NSLock()
    func add(_ event: FigureBatch.Progress) { lock.lock(); events.append(event); lock.unlock() }
    var all: [FigureBatch.Progress] { lock.lock(); defer { lock.unlock() }; return events }
}

/// The order `lesson figures` starts a job's tasks in: the largest figure (the filmstrip) first.
@Suite struct FigureBatchOrderTests {
    private func figure(_ name: String, width: Double, height: Double = 720) -> Figure {
        Figure(name: name, description: name, width: width, height: height) { _ in }
    }

    @Test func theLargestFiguresStartFirstAndTheRestKeepTheirOrder() {
        let figures = [figure("step-1", width: 1280), figure("step-2", width: 1280), figure("overview", width: 1280),
                       figure("wide", width: 1920), figure("filmstrip", width: 3600, height: 2152)]
        // One format: tasks are figures.
        #expect(FigureBatch.largestFirst(figures, formats: 1) == [4, 3, 0, 1, 2])
        // Two formats: figure i's tasks are 2i and 2i + 1, and stay side by side.
        #expect(FigureBatch.largestFirst(figures, formats: 2) == [8, 9, 6, 7, 0, 1, 2, 3, 4, 5])
        #expect(FigureBatch.largestFirst([], formats: 2).isEmpty)
    }
}

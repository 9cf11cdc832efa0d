import Foundation
import LessonCore
import LessonLibrary

/// Issue 15 item 3 and issue 16's budgets: `--json` of big conv2d traces. In this process, the
/// streaming encoder against Foundation's `JSONEncoder` on the 224×224 trace (time and peak
/// memory); then whole `lesson` processes: 224×224 `--json`, the 224×224 text trace, and
/// 500×500 `--json-compact` (median wall time and peak resident memory of 3 runs).
enum JSONBenchmark {
    static let kernel = "0.1 0.2 0.1; 0 0 0; -0.1 -0.2 -0.1"

    static func run(directory: LessonDirectory) throws {
        let folder = scratchFolder("json")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input224 = try writeInput(size: 224, to: folder), input500 = try writeInput(size: 500, to: folder)

        let lesson = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("lesson")
        guard FileManager.default.isExecutableFile(atPath: lesson.path) else {
            print("json: whole-process rows skipped: build the lesson product beside lesson-bench (swift build -c release)")
            return try inProcessRows(input224)
        }
        let home = directory.url.deletingLastPathComponent().path
        let run = ["run", "conv2d", "--no-figures", "--kernel", kernel, "--input"]
        processRow("json: lesson run conv2d 224×224 --json", lesson, run + ["@" + input224.path, "--json"], home: home)
        processRow("json: lesson run conv2d 224×224 (text trace)", lesson, run + ["@" + input224.path], home: home)
        processRow("json: lesson run conv2d 500×500 --json-compact", lesson, run + ["@" + input500.path, "--json-compact"], home: home)
        try inProcessRows(input224)
    }

    /// The two encoders on the 224×224 trace in this process, after the whole-process rows: a
    /// spawned child's peak memory counts the parent's at the spawn, so those run while it is small.
    static func inProcessRows(_ input224: URL) throws {
        let example = Conv2DLesson.Example(input: try MatrixLiteral.parse(String(contentsOf: input224, encoding: .utf8)),
                                           kernel: try MatrixLiteral.parse(kernel))
        let output = try Conv2DLesson.run(example, heading: LessonHeading(title: "bench"))
        let envelope = output.envelope(extra: ["figures": []])
        let devNull = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
        for pretty in [true, false] {
            let encoder = JSONStreamEncoder(pretty: pretty)
            let style = pretty ? "pretty" : "compact"
            inProcessRow("json: 224×224 trace, \(style), Foundation JSONEncoder") {
                try devNull.write(contentsOf: try encoder.foundationEncoder.encode(envelope))
            }
            inProcessRow("json: 224×224 trace, \(style), JSONStreamEncoder") {
                try encoder.write(envelope, to: devNull)
            }
        }
    }

    /// A seeded `size`×`size` input of one-decimal numbers in −9.9…9.9, as a text file.
    static func writeInput(size: Int, to folder: URL) throws -> URL {
        var random = SplitMix64(seed: 15)
        let rows = (0..<size).map { _ in
            (0..<size).map { _ in "\(Double(Int.random(in: -99...99, using: &random)) / 10)" }.joined(separator: " ")
        }
        let url = folder.appendingPathComponent("input\(size).txt")
        try (rows.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Median wall time of 3 runs of `body`, and the peak resident memory of this process while
    /// they ran (the peak is reset first, so it is this body's, on top of what the process holds).
    static func inProcessRow(_ label: String, _ body: () throws -> Void) {
        resetPeakMemory()
        var times: [Double] = []
        do {
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
        } catch {
            print("\(label): failed: \(error)")
            return
        }
        times.sort()
        print(String(format: "%-60@ median %6.2f s   peak %6.0f MB (this process)", label as NSString, times[1], peakMemoryMB()))
    }

    /// Median wall time of 3 runs of `executable` with `arguments` (output to /dev/null), and the
    /// largest peak resident memory of them.
    static func processRow(_ label: String, _ executable: URL, _ arguments: [String], home: String) {
        var times: [Double] = [], peak = 0.0
        for _ in 0..<3 {
            guard let (seconds, megabytes) = spawn(executable.path, arguments, environment: ["LESSON_HOME=\(home)"]) else {
                print("\(label): failed to run \(executable.path)")
                return
            }
            times.append(seconds)
            peak = max(peak, megabytes)
        }
        times.sort()
        print(String(format: "%-60@ median %6.2f s   peak %6.0f MB (whole process)", label as NSString, times[1], peak))
    }

    /// Runs a process with standard output and error to /dev/null; its wall time in seconds and
    /// peak resident memory in MB, or nil when it does not start or does not exit with 0.
    static func spawn(_ path: String, _ arguments: [String], environment: [String]) -> (Double, Double)? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = (environment + ProcessInfo.processInfo.environment.map { "\($0)=\($1)" }).map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid, status == 0 else { return nil }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (seconds, Double(usage.ru_maxrss) / 1024)
    }

    /// Resets this process's peak resident memory (Linux: /proc/self/clear_refs).
    static func resetPeakMemory() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// This process's peak resident memory since the last reset, in MB (Linux: VmHWM).
    static func peakMemoryMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kilobytes / 1024
    }
}

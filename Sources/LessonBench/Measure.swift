import Foundation
import LessonFigures
import LessonLibrary

/// The CPU time this process has used so far (all threads), in milliseconds.
func cpuMilliseconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) * 1e3 + Double(usage.ru_utime.tv_usec) / 1e3
    let system = Double(usage.ru_stime.tv_sec) * 1e3 + Double(usage.ru_stime.tv_usec) / 1e3
    return user + system
}

/// Runs `body` `repetitions` times after one warm-up and prints the median and best wall
/// time, and the mean CPU time (which a busy machine disturbs less than wall time).
func measure(_ name: String, repetitions: Int = 20, _ body: () throws -> Void) rethrows {
    try body()
    var times: [Double] = []
    let cpuStart = cpuMilliseconds()
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    let cpu = (cpuMilliseconds() - cpuStart) / Double(repetitions)
    times.sort()
    print(String(format: "%-52@ wall median %8.2f ms  best %8.2f ms   cpu %8.2f ms   (%d runs)", name as NSString,
                 times[times.count / 2], times[0], cpu, repetitions))
}

/// A fresh scratch folder for a benchmark's files, removed by the caller.
func scratchFolder(_ name: String) -> URL {
    URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lesson-bench-\(name)-\(getpid())")
}

/// Measures running a variant of a lesson and writing all its frames as PNG into a scratch folder.
func measureLessonRun(_ lesson: any Lesson.Type, variant: String? = nil, directory: LessonDirectory, label: String) throws {
    let out = scratchFolder(lesson.id)
    defer { try? FileManager.default.removeItem(at: out) }
    try measure(label) {
        let file = try directory.load(lesson.id)
        let output = try lesson.run(file, variant: try file.variant(variant))
        _ = try FigureOutput.write(output.figures, to: out, options: RenderOptions())
    }
}

import Foundation

/// Runs `body` `repetitions` times after one warm-up and prints the median and best wall time.
func measure(_ name: String, repetitions: Int = 20, _ body: () throws -> Void) rethrows {
    try body()
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    print(String(format: "%-56@ median %8.2f ms   best %8.2f ms   (%d runs)", name as NSString, times[times.count / 2],
                 times[0], repetitions))
}

/// A fresh scratch folder for a benchmark's files, removed by the caller.
func scratchFolder(_ name: String) -> URL {
    URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lesson-bench-\(name)-\(getpid())")
}

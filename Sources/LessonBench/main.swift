import LessonLibrary

// Benchmarks print their figures; they are never tests. Run with:
//   swift run -c release lesson-bench [name ...]
// Each benchmark is one file here with a `run` function, listed below.

let directory = try LessonDirectory.locate()
let chosen = Set(CommandLine.arguments.dropFirst())
let benchmarks: [(String, () throws -> Void)] = [
    ("conv2d", { try Conv2DBenchmark.run(directory: directory) }),
    ("pooling", { try PoolingBenchmark.run(directory: directory) }),
    ("conv-lessons", { try ConvLessonsBenchmark.run(directory: directory) }),
    ("backprop", { try NetworkBenchmark.run(directory: directory) }),
    ("image-filters", { try ImageFiltersBenchmark.run(directory: directory) }),
    ("figures", { try FiguresBenchmark.run(directory: directory) }),
    ("png", { try PNGBenchmark.run(directory: directory) }),
    ("cnn", { try CNNBenchmark.run(directory: directory) }),
    ("grade", { try GradeBenchmark.run(directory: directory) }),
    ("table", { try SpeedTableBenchmark.run(directory: directory) }),
    ("json", { try JSONBenchmark.run(directory: directory) }),
]
for (name, run) in benchmarks where chosen.isEmpty || chosen.contains(name) {
    try run()
}

// swift-tools-version:6.1
import Foundation
import PackageDescription

let package = Package(
    name: "lesson",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lesson", targets: ["lesson"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Cairo, the C library, found with pkg-config.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"]), .brew(["cairo"])]
        ),
        // libpng, for reading any PNG (and, in lesson-bench, the writer ours is measured against).
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        // libdeflate: the CRC-32 and Adler-32 of our PNGs, the row filters in its shim, and the
        // compressor lesson-bench png measures ours against.
        .systemLibrary(
            name: "CDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"]), .brew(["libdeflate"])]
        ),
        // Our deflate encoder for PNG scanlines (issue 15), in C for its inner loops, and built
        // optimized in debug builds too: the tests write thousands of frames. Its proof is
        // PNGWriterTests and RowDeflateTests (every stream read back by libpng and zlib) and
        // `lesson-bench png` (against libdeflate and libpng on the same frames).
        .target(name: "CRowDeflate", cSettings: [.unsafeFlags(["-O2"])]),
        // libpng's low-level reader for 16-bit samples as stored (PNGCodec), in C for its setjmp.
        .target(name: "CPNGSamples", dependencies: ["CPNG"]),
        // zlib, for the tests' reader of PDF streams and of RowDeflateTests' streams.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // giflib, for animated GIFs (Debian ships no pkg-config file for it: the module map links "gif").
        .systemLibrary(name: "CGif", providers: [.apt(["libgif-dev"]), .brew(["giflib"])]),
        // The pure core: tensors, operations and their traces, notation. No files, no Cairo.
        .target(name: "LessonCore"),
        // Drawing: Cairo wrappers, the figure model and the figures of each trace.
        .target(name: "LessonFigures", dependencies: ["LessonCore", "CCairo", "CPNG", "CDeflate", "CRowDeflate", "CPNGSamples", "CGif"]),
        // The lessons: loading lessons/<id>.yaml and running each lesson's example.
        .target(
            name: "LessonLibrary",
            dependencies: [
                "LessonCore", "LessonFigures", .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The exercise checker: exercises, per-student variants, grading and reports.
        .target(
            name: "LessonGrader",
            dependencies: ["LessonCore", "LessonFigures", "LessonLibrary", .product(name: "Yams", package: "Yams")]
        ),
        // The thin command line. A release build links the Swift runtime and Foundation into
        // the binary: a run then starts in a few milliseconds instead of spending about 20 ms
        // loading and relocating the shared libraries (issue 15; `lesson-bench table`).
        .executableTarget(
            name: "lesson",
            dependencies: [
                "LessonCore", "LessonFigures", "LessonLibrary", "LessonGrader",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group", "-Xlinker", "-lFoundation", "-Xlinker", "-lCoreFoundation", "-Xlinker", "-lFoundationInternationalization", "-Xlinker", "-lFoundationEssentials", "-Xlinker", "-l_FoundationICU", "-Xlinker", "-l_FoundationCollections", "-Xlinker", "-l_FoundationCShims", "-Xlinker", "-lswiftDispatch", "-Xlinker", "-ldispatch", "-Xlinker", "-lBlocksRuntime", "-Xlinker", "-lswiftSynchronization", "-Xlinker", "--end-group"], .when(platforms: [.linux], configuration: .release))]
        ),
        // Benchmarks: print their figures; never part of the tests.
        .executableTarget(
            name: "lesson-bench",
            dependencies: ["LessonCore", "LessonFigures", "LessonLibrary", "LessonGrader", "CPNG"],
            path: "Sources/LessonBench",
            exclude: ["conv2d_matplotlib.py"]
        ),
    ]
)

// The test targets, declared only where Tests/ is: the Gradescope autograder bundle
// (`lesson exercise autograder`) copies Sources/ and lessons/ without Tests/, and a target
// whose folder is missing would make the whole package unloadable there.
let testTargets: [Target] = [
    // What only the tests use: the process runner, reference files, PDF and SVG text
    // readers, seeded cases. Never linked into the shipped command.
    .target(name: "LessonTestSupport", dependencies: ["LessonCore", "CZlib"], path: "Tests/LessonTestSupport"),
    .testTarget(name: "LessonCoreTests", dependencies: ["LessonCore", "LessonTestSupport"]),
    .testTarget(
        name: "LessonFiguresTests",
        dependencies: ["LessonFigures", "LessonCore", "CCairo", "CGif", "CRowDeflate", "CZlib", "LessonTestSupport"]
    ),
    .testTarget(name: "LessonLibraryTests", dependencies: ["LessonLibrary", "LessonCore", "LessonTestSupport"]),
    .testTarget(
        name: "LessonGraderTests",
        dependencies: ["LessonGrader", "LessonLibrary", "LessonFigures", "LessonCore", "LessonTestSupport"]
    ),
    // References/ holds the expected outputs, read by path (#filePath), not bundled.
    .testTarget(name: "LessonCLITests", dependencies: ["LessonLibrary", "lesson", "LessonTestSupport"], exclude: ["References"]),
    // Seeded, bounded fuzzing of matrix literals, lesson and network files and submissions (issue 16).
    .testTarget(name: "LessonFuzzTests", dependencies: ["LessonCore", "LessonLibrary", "LessonGrader", "LessonTestSupport"]),
]
if FileManager.default.fileExists(atPath: Context.packageDirectory + "/Tests") {
    package.targets += testTargets
}

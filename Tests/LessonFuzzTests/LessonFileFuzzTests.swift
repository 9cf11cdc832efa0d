import LessonTestSupport
import Foundation
import Testing
import LessonCore
import LessonLibrary

/// Seeded mutations of the shipped lesson files and of a network file: each one loads and
/// runs, or fails with one sentence that names the file.
@Suite struct LessonFileFuzzTests {
    /// Lessons quick to run (the image, CNN and figure-heavy ones are left to their own tests).
    static let lessons = ["conv2d", "conv1d", "pooling", "conv-arithmetic", "conv2d-modes", "mlp", "autodiff", "param-count",
                          "conv-matrix", "perceptron"]

    @Test func mutatedLessonFilesRunOrSayWhy() throws {
        let folder = packageRoot.appendingPathComponent("lessons")
        for (index, id) in Self.lessons.enumerated() {
            let original = try String(contentsOf: folder.appendingPathComponent("\(id).yaml"), encoding: .utf8)
            for round in UInt64(0)..<24 {
                let seed = UInt64(index) * 1_000 + round
                var g = SplitMix64(seed: seed)
                let text = mutated(original, &g, edits: Int.random(in: 1...4, using: &g))
                let name = "lessons/\(id).yaml"
                do {
                    let file = try LessonFile(id: id, document: try YAMLValue.parse(text, file: name))
                    guard let lesson = LessonRegistry.lesson(id) else { Issue.record("no lesson \(id)"); continue }
                    let output = try lesson.run(file, variant: file.variants[0])
                    #expect(!output.text.isEmpty)
                } catch let error as InputError {
                    expectOneSentence(error.message, "\(id) seed \(seed)")
                } catch {
                    Issue.record("\(id) seed \(seed): \(type(of: error)) is not an InputError: \(error)")
                }
            }
        }
    }

    @Test func mutatedNetworkFilesLoadOrSayWhy() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: packageRoot.appendingPathComponent("lessons/backprop.yaml"), encoding: .utf8)
        for seed in UInt64(1)...200 {
            var g = SplitMix64(seed: seed)
            let text = mutated(original, &g, edits: Int.random(in: 1...4, using: &g))
            let url = folder.appendingPathComponent("net-\(seed).yaml")
            try Data(text.utf8).write(to: url)
            do {
                let example = try NetworkReader.load(url, displayName: "net.yaml")
                #expect(example.input.allSatisfy(\.isFinite) && example.target.allSatisfy(\.isFinite), "seed \(seed)")
            } catch let error as InputError {
                expectOneSentence(error.message, "seed \(seed)")
                #expect(error.message.hasPrefix("net.yaml"), "seed \(seed): names the file: \(Excerpt.quote(error.message))")
            } catch {
                Issue.record("seed \(seed): \(type(of: error)) is not an InputError: \(error)")
            }
        }
    }
}

import Foundation
import LessonTestSupport
import Testing

/// The autograder bundle's package can be built on Gradescope: it loads without Tests/, and
/// setup.sh installs the system libraries its targets link. (A full release build of the
/// bundle takes many minutes on two cores, so the tests load it with `swift package describe`;
/// the commit that added this test gives the command and time of a build by hand.)
@Suite struct AutograderPackageTests {
    /// The bundle's package loads where Gradescope builds it: no Tests/, so no test targets
    /// (it failed with "invalid custom path 'Tests/LessonTestSupport'"); and setup.sh installs
    /// every system package a target of Package.swift names.
    @Test func theBundledPackageLoads() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ag = folder.appendingPathComponent("ag")
        let written = try runLesson(["exercise", "autograder", "conv-5x5", "--out", ag.path])
        #expect(written.status == 0, "stderr: \(written.stderr)")
        let package = ag.appendingPathComponent("lesson")
        #expect(!FileManager.default.fileExists(atPath: package.appendingPathComponent("Tests").path))
        let describe = try runTool("/usr/bin/env", ["swift", "package", "describe", "--type", "json"], in: package)
        #expect(describe.status == 0, "swift package describe: \(describe.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(describe.stdout.utf8)) as? [String: Any]
        let targets = ((object?["targets"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }.sorted()
        #expect(targets == ["CCairo", "CDeflate", "CGif", "CPNG", "CPNGSamples", "CRowDeflate", "CZlib", "LessonCore", "LessonFigures", "LessonGrader", "LessonLibrary", "lesson", "lesson-bench"])

        let manifest = try String(contentsOf: packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let setup = try String(contentsOf: ag.appendingPathComponent("setup.sh"), encoding: .utf8)
        let apt = manifest.components(separatedBy: ".apt([").dropFirst().flatMap { part in
            part.prefix { $0 != "]" }.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        }
        #expect(apt.count >= 5)
        for name in apt { #expect(setup.contains(" \(name)"), "setup.sh does not install \(name), which Package.swift names") }
    }
}

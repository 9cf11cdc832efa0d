import Foundation
import LessonCore
import Testing

/// `Folders.make`: `mkdir -p` whose errors name the part of the path in the way.
@Suite struct FoldersTests {
    private func scratch(_ name: String = #function) throws -> String {
        let path = NSTemporaryDirectory() + "folders-\(name.filter { $0.isLetter })-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func isFolder(_ path: String) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
    }

    @Test func makesEveryMissingPartAndAcceptsWhatIsThere() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Folders.make(root + "/a/b/c")
        #expect(isFolder(root + "/a/b/c"))
        try Folders.make(root + "/a/b/c") // already there
        try Folders.make(root + "//a///b/d/") // doubled and trailing slashes
        #expect(isFolder(root + "/a/b/d"))
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/a")
        try Folders.make(root + "/link/e") // a link to a folder is a folder
        #expect(isFolder(root + "/a/e"))
    }

    @Test func aFileInThePathIsNamed() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("notes".utf8).write(to: URL(fileURLWithPath: root + "/notes"))
        #expect(throws: InputError("'\(root)/notes' is a file, not a folder")) { try Folders.make(root + "/notes/figures/conv2d") }
        #expect(throws: InputError("'\(root)/notes' is a file, not a folder")) { try Folders.make(root + "/notes") }
        #expect(!FileManager.default.fileExists(atPath: root + "/notes/figures"))
    }
}

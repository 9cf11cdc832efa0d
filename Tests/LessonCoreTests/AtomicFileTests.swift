import Foundation
import LessonCore
import Testing

/// `AtomicFile`: whole files or none, never through a link, no temporary file left behind,
/// and a file that already holds the bytes left as it is.
@Suite struct AtomicFileTests {
    private func scratch(_ name: String = #function) throws -> String {
        let path = NSTemporaryDirectory() + "/atomic-\(name.filter { $0.isLetter })-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func inode(_ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.systemFileNumber] as? UInt64)
    }

    @Test func writesTheBytesAndLeavesNoTemporaryFile() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes: [UInt8] = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try AtomicFile.write(bytes, to: folder + "/frame.png")
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/frame.png"))) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["frame.png"])
    }

    @Test func theSameBytesLeaveTheFileAndOtherBytesReplaceIt() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/report.json"
        try AtomicFile.write(Data("first".utf8), to: path)
        let first = try inode(path)
        try AtomicFile.write(Data("first".utf8), to: path)
        #expect(try inode(path) == first, "a file that holds the bytes already was replaced")
        try AtomicFile.write(Data("second".utf8), to: path)
        #expect(try inode(path) != first, "new bytes went into the old file instead of a renamed new one")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        // A longer file whose start is the new bytes is not "the same".
        try AtomicFile.write(Data("sec".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "sec")
        try AtomicFile.write([], to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test func aSymbolicLinkIsReplacedNeverWrittenThrough() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secret = folder + "/secret.txt", link = folder + "/step-1.png"
        try "keep".write(toFile: secret, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: secret)
        try AtomicFile.write(Data("keep".utf8), to: link) // the same bytes as the target: still replaced
        try AtomicFile.write(Data("figure".utf8), to: link)
        #expect(try String(contentsOfFile: secret, encoding: .utf8) == "keep")
        #expect(try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType == .typeRegular)
        #expect(try String(contentsOfFile: link, encoding: .utf8) == "figure")
    }

    @Test func aFolderThatIsNotThereIsNamedInTheError() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/missing/overview.png"
        #expect {
            try AtomicFile.write(Data("x".utf8), to: path)
        } throws: { error in
            "\(error)" == "cannot write '\(path)': No such file or directory"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}

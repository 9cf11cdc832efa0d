import LessonTestSupport
import Foundation
import Testing
import LessonCore

/// The package's root folder (holds `lessons/` and `exercises/`).
let packageRoot: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
        folder = folder.deletingLastPathComponent()
    }
    return folder
}()

/// Pieces hostile inputs are built from: numbers, separators, non-finite words, line ends,
/// a byte-order mark, NUL, escapes, overflow, YAML syntax.
let hostilePieces = ["0", "1", "-2", "−3", "4.5", "1e3", "13/9", "1/0", "nan", "inf", "-Infinity", "1e308", "1e400",
                     "1e308/1e-308", " ", ",", ";", "\t", "\n", "\r\n", "\r", "\u{FEFF}", "\0", "\u{1B}[2J", "\u{07}",
                     "x", "é", "[", "]", "{", "}", ":", "- ", "&a", "*a", "!!str", "\"", "'", "#", "99999999999999999999999",
                     String(repeating: "9", count: 400)]

/// A random string of `count` hostile pieces.
func hostileText(_ g: inout SplitMix64, count: Int) -> String {
    (0..<count).map { _ in hostilePieces[Int.random(in: 0..<hostilePieces.count, using: &g)] }.joined()
}

/// `text` with `edits` random edits: a piece inserted, a character deleted, or a line
/// replaced by a hostile value.
func mutated(_ text: String, _ g: inout SplitMix64, edits: Int) -> String {
    var characters = Array(text)
    for _ in 0..<edits where !characters.isEmpty {
        let at = Int.random(in: 0..<characters.count, using: &g)
        switch Int.random(in: 0..<3, using: &g) {
        case 0: characters.insert(contentsOf: hostilePieces[Int.random(in: 0..<hostilePieces.count, using: &g)], at: at)
        case 1: characters.remove(at: at)
        default:
            // Replace the value after the next ':' on this line.
            if let colon = characters[at...].firstIndex(of: ":"), let end = characters[colon...].firstIndex(of: "\n") {
                characters.replaceSubrange((colon + 1)..<end, with: " " + hostileText(&g, count: Int.random(in: 1...3, using: &g)))
            }
        }
    }
    return String(characters)
}

/// Records an issue unless `message` is one sentence a person can read on a terminal:
/// one line, no control characters, not a whole file.
func expectOneSentence(_ message: String, limit: Int = 600, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!message.isEmpty, "\(label): empty message", sourceLocation: sourceLocation)
    #expect(!Excerpt.hasControlCharacters(message), "\(label): control characters in \(Excerpt.quote(message, limit: 300))",
            sourceLocation: sourceLocation)
    #expect(message.count <= limit, "\(label): \(message.count) characters: \(Excerpt.quote(message, limit: 300))",
            sourceLocation: sourceLocation)
}

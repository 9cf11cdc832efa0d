import ArgumentParser

/// The `--out` folder as given: an empty or blank name is refused, since it would quietly
/// write every file into the current folder.
enum OutputFolder {
    static func check(_ out: String?) throws {
        guard let out, out.allSatisfy(\.isWhitespace) else { return }
        throw ValidationError("--out '\(out)' names no folder; give a folder name, such as --out output")
    }
}

import Foundation
import LessonCore
import LessonLibrary

/// A Gradescope autograder for one exercise: the folder to zip and upload as the
/// "Autograder configuration" of a Gradescope programming assignment (Ubuntu 22.04 base image).
///
/// - `setup.sh`: installs the system packages the package's targets name (Cairo, libpng,
///   libdeflate, zlib, giflib, a font) with apt, Swift from swift.org's Ubuntu 22.04 release,
///   and builds `lesson` (release) from `lesson/`;
/// - `run_autograder`: grades the first `.yaml`, `.yml` or `.json` file of
///   `/autograder/submission` as the student Gradescope names in
///   `/autograder/submission_metadata.json` (`GradescopeSubmitter`, matched with `roster.csv`
///   when there is one) and writes `/autograder/results/results.json`;
/// - `exercise.yaml`: the exercise as it was given, with an `id:` line when it had none, so
///   per-student numbers are drawn from the exercise's own id and not from "exercise";
/// - `roster.csv`: who is who in the class roster the sheets were made from (names and ids only),
///   when one is given;
/// - `lesson/`: the package's sources (`Package.swift`, `Package.resolved`, `Sources/`, `lessons/`;
///   without `Tests/` the manifest declares no test targets);
/// - `README.md`: the steps in Gradescope.
///
/// The bundle is written whole into a hidden folder inside `folder`, then moved up: a bundle
/// written before into the same folder is replaced entirely (no `roster.csv` of last week stays
/// behind for `run_autograder` to use), and a folder holding anything else is refused by name.
public enum AutograderBundle {
    /// The Swift release the bundle installs: the one the package is built and tested with.
    public static let swiftVersion = "6.3.1"

    /// The Debian packages `setup.sh` installs besides Swift's own: the system libraries the
    /// package's targets link (every `.apt` provider of `Package.swift`), pkg-config and a font.
    public static let systemPackages = ["pkg-config", "libcairo2-dev", "libpng-dev", "libdeflate-dev", "zlib1g-dev",
                                        "libgif-dev", "fonts-dejavu-core"]

    /// Writes the bundle of `exercise` (read from `exerciseFile`) into `folder`, copying the
    /// package at `packageRoot` and, when given, the class roster; returns the files written,
    /// relative to `folder`, sorted.
    @discardableResult
    public static func write(exerciseFile: URL, exercise: Exercise, packageRoot: URL, to folder: URL,
                             reveal: GradescopeResults.Reveal, roster: (url: URL, name: String)? = nil) throws -> [String] {
        let manager = FileManager.default
        let old = try existingEntries(folder)
        do { try manager.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw InputError("cannot create the folder '\(folder.path)'")
        }
        // Written whole into a hidden folder inside `folder`, then moved up entry by entry, so
        // `folder` itself stays (the shell's working folder, a symbolic link, a mount point).
        let staging = folder.appendingPathComponent(".lesson-new-\(UUID().uuidString)")
        let aside = folder.appendingPathComponent(".lesson-old-\(UUID().uuidString)")
        do { try manager.createDirectory(at: staging, withIntermediateDirectories: false) } catch {
            throw InputError("cannot create a folder in '\(folder.path)' to write the bundle")
        }
        defer { try? manager.removeItem(at: staging) }
        let written = try writeFiles(exerciseFile: exerciseFile, exercise: exercise, packageRoot: packageRoot, to: staging,
                                     reveal: reveal, roster: roster)
        do {
            if !old.isEmpty { try manager.createDirectory(at: aside, withIntermediateDirectories: false) }
            for name in old { try manager.moveItem(at: folder.appendingPathComponent(name), to: aside.appendingPathComponent(name)) }
            for name in try manager.contentsOfDirectory(atPath: staging.path).sorted() {
                try manager.moveItem(at: staging.appendingPathComponent(name), to: folder.appendingPathComponent(name))
            }
        } catch {
            throw InputError("cannot move the new bundle into '\(folder.path)'; the bundle that was there is in '\(aside.lastPathComponent)' inside it")
        }
        try? manager.removeItem(at: aside)
        return written
    }

    /// What a bundle's folder holds at its top: a bundle written before is replaced by the new one.
    static let bundleEntries: Set<String> = ["setup.sh", "run_autograder", "exercise.yaml", "roster.csv", "README.md", "lesson"]

    /// The entries of a bundle written before in `folder` (none for a new or empty folder); any
    /// other entry is refused by name, never deleted (hidden clutter such as .DS_Store is left alone).
    static func existingEntries(_ folder: URL) throws -> [String] {
        let manager = FileManager.default
        guard RegularFile.kind(folder.path) != .missing else { return [] }
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError("'\(folder.path)' is a file, not a folder; give a new or empty folder for the bundle")
        }
        let names: [String]
        do { names = try manager.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") } } catch {
            throw InputError("the folder '\(folder.path)' cannot be listed")
        }
        let others = names.filter { !bundleEntries.contains($0) }.sorted()
        guard others.isEmpty else {
            let shown = others.prefix(3).map { "'\(Excerpt.quote($0))'" }.joined(separator: ", ")
            throw InputError("the folder '\(folder.path)' holds files that are not part of an autograder bundle (\(shown)\(others.count > 3 ? ", …" : "")); "
                             + "give a new or empty folder, or move them out: a bundle written before is replaced, nothing else is")
        }
        return names.sorted()
    }

    /// Writes every file of the bundle into the new folder `folder`.
    static func writeFiles(exerciseFile: URL, exercise: Exercise, packageRoot: URL, to folder: URL,
                           reveal: GradescopeResults.Reveal, roster: (url: URL, name: String)?) throws -> [String] {
        let manager = FileManager.default
        let exerciseData: Data
        do { exerciseData = try Data(contentsOf: exerciseFile) } catch {
            throw InputError("the exercise file '\(exercise.file)' cannot be read")
        }
        var rosterData: Data?
        if let roster {
            rosterData = Data(try identities(of: Roster.load(roster.url, displayName: roster.name)).utf8)
        }
        var written: [String] = []
        func put(_ data: Data, _ name: String, executable: Bool = false) throws {
            let url = folder.appendingPathComponent(name)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ReportWriter.atomic(data, to: url)
            if executable { try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
            written.append(name)
        }
        try put(try withIDKey(exerciseData, exercise: exercise), "exercise.yaml")
        if let rosterData { try put(rosterData, "roster.csv") }
        try put(Data(setupScript.utf8), "setup.sh", executable: true)
        try put(Data(runScript(reveal: reveal).utf8), "run_autograder", executable: true)
        try put(Data(readme(exercise, roster: rosterData != nil).utf8), "README.md")
        for name in ["Package.swift", "Package.resolved"] {
            let url = packageRoot.appendingPathComponent(name)
            if let data = try? Data(contentsOf: url) { try put(data, "lesson/" + name) }
        }
        for sub in ["Sources", "lessons"] {
            let base = packageRoot.appendingPathComponent(sub)
            guard let enumerator = manager.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
                throw InputError("the package folder '\(base.path)' cannot be listed; run the command inside the lesson package")
            }
            var files: [String] = []
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1)))
            }
            for relative in files.sorted() {
                try put(try Data(contentsOf: base.appendingPathComponent(relative)), "lesson/\(sub)/\(relative)")
            }
        }
        return written.sorted()
    }

    /// The roster's students as a CSV of only what identifies them (name, Canvas id, SIS id,
    /// login, e-mail, section), under headers that read back as the same roster of the same
    /// format: the bundle is uploaded to Gradescope, and a Canvas export's other columns (every
    /// grade of the term) stay with the teacher.
    static func identities(of roster: Roster) throws -> String {
        let headers: [String]
        switch roster.format {
        case .canvas: headers = ["Student", "ID", "SIS User ID", "SIS Login ID", "Email", "Section"]
        case .moodle: headers = ["Name", "ID", "ID number", "Username", "Email address", "Groups"]
        case .generic: headers = ["Name", "ID", "SIS ID", "Login", "Email", "Section"]
        }
        let field = { (text: String) in GradebookCSV.quoted(text, defusingFormulas: false) }
        var csv = headers.joined(separator: ",") + "\n"
        for s in roster.students {
            csv += [s.name, s.canvasID, s.sisID, s.login, s.email, s.section].map(field).joined(separator: ",") + "\n"
        }
        let back = try Roster(csv, file: roster.file)
        guard back.format == roster.format, back.students == roster.students else {
            throw InputError("the roster '\(roster.file)' could not be copied into the bundle as the same students; please report this with the roster's header")
        }
        return csv
    }

    /// The exercise file's bytes with an `id:` line naming the exercise's id, unless it has one:
    /// the bundle calls its copy `exercise.yaml`, and without the line its id would be
    /// "exercise" and every per-student number would differ from the sheets'. The line goes
    /// at the top, or after a `---` that starts the document; the result is read back to check
    /// that it is the same exercise under the same id.
    static func withIDKey(_ data: Data, exercise: Exercise) throws -> Data {
        if exercise.hasIDKey { return data }
        let refusal = InputError("\(exercise.file): cannot add 'id: \(exercise.id)' to the bundle's copy of the exercise; "
                                 + "add that line to the top of the file and run the command again")
        guard var text = String(data: data, encoding: .utf8) else { throw refusal }
        let bom = text.hasPrefix("\u{FEFF}")
        if bom { text.removeFirst() }
        let line = "id: \(ExerciseSheet.yamlScalar(exercise.id))   # added by lesson exercise autograder: per-student numbers are drawn from this id"
        var lines = text.components(separatedBy: "\n")
        var at = 0
        for (index, content) in lines.enumerated() {
            let trimmed = content.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("%") { continue }
            if trimmed.hasPrefix("---") { at = index + 1 }
            break
        }
        lines.insert(line, at: at)
        let result = (bom ? "\u{FEFF}" : "") + lines.joined(separator: "\n")
        guard let copy = try? Exercise(id: "exercise", document: YAMLValue.parse(result, file: exercise.file), file: exercise.file),
              copy.id == exercise.id, copy.questions.map(\.id) == exercise.questions.map(\.id) else { throw refusal }
        return Data(result.utf8)
    }

    /// `setup.sh`: run once by Gradescope when the autograder image is built. `AUTOGRADER_ROOT`
    /// (default `/autograder`) is where Gradescope puts the bundle, in `source/`.
    public static var setupScript: String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this once, as root, in /autograder/source on its Ubuntu 22.04 image.
        set -euo pipefail
        root="${AUTOGRADER_ROOT:-/autograder}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # Swift's own dependencies (swift.org's list for Ubuntu 22.04), then the system libraries of
        # lesson's targets: Cairo, libpng, libdeflate, zlib, giflib (CCairo, CPNG, CDeflate, CZlib,
        # CGif in Package.swift), pkg-config and the DejaVu fonts.
        apt-get install -y -qq curl ca-certificates binutils git gnupg2 libc6-dev libcurl4-openssl-dev \\
          libedit2 libgcc-11-dev libpython3-dev libsqlite3-0 libstdc++-11-dev libxml2-dev libz3-dev \\
          tzdata unzip \(systemPackages.joined(separator: " "))
        cd /opt
        curl -fsSL -o swift.tar.gz \\
          https://download.swift.org/swift-\(swiftVersion)-release/ubuntu2204/swift-\(swiftVersion)-RELEASE/swift-\(swiftVersion)-RELEASE-ubuntu22.04.tar.gz
        tar xzf swift.tar.gz && rm swift.tar.gz
        export PATH=/opt/swift-\(swiftVersion)-RELEASE-ubuntu22.04/usr/bin:$PATH
        cd "$root/source/lesson"
        swift build -c release --product lesson
        install -m 755 .build/release/lesson /usr/local/bin/lesson

        """
    }

    /// `run_autograder`: run by Gradescope for every submission. `AUTOGRADER_ROOT` (default
    /// `/autograder`) and `LESSON` (default: `lesson` on the PATH) let it run in a folder laid
    /// out like Gradescope's, for a test.
    public static func runScript(reveal: GradescopeResults.Reveal) -> String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this for every submission: the student's files are in /autograder/submission,
        # who handed them in is in /autograder/submission_metadata.json. The file is graded as that
        # student (with roster.csv, the roster id their sheet was drawn for; see README.md), whatever
        # the file is called. AUTOGRADER_ROOT and LESSON let it run in a fake layout for a test.
        set -uo pipefail
        root="${AUTOGRADER_ROOT:-/autograder}"
        lesson="${LESSON:-lesson}"
        results="$root/results/results.json"
        mkdir -p "$root/results"
        file=$(find "$root/submission" -maxdepth 2 -type f \\( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \\) | sort | head -n 1)
        if [ -z "$file" ]; then
          printf '%s\\n' '{"score": 0, "output": "No answer file: upload one .yaml or .json file with your answers.", "visibility": "visible", "tests": []}' \\
            > "$results"
          exit 0
        fi
        roster=()
        if [ -f "$root/source/roster.csv" ]; then roster=(--roster "$root/source/roster.csv"); fi
        work=$(mktemp -d)
        # What lesson prints goes to this script's output, which Gradescope shows the teacher only.
        LESSON_HOME="$root/source/lesson" "$lesson" grade "$root/source/exercise.yaml" "$file" \\
          --gradescope-metadata "$root/submission_metadata.json" "${roster[@]}" \\
          --out "$work/grade" --no-figures --reveal \(reveal.rawValue) --gradescope "$results" || {
          printf '%s\\n' '{"score": 0, "output": "The autograder could not grade this file; your teacher can see why in its output.", "visibility": "visible", "tests": []}' \\
            > "$results"
        }
        rm -rf "$work"

        """
    }

    /// The README of the bundle: what to do in Gradescope, step by step, and how a file is
    /// matched with its student.
    public static func readme(_ exercise: Exercise, roster: Bool) -> String {
        let variants = exercise.questions.contains(where: \.hasVariants)
        let identity = roster
            ? "Each file is graded as the student who handed it in: their Gradescope e-mail (else their student ID, else their name) is looked up in `roster.csv`, the class roster the sheets were made from, and the file is graded as the roster id their sheet was drawn for. A file whose `student:` key disagrees is graded as the submitter all the same, with a note. A submitter who is not on the roster is graded as the file's `student:` key, with a note."
            : "This bundle has no class roster (`lesson exercise autograder --roster FILE.csv` adds one). Each file is graded as its `student:` key, the id the sheet's answer file has filled in; when that key is not the submitter's Gradescope e-mail, the part of it before @, or their student ID, the feedback says so, for the student and you to see. A file without the key is graded as the part of the e-mail before @."
        return """
        # Gradescope autograder: \(exercise.title)

        1. Zip this folder's contents (not the folder itself): `cd <this folder> && zip -r ../autograder.zip .`
        2. In Gradescope, create a *Programming Assignment* worth \(Counted.points(exercise.maxPoints)).
        3. Under *Configure Autograder*, choose *Zip file upload*, base image *Ubuntu 22.04*, upload
           `autograder.zip` and wait for the image to build (setup.sh installs Swift \(swiftVersion) and the system
           libraries, and builds `lesson`; this takes several minutes).
        4. Test it with *Test Autograder* and one of the sample answer files.
        5. Students upload one answer file (`.yaml` or `.json`), as their sheet shows
           (`lesson exercise show \(exercise.id) --student <id>`); its name does not matter.

        Exercise id: `\(exercise.id)` (the `id:` line of `exercise.yaml`)\(variants ? ". Each student's numbers are drawn from it and their student id, as on their sheet." : ".")

        Who is graded: \(identity)

        Every question is one test. \(exercise.hidesAnswers ? "Answers are hidden: each question's expected answer and working are in a separate 0-point test that students see only after you publish the grades (or after the due date, if the bundle was made with `--reveal after_due_date`)." : "Wrong answers show the expected answer and the working.") What `lesson grade` printed is in the autograder's output, which Gradescope shows you but not the student.

        To try it on your machine: lay out a folder as Gradescope does (`source/` holding this bundle,
        `submission/` an answer file, `submission_metadata.json`) and run
        `AUTOGRADER_ROOT=<folder> LESSON=<path to lesson> bash run_autograder`; the results are in `<folder>/results/results.json`.

        """
    }
}

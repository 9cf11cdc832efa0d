import Foundation
import LessonCore

/// A Gradescope autograder for one exercise: the folder to zip and upload as the
/// "Autograder configuration" of a Gradescope programming assignment (Ubuntu 22.04 base image).
///
/// - `setup.sh`: installs Cairo, libpng, zlib and a font with apt, Swift from swift.org's
///   Ubuntu 22.04 release, and builds `lesson` (release) from `lesson/`;
/// - `run_autograder`: grades the first `.yaml`, `.yml` or `.json` file of
///   `/autograder/submission` and writes `/autograder/results/results.json`;
/// - `exercise.yaml`: the exercise, as it was given;
/// - `lesson/`: the package's sources (`Package.swift`, `Package.resolved`, `Sources/`, `lessons/`);
/// - `README.md`: the steps in Gradescope.
///
/// Every file is written whole (a temporary file renamed into place).
public enum AutograderBundle {
    /// The Swift release the bundle installs.
    public static let swiftVersion = "6.1.2"

    /// Writes the bundle of `exercise` (read from `exerciseFile`) into `folder`, copying the
    /// package at `packageRoot`; returns the files written, relative to `folder`, sorted.
    @discardableResult
    public static func write(exerciseFile: URL, exercise: Exercise, packageRoot: URL, to folder: URL,
                             reveal: GradescopeResults.Reveal) throws -> [String] {
        let manager = FileManager.default
        do { try manager.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw InputError("cannot create the folder '\(folder.path)'")
        }
        let exerciseData: Data
        do { exerciseData = try Data(contentsOf: exerciseFile) } catch {
            throw InputError("the exercise file '\(exercise.file)' cannot be read")
        }
        var written: [String] = []
        func put(_ data: Data, _ name: String, executable: Bool = false) throws {
            let url = folder.appendingPathComponent(name)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ReportWriter.atomic(data, to: url)
            if executable { try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
            written.append(name)
        }
        try put(exerciseData, "exercise.yaml")
        try put(Data(setupScript.utf8), "setup.sh", executable: true)
        try put(Data(runScript(reveal: reveal).utf8), "run_autograder", executable: true)
        try put(Data(readme(exercise).utf8), "README.md")
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

    /// `setup.sh`: run once by Gradescope when the autograder image is built.
    public static let setupScript = """
        #!/usr/bin/env bash
        # Gradescope runs this once, as root, in /autograder/source on its Ubuntu 22.04 image.
        set -euo pipefail
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq curl ca-certificates binutils git gnupg2 libc6-dev libcurl4-openssl-dev \\
          libedit2 libgcc-11-dev libpython3-dev libsqlite3-0 libstdc++-11-dev libxml2-dev libz3-dev \\
          pkg-config tzdata unzip zlib1g-dev libcairo2-dev libpng-dev fonts-dejavu-core
        cd /opt
        curl -fsSL -o swift.tar.gz \\
          https://download.swift.org/swift-\(swiftVersion)-release/ubuntu2204/swift-\(swiftVersion)-RELEASE/swift-\(swiftVersion)-RELEASE-ubuntu22.04.tar.gz
        tar xzf swift.tar.gz && rm swift.tar.gz
        export PATH=/opt/swift-\(swiftVersion)-RELEASE-ubuntu22.04/usr/bin:$PATH
        cd /autograder/source/lesson
        swift build -c release --product lesson
        install -m 755 .build/release/lesson /usr/local/bin/lesson

        """

    /// `run_autograder`: run by Gradescope for every submission.
    public static func runScript(reveal: GradescopeResults.Reveal) -> String {
        """
        #!/usr/bin/env bash
        # Gradescope runs this for every submission; the student's files are in /autograder/submission.
        set -uo pipefail
        mkdir -p /autograder/results
        file=$(find /autograder/submission -maxdepth 2 -type f \\( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \\) | sort | head -n 1)
        if [ -z "$file" ]; then
          printf '%s\\n' '{"score": 0, "output": "No answer file: upload one .yaml or .json file with your answers.", "visibility": "visible", "tests": []}' \\
            > /autograder/results/results.json
          exit 0
        fi
        cd /autograder/source/lesson
        LESSON_HOME=/autograder/source/lesson lesson grade /autograder/source/exercise.yaml "$file" \\
          --out /tmp/lesson-grade --no-figures --reveal \(reveal.rawValue) \\
          --gradescope /autograder/results/results.json > /tmp/lesson-grade.log 2>&1 || {
          printf '%s\\n' '{"score": 0, "output": "The autograder could not grade this file; your teacher has been told.", "visibility": "visible", "tests": []}' \\
            > /autograder/results/results.json
        }

        """
    }

    /// The README of the bundle: what to do in Gradescope, step by step.
    public static func readme(_ exercise: Exercise) -> String {
        """
        # Gradescope autograder: \(exercise.title)

        1. Zip this folder's contents (not the folder itself): `cd <this folder> && zip -r ../autograder.zip .`
        2. In Gradescope, create a *Programming Assignment* worth \(Counted.points(exercise.maxPoints)).
        3. Under *Configure Autograder*, choose *Zip file upload*, base image *Ubuntu 22.04*, upload
           `autograder.zip` and wait for the image to build (setup.sh installs Swift and builds `lesson`;
           this takes several minutes).
        4. Test it with *Test Autograder* and one of the sample answer files.
        5. Students upload one answer file (`.yaml` or `.json`), as their sheet shows
           (`lesson exercise show \(exercise.id) --student <id>`).

        Every question is one test. \(exercise.hidesAnswers ? "Answers are hidden: each question's expected answer and working are in a separate 0-point test that students see only after you publish the grades (or after the due date, if the bundle was made with `--reveal after_due_date`)." : "Wrong answers show the expected answer and the working.")

        """
    }
}

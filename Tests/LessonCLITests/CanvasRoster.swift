import Foundation

/// Writes `folder/name` as Canvas's "Export Entire Gradebook" lays it out: the header, the
/// Points Possible row, then `students`, one CSV row each (`"Lee, Amy",1001,S001,amy,A`).
func canvasRoster(in folder: URL, named name: String = "canvas.csv", _ students: [String]) throws -> URL {
    let url = folder.appendingPathComponent(name)
    let text = "Student,ID,SIS User ID,SIS Login ID,Section\n    Points Possible,,,,\n" + students.map { $0 + "\n" }.joined()
    try Data(text.utf8).write(to: url)
    return url
}

import Foundation
import LessonCore

/// Decides whose answer file a file is. One rule, in one place, so a roster can later
/// decide through it too:
///
/// 1. An id assigned from outside (a roster, `lesson grade --student`) decides; else
/// 2. the file name without its extension decides (`ana.yaml` is Ana's).
/// 3. A `student:` field inside the file is only checked: when it disagrees, the result
///    carries a note saying so, and the file still belongs to the id of rule 1 or 2, so no
///    file can claim another student's id.
/// 4. An id that is empty, longer than `maximumLength` characters or holds a control
///    character (tab, CR, ESC, NUL, …) is refused: such files are not graded.
public struct StudentIdentity: Sendable, Equatable {
    /// The id the file is graded under.
    public var id: String
    /// Why the file's own `student:` field was not obeyed, if it disagreed.
    public var note: String?

    /// The longest id accepted.
    public static let maximumLength = 100

    /// The identity of a file whose name gives `fileID`, given an outside `assigned` id (or
    /// nil) and the file's own `student:` text (or nil). Throws one sentence when the id that
    /// decides is not a usable id.
    public static func decide(fileID: String, assigned: String? = nil, declared: String?) throws -> StudentIdentity {
        let id = assigned ?? fileID
        let source = assigned == nil ? "the student id from the file name" : "the student id given"
        if id.isEmpty { throw InputError("\(source) is empty") }
        if Excerpt.hasControlCharacters(id) {
            throw InputError("\(source), '\(Excerpt.quote(id))', holds control characters")
        }
        if id.count > maximumLength { throw InputError("\(source) is longer than \(maximumLength) characters") }
        var identity = StudentIdentity(id: id, note: nil)
        if let declared {
            let trimmed = declared.trimmingCharacters(in: .whitespaces)
            if trimmed != id {
                identity.note = "the file says 'student: \(Excerpt.quote(trimmed, limit: 40))' but is graded as '\(id)', "
                    + (assigned == nil ? "whose file name it has" : "the id it was given")
            }
        }
        return identity
    }
}

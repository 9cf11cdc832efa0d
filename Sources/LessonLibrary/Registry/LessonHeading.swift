/// The heading of a run: the title, the variant, its description and where in the notes the
/// example comes from. A run whose options changed the example is the variant "custom".
public struct LessonHeading: Equatable, Sendable {
    public var title: String
    public var source: String?
    public var variant: String
    public var description: String?

    public init(title: String, source: String? = nil, variant: String = "example", description: String? = nil) {
        self.title = title
        self.source = source
        self.variant = variant
        self.description = description
    }

    /// The heading of a variant as the lesson file writes it (a variant may name its own `source`).
    public init(file: LessonFile, variant: LessonVariant) throws {
        self.init(title: file.title, source: try variant["source"]?.string() ?? file.source,
                  variant: variant.name, description: variant.description)
    }

    /// The heading once options changed the example: `title` with no source or description, or
    /// (when `title` is nil) this heading with only the variant renamed.
    public func custom(title: String?) -> LessonHeading {
        guard let title else { return LessonHeading(title: self.title, source: source, variant: "custom", description: description) }
        return LessonHeading(title: title, variant: "custom")
    }

    /// The first line of a run: the title, and the variant unless it is the example.
    public var titleLine: String {
        title + (variant == "example" ? "" : " — variant \(variant)")
    }

    /// The title line, the description and the source, each on its line.
    public var lines: [String] {
        [titleLine] + (description.map { [$0] } ?? []) + (source.map { ["From the course notes: \($0)"] } ?? [])
    }
}

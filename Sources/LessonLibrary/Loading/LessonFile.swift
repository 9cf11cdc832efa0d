import Foundation
import LessonCore

/// A lesson file, `lessons/<id>.yaml`: a title, a one-line summary, the worked example
/// and named variants of it.
///
/// ```yaml
/// title: "2D convolution: the 5×5 example"
/// summary: One line for `lesson list`.
/// source: seeds/004, the 5×5 example
/// example:          # the default variant, named "example"
///   input: "1 0 3 0 2; …"
///   expected: {output: "2 5 -1; …"}
/// variants:
///   padding-1:      # keys here replace the example's; `expected` is never inherited
///     padding: 1
/// ```
public struct LessonFile {
    /// The lesson id: the file name without `.yaml`, also the `lesson run` argument.
    public let id: String
    /// The title shown at the top of a run.
    public let title: String
    /// One line for `lesson list`.
    public let summary: String
    /// Where in the course notes the example comes from.
    public let source: String?
    /// The whole document.
    public let root: YAMLValue
    /// The variants in file order; the first is `example`.
    public let variants: [LessonVariant]

    /// Reads a lesson from its parsed document.
    public init(id: String, document: YAMLValue) throws {
        guard document.isMapping else { throw document.error("a lesson file must be a mapping with title, summary and example") }
        self.id = id
        self.root = document
        self.title = try document.require("title", expected: "the lesson's title").string()
        self.summary = try document.require("summary", expected: "a one-line summary").string()
        self.source = try document["source"]?.string()
        let example = try document.require("example", expected: "the worked example's parameters")
        guard example.isMapping else { throw example.error("the example must be a mapping of parameters") }
        var variants = [LessonVariant(name: "example", base: nil, values: example)]
        if let extra = document["variants"] {
            for (name, values) in try extra.entries() {
                guard values.isMapping else { throw values.error("variant '\(name)' must be a mapping of parameters") }
                guard name != "example" else { throw values.error("'example' is the name of the default variant; choose another name") }
                variants.append(LessonVariant(name: name, base: example, values: values))
            }
        }
        self.variants = variants
    }

    /// The variant called `name` (nil for the example), or an error listing the variants.
    public func variant(_ name: String?) throws -> LessonVariant {
        let wanted = name ?? "example"
        guard let found = variants.first(where: { $0.name == wanted }) else {
            throw InputError("lesson '\(id)' has no variant '\(wanted)'; its variants are \(variants.map(\.name).joined(separator: ", "))")
        }
        return found
    }
}

/// One variant of a lesson's example: its own keys, falling back to the example's.
public struct LessonVariant {
    /// The variant's name (`example` for the default).
    public let name: String
    /// The example this variant modifies, or nil for the example itself.
    let base: YAMLValue?
    /// This variant's own keys.
    let values: YAMLValue

    /// Keys a variant does not inherit from the example: they describe the example's own numbers.
    static let notInherited: Set<String> = ["expected", "description"]

    /// The value of `key`: the variant's own, else the example's (except `expected`, `description`).
    public subscript(key: String) -> YAMLValue? {
        if let own = values[key] { return own }
        if Self.notInherited.contains(key) { return nil }
        return base?[key]
    }

    /// The value of `key`, or an error naming the variant and what the key should hold.
    public func require(_ key: String, expected: String) throws -> YAMLValue {
        guard let value = self[key] else {
            throw values.error("variant '\(name)' has no '\(key)'; it should hold \(expected)")
        }
        return value
    }

    /// Where the variant is written: "lessons/conv2d.yaml, line 20 (variants.slide)".
    public var location: String { values.location }

    /// A sentence describing the variant, if the file gives one.
    public var description: String? { try? self["description"]?.string() }

    /// Throws if the variant (or the example it inherits from) has a key not in `allowed`.
    public func rejectUnknownKeys(allowed: [String]) throws {
        let all = allowed + ["description", "expected"]
        try base?.rejectUnknownKeys(allowed: all)
        try values.rejectUnknownKeys(allowed: all)
    }
}

import ArgumentParser
import LessonCore

/// A lesson, declared once: everything `lesson list`, `lesson run <id>` (with its `--help` and
/// shell completion), `lesson figures` and the README's lesson table know about it.
///
/// To add a lesson:
/// 1. write `lessons/<id>.yaml` (title, summary, source, `example:` and any `variants:`);
/// 2. write `Sources/LessonLibrary/Lessons/<Name>Lesson.swift`: a type conforming to `Lesson`
///    with its `Example` (read from a variant), its `Options` (the command-line options that
///    change the example, a `LessonOptions`; `NoOptions` when there are none) and `run`;
/// 3. add the type to `LessonRegistry.lessons`.
/// Nothing else: the command line, the figures and the tests that cover every lesson read the registry.
public protocol Lesson: Sendable {
    /// The parameters of one run, read from a lesson variant and changed by options.
    associatedtype Example
    /// The options of `lesson run <id>` that change the example.
    associatedtype Options: LessonOptions where Options.Example == Example

    /// The lesson id: `lessons/<id>.yaml` and `lesson run <id>`.
    static var id: String { get }
    /// One line for `lesson run --help` and the README: what the lesson traces.
    static var abstract: String { get }
    /// A paragraph for `lesson run <id> --help`: the default example and how options are written.
    static var discussion: String { get }
    /// The title of a run whose options changed the example ("2D convolution"), or nil to keep
    /// the lesson file's title, source and description (the options only change how it is shown).
    static var customTitle: String? { get }
    /// The name of the option that picks which frames to draw: `steps`, unless the lesson's own
    /// `--steps` means something else.
    static var framesOption: String { get }

    /// Reads the example of a variant of the lesson file.
    static func example(_ variant: LessonVariant) throws -> Example
    /// Runs the example: the trace as text, JSON payload and figures, and the stated values that
    /// do not match.
    static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput
}

extension Lesson {
    public static var framesOption: String { "steps" }

    /// Runs a variant of the lesson file as it is written.
    public static func run(_ file: LessonFile, variant: LessonVariant) throws -> LessonOutput {
        try located(in: variant) { try run(try example(variant), heading: try LessonHeading(file: file, variant: variant)) }
    }

    /// Runs a variant with the options a person gave: the heading says "custom" when they
    /// changed the example.
    public static func run(_ file: LessonFile, variant: LessonVariant, options: Options) throws -> LessonOutput {
        var example = try example(variant)
        let changed = try options.apply(to: &example)
        var heading = try LessonHeading(file: file, variant: variant)
        if changed { heading = heading.custom(title: customTitle) }
        // A mistake in the lesson file's own example names the file and the variant's line.
        return try changed ? run(example, heading: heading) : located(in: variant) { try run(example, heading: heading) }
    }

    /// Runs `body`; an input error that does not say where it happened is placed in `variant`.
    private static func located<T>(in variant: LessonVariant, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as InputError where !error.isLocated {
            throw error.located(in: variant.location)
        }
    }
}

extension Lesson where Example: LessonExample {
    public static func example(_ variant: LessonVariant) throws -> Example { try Example(variant) }
}

/// An example that reads itself from a lesson variant.
public protocol LessonExample {
    /// Reads a variant of the lesson file; unknown keys and malformed values are errors that name the file and line.
    init(_ variant: LessonVariant) throws
}

/// The command-line options of one lesson: a group of swift-argument-parser options that
/// changes the lesson's example.
public protocol LessonOptions: ParsableArguments {
    associatedtype Example
    /// Applies the options that were given to `example` and returns whether any changed it.
    /// The example's own rule decides which stated values of the lesson file no longer hold.
    func apply(to example: inout Example) throws -> Bool
}

/// The options of a lesson that takes none besides the shared ones.
public struct NoOptions<Example>: LessonOptions {
    public init() {}
    public func apply(to example: inout Example) throws -> Bool { false }
}

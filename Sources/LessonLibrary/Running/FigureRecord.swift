/// One file `lesson figures` wrote: an entry of `output/figures.json`.
public struct FigureRecord: Equatable, Sendable, Codable {
    /// The path relative to the output folder, with `/` separators: `conv2d/padding-1/step-01.png`.
    public var file: String
    /// The lesson id and variant name.
    public var lesson: String
    public var variant: String
    /// The step the figure shows (1-based), or nil for overviews and filmstrips.
    public var step: Int?
    /// The figure's name (`step-01`, `overview`, `filmstrip`).
    public var name: String
    /// The format (`png`, `svg`, `pdf`) and theme (`light`, `dark`).
    public var format: String
    public var theme: String
    /// The size in pixels (PNG) or points (SVG, PDF).
    public var width: Int
    public var height: Int
    /// One sentence saying what the figure shows, usable as alt text.
    public var description: String

    /// Creates a record.
    public init(file: String, lesson: String, variant: String, step: Int?, name: String, format: String, theme: String,
                width: Int, height: Int, description: String) {
        self.file = file
        self.lesson = lesson
        self.variant = variant
        self.step = step
        self.name = name
        self.format = format
        self.theme = theme
        self.width = width
        self.height = height
        self.description = description
    }

    private enum CodingKeys: String, CodingKey { case file, lesson, variant, step, name, format, theme, width, height, description }

    /// Encodes every key, `step` as null when there is none, so every entry has the same shape.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(lesson, forKey: .lesson)
        try container.encode(variant, forKey: .variant)
        try container.encode(step, forKey: .step)
        try container.encode(name, forKey: .name)
        try container.encode(format, forKey: .format)
        try container.encode(theme, forKey: .theme)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(description, forKey: .description)
    }
}

/// A lesson, variant or figure that could not be drawn: what it was and why, in one sentence.
public struct FigureFailure: Error, Equatable, Sendable, Codable, CustomStringConvertible {
    /// The lesson id.
    public var lesson: String
    /// The variant, or nil when the lesson file itself could not be read.
    public var variant: String?
    /// The step of the failed figure, if it shows one.
    public var step: Int?
    /// The file that was not written (`step-03.svg`), or nil when no figure was reached.
    public var file: String?
    /// Why.
    public var reason: String

    /// Creates a failure.
    public init(lesson: String, variant: String? = nil, step: Int? = nil, file: String? = nil, reason: String) {
        self.lesson = lesson
        self.variant = variant
        self.step = step
        self.file = file
        self.reason = reason
    }

    /// "conv2d, variant stride-2, step 3 (step-3.svg): reason".
    public var description: String {
        var place = lesson
        if let variant { place += ", variant \(variant)" }
        if let step { place += ", step \(step)" }
        if let file { place += " (\(file))" }
        return place + ": " + reason
    }
}

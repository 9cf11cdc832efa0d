/// The file formats a figure can be written in; all are drawn by the same code.
public enum FigureFormat: String, Sendable, CaseIterable, Codable {
    case png, svg, pdf

    /// The file extension, without the dot.
    public var fileExtension: String { rawValue }
}

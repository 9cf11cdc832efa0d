/// How filtered values are turned back into gray levels 0…255 for the picture.
public enum DisplayRule: String, Sendable, Codable {
    /// min(255, max(0, z)).
    case clamp
    /// min(255, |z|).
    case absolute

    /// The gray level shown for a filtered value.
    public func apply(_ z: Double) -> Double {
        switch self {
        case .clamp: return min(255, max(0, z))
        case .absolute: return min(255, abs(z))
        }
    }

    /// The rule as a formula.
    public var formula: String {
        switch self {
        case .clamp: return "shown = min(255, max(0, z))"
        case .absolute: return "shown = min(255, |z|)"
        }
    }
}

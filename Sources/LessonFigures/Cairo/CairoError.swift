import CCairo

/// A Cairo call that did not succeed, with Cairo's own explanation.
public struct CairoError: Error, CustomStringConvertible {
    /// What was being done ("creating a PNG surface").
    public var operation: String
    /// Cairo's status string.
    public var reason: String

    init(_ operation: String, _ status: cairo_status_t) {
        self.operation = operation
        self.reason = cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)"
    }

    public var description: String { "Cairo failed while \(operation): \(reason)" }

    /// Throws unless `status` is success.
    static func check(_ status: cairo_status_t, _ operation: @autoclosure () -> String) throws {
        if status != CAIRO_STATUS_SUCCESS { throw CairoError(operation(), status) }
    }
}

import LessonCore

/// A lesson's JSON assembled from named values: for payloads that are a view on several traces
/// (cnn, rnn, lstm), so no struct repeats the traces' fields only to name them.
struct JSONObject: Encodable {
    /// Keys written exactly as given, past the snake-case key strategy, so `grad_U` keeps its capital.
    var verbatim: [String: Tensor] = [:]
    /// The fields; their camelCase names become snake_case, a nil value leaves its key out.
    var fields: KeyValuePairs<String, any Encodable>

    init(verbatim: [String: Tensor] = [:], _ fields: KeyValuePairs<String, any Encodable>) {
        self.verbatim = verbatim
        self.fields = fields
    }

    func encode(to encoder: Encoder) throws {
        if !verbatim.isEmpty {
            // A String-keyed dictionary is written as is; the keyed fields then join the same object.
            var single = encoder.singleValueContainer()
            try single.encode(verbatim)
        }
        try encoder.encodeFields(fields)
    }
}

import LessonCore

/// A JSON key chosen at run time, for payloads that add keys beside an encoded value.
typealias DynamicKey = JSONKey

import LessonCore

// A 2-D convolution's steps and their terms, the bulk of a big trace's JSON, written as
// records (see `JSONRecord`): the same keys and values as their `encode(to:)`.

extension ConvolutionStep: JSONRecord {
    static let jsonKeys = JSONRecordKeys(["bias", "column", "label", "row", "terms", "text", "value"])

    func visitJSONValues(_ visit: (JSONRecordValue) throws -> Void) rethrows {
        try visit(.number(bias))
        try visit(.integer(column))
        try visit(.text(label))
        try visit(.integer(row))
        try visit(.records(terms))
        try visit(.text(text))
        try visit(.number(value))
    }
}

extension ConvolutionTerm: JSONRecord {
    static let jsonKeys = JSONRecordKeys(["input", "is_padding", "kernel_column", "kernel_row", "padded_column", "padded_row",
                                          "weight"])

    func visitJSONValues(_ visit: (JSONRecordValue) throws -> Void) rethrows {
        try visit(.number(input))
        try visit(.flag(isPadding))
        try visit(.integer(kernelColumn))
        try visit(.integer(kernelRow))
        try visit(.integer(paddedColumn))
        try visit(.integer(paddedRow))
        try visit(.number(weight))
    }
}

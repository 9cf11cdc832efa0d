import LessonCore

// A 2-D convolution's steps and their terms, the bulk of a big trace's JSON, written as
// records (see `JSONRecord`): the same keys and values as their `encode(to:)`.

extension ConvolutionStep: JSONRecord {
    static let jsonKeys = JSONRecordKeys(["bias", "column", "label", "row", "terms", "text", "value"])

    var jsonValues: [JSONRecordValue] {
        [.number(bias), .integer(column), .text(label), .integer(row), .records(terms), .derivedText { text }, .number(value)]
    }
}

extension ConvolutionTerm: JSONRecord {
    static let jsonKeys = JSONRecordKeys(["input", "is_padding", "kernel_column", "kernel_row", "padded_column", "padded_row",
                                          "weight"])

    var jsonValues: [JSONRecordValue] {
        [.number(input), .flag(isPadding), .integer(kernelColumn), .integer(kernelRow), .integer(paddedColumn),
         .integer(paddedRow), .number(weight)]
    }
}

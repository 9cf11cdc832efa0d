import LessonCore

extension LessonVariant {
    /// A convolution's window settings, each a whole number or `[rows, columns]`: the padding on
    /// each side (default 0), the stride and the dilation (default 1), in the ranges `OutputSize`
    /// allows. conv-arithmetic's files name them with the notes' letters `p`, `s`, `d`.
    func windowSettings(padding: String = "padding", stride: String = "stride", dilation: String = "dilation") throws
        -> (padding: Pair2, stride: Pair2, dilation: Pair2) {
        (try self[padding]?.pair(in: 0...OutputSize.largestSetting) ?? Pair2(0),
         try self[stride]?.pair(in: 1...OutputSize.largestSize) ?? Pair2(1),
         try self[dilation]?.pair(in: 1...OutputSize.largestSetting) ?? Pair2(1))
    }
}

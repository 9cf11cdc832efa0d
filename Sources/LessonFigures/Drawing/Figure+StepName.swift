extension Figure {
    /// The file name of frame `index` (0-based) of `count`: `step-1` … `step-9`, or `step-01` … `step-18`,
    /// zero-padded so the files sort in order. Every lesson names its frames this way; `prefix`
    /// tells apart several runs of frames in one lesson (`step-backward-01`, `step-full-01`).
    public static func stepName(_ index: Int, of count: Int, prefix: String = "step-") -> String {
        let digits = String(count).count, number = String(index + 1)
        return prefix + String(repeating: "0", count: max(0, digits - number.count)) + number
    }
}

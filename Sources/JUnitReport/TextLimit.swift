/// Cuts text to a length limit, marking the cut with `…`.
enum TextLimit {
    /// The text itself when it has at most `limit` UTF-16 code units, else its longest prefix of whole
    /// characters that fits with a trailing `…`.
    ///
    /// Counting UTF-16 units is the strictest of the usual measures (characters, scalars, Java `char`s),
    /// so the result fits whichever one a report consumer applies.
    static func truncated(_ text: String, toUTF16 limit: Int) -> (text: String, wasCut: Bool) {
        guard text.utf16.count > limit else { return (text, false) }
        var kept = ""
        var used = 1  // the ellipsis
        for character in text {
            let size = character.utf16.count
            guard used + size <= limit else { break }
            kept.append(character)
            used += size
        }
        return (kept + "…", true)
    }
}

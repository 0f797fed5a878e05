import Yams

/// Finds where a plain (unquoted) YAML scalar was ended by a comment: in YAML ` #` starts a comment even in the
/// middle of SQL, so `WHERE code = 'a #1'` written without `|` loses everything from ` #` on.
enum CommentCut {
    /// The comment that follows the plain scalar `scalar` starting at `mark` in `lines` (the file's lines), when
    /// its text runs up to it; nil otherwise (quoted and block scalars cannot be cut).
    static func comment(after scalar: Node.Scalar, at mark: Mark?, lines: [Substring]) -> String? {
        guard scalar.style == .plain, let mark, mark.line >= 1 else { return nil }
        let value = scalar.string
        var lineIndex = mark.line - 1
        var segment = lines.indices.contains(lineIndex) ? lines[lineIndex].dropFirst(max(0, mark.column - 1)) : ""
        // A plain scalar may go on over more indented lines; each of its lines is part of the folded value.
        while !segment.isEmpty {
            if let hash = segment.firstRange(of: " #") ?? segment.firstRange(of: "\t#") {
                let before = segment[..<hash.lowerBound].trimmingBlanks
                guard !before.isEmpty, value.hasSuffix(before) else { return nil }
                return String(segment[hash.upperBound...]).trimmingBlanks.isEmpty ? nil : "#" + segment[hash.upperBound...]
            }
            lineIndex += 1
            guard lines.indices.contains(lineIndex) else { return nil }
            segment = lines[lineIndex].drop(while: { $0 == " " || $0 == "\t" })
            let content = segment.prefix(while: { $0 != "#" }).trimmingBlanks
            guard !content.isEmpty, value.contains(content) else { return nil }
        }
        return nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingBlanks: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

import Diagnostics

/// Strings, quoted identifiers, dollar quotes, comments and words: the tokens whose ends must be found exactly,
/// because a `;` inside them is text.
extension ScriptLexer {
    /// Skips a quoted construct whose opening quote is at `position`; `openedAt` is where it starts, prefix
    /// included, for the diagnostic.
    mutating func skipQuoted(openedAt: Int, as construct: UnterminatedConstruct) throws(Diagnostic) {
        let quote = bytes[position]
        let backslashEscapes = construct == .escapeString
        position += 1
        while position < bytes.count {
            let current = bytes[position]
            position += 1
            if current == UInt8(ascii: "\\") && backslashEscapes {
                position += 1
            } else if current == quote {
                guard byte(at: position) == quote else { return }
                position += 1
            }
        }
        throw unterminated(construct, openedAt: openedAt)
    }

    /// Skips a quoted identifier and returns it as written, prefix and quotes included, when `collectingWords`.
    mutating func quotedIdentifier(openedAt: Int, collectingWords: Bool) throws(Diagnostic) -> String? {
        try skipQuoted(openedAt: openedAt, as: .quotedIdentifier)
        return collectingWords ? text(openedAt..<position) : nil
    }

    /// Reads an unquoted identifier, or a literal with a letter prefix (`E'`, `B'`, `X'`, `N'`, `U&'`, `U&"`).
    ///
    /// A prefix counts only where a token starts, as in PostgreSQL: in `type'x'` the identifier swallows the `e`.
    mutating func wordOrPrefixedLiteral(collectingWords: Bool, recognisingKeywords: Bool) throws(Diagnostic) -> Token {
        let start = position
        if let prefix = literalPrefix() {
            position += prefix.length
            if prefix.construct == .quotedIdentifier {
                return .quotedIdentifier(word: try quotedIdentifier(openedAt: start, collectingWords: collectingWords))
            }
            try skipQuoted(openedAt: start, as: prefix.construct)
            return .other
        }
        position += 1
        while let next = byte(at: position), next.isIdentifierContinuation { position += 1 }
        let identifier = bytes[start..<position]
        return .identifier(recognisingKeywords ? Keyword(identifier) : nil,
                           word: collectingWords ? Self.uppercased(identifier) : nil)
    }

    /// An identifier's text with ASCII letters upper-cased; the bytes are whole UTF-8 characters.
    private static func uppercased(_ identifier: ArraySlice<UInt8>) -> String {
        String(unsafeUninitializedCapacity: identifier.count) { buffer in
            for (index, byte) in zip(buffer.indices, identifier) { buffer[index] = byte.asciiUppercased }
            return identifier.count
        }
    }

    /// The literal that a letter prefix at `position` opens, and the prefix's length in bytes; nil when the
    /// letter starts a plain identifier.
    private func literalPrefix() -> (length: Int, construct: UnterminatedConstruct)? {
        let letter = bytes[position].asciiUppercased
        switch byte(at: position + 1) {
        case UInt8(ascii: "'"):
            switch letter {
            case UInt8(ascii: "E"): return (1, .escapeString)
            case UInt8(ascii: "B"), UInt8(ascii: "X"), UInt8(ascii: "N"): return (1, .string)
            default: return nil
            }
        case UInt8(ascii: "&") where letter == UInt8(ascii: "U"):
            switch byte(at: position + 2) {
            case UInt8(ascii: "'"): return (2, .string)
            case UInt8(ascii: "\""): return (2, .quotedIdentifier)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Skips a dollar-quoted string (`$tag$ ... $tag$`, any other text inside), a parameter (`$1`), or a lone `$`.
    mutating func skipDollarQuoteOrParameter() throws(Diagnostic) {
        let start = position
        guard let delimiterEnd = dollarDelimiterEnd(from: start) else {
            position += 1
            while let next = byte(at: position), next.isASCIIDigit { position += 1 }
            return
        }
        let delimiter = bytes[start..<delimiterEnd]
        position = delimiterEnd
        // Tags never contain `$`, so each comparison reads only up to the next `$`: linear overall.
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "$") && bytes[position...].starts(with: delimiter) {
                position += delimiter.count
                return
            }
            position += 1
        }
        throw unterminated(.dollarQuote(delimiter: text(start..<delimiterEnd)), openedAt: start)
    }

    /// The byte offset just past a dollar-quote delimiter starting at `start`: `$$` or `$tag$`, where the tag is a
    /// letter or `_` followed by letters, digits and `_`; nil otherwise.
    private func dollarDelimiterEnd(from start: Int) -> Int? {
        var end = start + 1
        if let first = byte(at: end), first.isIdentifierStart {
            end += 1
            while let next = byte(at: end), next.isTagContinuation { end += 1 }
        }
        return byte(at: end) == UInt8(ascii: "$") ? end + 1 : nil
    }

    /// Skips a `/* ... */` comment, which nests: `/* a /* b */ c */` is one comment.
    mutating func skipBlockComment() throws(Diagnostic) {
        let start = position
        var depth = 0
        while position < bytes.count {
            let current = bytes[position]
            let next = byte(at: position + 1)
            if current == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                depth += 1
                position += 2
            } else if current == UInt8(ascii: "*") && next == UInt8(ascii: "/") {
                depth -= 1
                position += 2
                if depth == 0 { return }
            } else {
                position += 1
            }
        }
        throw unterminated(.blockComment, openedAt: start)
    }
}

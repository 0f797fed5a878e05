import SQLScanner

/// A text's tokens with what the rewrite rules ask of them: upper-cased words, parenthesis depth and pairs.
struct TokenText {
    let bytes: [UInt8]
    let tokens: [SQLToken]
    /// Upper-cased (ASCII) text of word tokens; nil for others.
    let words: [String?]
    /// Parenthesis depth before each token.
    let depths: [Int]
    /// For an opening parenthesis, the index of the one that closes it.
    let closing: [Int: Int]

    init?(_ text: String) {
        guard let tokens = try? SQLScanner.tokens(in: text, file: "") else { return nil }
        let bytes = Array(text.utf8)
        self.bytes = bytes
        self.tokens = tokens
        var words: [String?] = []
        var depths: [Int] = []
        var closing: [Int: Int] = [:]
        var open: [Int] = []
        for (index, token) in tokens.enumerated() {
            depths.append(open.count)
            switch token.kind {
            case .word: words.append(String(decoding: bytes[token.range], as: UTF8.self).uppercased())
            case .openParenthesis: words.append(nil); open.append(index)
            case .closeParenthesis:
                words.append(nil)
                if let start = open.popLast() { closing[start] = index }
            default: words.append(nil)
            }
        }
        self.words = words
        self.depths = depths
        self.closing = closing
    }

    var count: Int { tokens.count }

    func word(_ index: Int) -> String? {
        index >= 0 && index < words.count ? words[index] : nil
    }

    func isWord(_ index: Int, _ candidates: String...) -> Bool {
        guard let word = word(index) else { return false }
        return candidates.contains(word)
    }

    func kind(_ index: Int) -> SQLToken.Kind? {
        index >= 0 && index < tokens.count ? tokens[index].kind : nil
    }

    func isSymbol(_ index: Int, _ symbol: Character) -> Bool {
        kind(index) == .symbol(symbol.asciiValue ?? 0)
    }

    func isOpen(_ index: Int) -> Bool { kind(index) == .openParenthesis }

    /// Whether the token follows a `.` of a qualified name (`s.nvl`), not the `..` of a range (`1..nvl(x, 3)`).
    func isQualified(_ index: Int) -> Bool {
        isSymbol(index - 1, ".") && !isSymbol(index - 2, ".")
    }

    /// The token's text as written.
    func text(_ index: Int) -> String {
        String(decoding: bytes[tokens[index].range], as: UTF8.self)
    }

    /// The text of tokens `first...last` as written.
    func text(_ first: Int, through last: Int) -> String {
        String(decoding: bytes[byteRange(first, through: last)], as: UTF8.self)
    }

    /// The bytes from the start of token `first` to the end of token `last`, whitespace and comments included.
    func byteRange(_ first: Int, through last: Int) -> Range<Int> {
        tokens[first].range.lowerBound..<tokens[last].range.upperBound
    }

    /// The arguments of the call whose `(` is at `open`, as token index ranges split at its own commas.
    func arguments(ofCallAt open: Int) -> [Range<Int>]? {
        guard let close = closing[open] else { return nil }
        var arguments: [Range<Int>] = []
        var start = open + 1
        for index in (open + 1)..<close where isSymbol(index, ",") && depths[index] == depths[open] + 1 {
            arguments.append(start..<index)
            start = index + 1
        }
        if start < close || !arguments.isEmpty { arguments.append(start..<close) }
        return arguments
    }

    /// Whether a word at `index` names a column's type in a column list: `(name TYPE` or `, name TYPE`.
    func isColumnType(_ index: Int) -> Bool {
        guard depths[index] == 1, index >= 2 else { return false }
        let name = kind(index - 1)
        return (name == .word || name == .quotedIdentifier) && (isSymbol(index - 2, ",") || isOpen(index - 2))
    }
}

import SQLScanner

/// Applies the rewrite rules to one text's tokens, statement by statement, and collects the edits, the notes
/// and the first refusal. Rules see the original tokens only, so the rewrite never rewrites its own output.
final class Rewriter {
    let source: TokenText
    /// Whether the text is a procedure's or function's body (a statement there is PL/pgSQL, not top level).
    let inBody: Bool
    /// Whether the body is a stored procedure's, where Redshift's TRUNCATE commits.
    let inProcedure: Bool
    var edits = Edits()
    /// Byte offsets in `source`.
    var notes: [(rule: String, byte: Int, page: String)] = []
    var refusal: (rule: String, byte: Int, message: String, page: String)?
    /// The words of the statement so far.
    private(set) var statementWords: [String] = []
    private(set) var statementStart = 0

    init(_ source: TokenText, inBody: Bool, inProcedure: Bool = false) {
        self.source = source
        self.inBody = inBody
        self.inProcedure = inProcedure
    }

    /// Whether the statement being read defines or alters a table or view: where Redshift's attributes can be.
    var inTableDefinition: Bool {
        (statementWords.contains("CREATE") || statementWords.contains("ALTER"))
            && (statementWords.contains("TABLE") || statementWords.contains("VIEW"))
    }

    func run() {
        run(0..<source.count)
    }

    /// Applies the rules to the tokens in `range`; a rule that consumes several tokens moves past them.
    func run(_ range: Range<Int>) {
        var index = range.lowerBound
        while index < range.upperBound {
            if source.isSymbol(index, ";") {
                statementWords = []
                statementStart = index + 1
                index += 1
                continue
            }
            // In PL/pgSQL a statement also starts after these words, with no `;` before it.
            if inBody, source.isWord(index, "BEGIN", "LOOP", "THEN", "ELSE") {
                statementWords = []
                statementStart = index + 1
                index += 1
                continue
            }
            if index == statementStart, let next = statementRule(at: index) {
                index = next
                continue
            }
            if let word = source.word(index) { statementWords.append(word) }
            index = rule(at: index) ?? index + 1
        }
    }

    /// The text of tokens `range` with the rules applied to them, for rules that rebuild a call around its
    /// arguments (their notes count too).
    func rewritten(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let inner = Rewriter(source, inBody: inBody, inProcedure: inProcedure)
        inner.statementWords = statementWords
        inner.statementStart = -1
        inner.run(range)
        notes += inner.notes
        if refusal == nil { refusal = inner.refusal }
        let bytes = source.byteRange(range.lowerBound, through: range.upperBound - 1)
        var shifted = Edits()
        for edit in inner.edits.replacements {
            shifted.replace((edit.range.lowerBound - bytes.lowerBound)..<(edit.range.upperBound - bytes.lowerBound), with: edit.text)
        }
        return shifted.apply(to: Array(source.bytes[bytes])).text
    }

    func note(_ rule: String, at index: Int, page: String) {
        notes.append((rule, source.tokens[index].range.lowerBound, page))
    }

    /// Replaces tokens `first...last` (and what lies between them) with `text`.
    func replace(_ first: Int, through last: Int, with text: String, rule: String, page: String) {
        edits.replace(source.byteRange(first, through: last), with: text)
        note(rule, at: first, page: page)
    }

    /// Removes tokens `first...last` and the space before them.
    func remove(_ first: Int, through last: Int, rule: String, page: String) {
        let start = first > 0 ? source.tokens[first - 1].range.upperBound : source.tokens[first].range.lowerBound
        edits.replace(start..<source.tokens[last].range.upperBound, with: "")
        note(rule, at: first, page: page)
    }

    func refuse(_ rule: String, at index: Int, message: String, page: String) {
        if refusal == nil { refusal = (rule, source.tokens[index].range.lowerBound, message, page) }
    }

    /// The first rule that applies at token `index`: the index after what it consumed, or nil.
    private func rule(at index: Int) -> Int? {
        switch source.kind(index) {
        case .word:
            if inTableDefinition, let next = tableRule(at: index) { return next }
            return typeRule(at: index) ?? functionRule(at: index) ?? syntaxRule(at: index)
        case .quotedIdentifier:
            return foldQuotedIdentifier(at: index)
        case .dollarQuoted(let delimiterLength):
            rewriteBody(at: index, delimiterLength: delimiterLength)
            return nil
        default:
            return nil
        }
    }

    /// Redshift folds quoted identifiers to lower case by default (r_names.html): `"MixedAlias"` is `mixedalias`.
    private func foldQuotedIdentifier(at index: Int) -> Int? {
        let text = source.text(index)
        guard text.hasPrefix("\""), text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        let folded = String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        replace(index, through: index, with: folded, rule: "identifier-case", page: "r_names.html")
        return index + 1
    }

    /// A routine's body is rewritten as SQL of its own, when the statement defines a routine or runs a block.
    private func rewriteBody(at index: Int, delimiterLength: Int) {
        guard statementWords.contains("PROCEDURE") || statementWords.contains("FUNCTION")
            || statementWords.first == "DO"
        else { return }
        let range = source.tokens[index].range
        let bodyStart = range.lowerBound + delimiterLength
        let bodyEnd = range.upperBound - delimiterLength
        guard bodyStart < bodyEnd,
            let body = TokenText(String(decoding: source.bytes[bodyStart..<bodyEnd], as: UTF8.self))
        else { return }
        let inner = Rewriter(body, inBody: true, inProcedure: statementWords.contains("PROCEDURE"))
        inner.run()
        edits.append(inner.edits, shiftedBy: bodyStart)
        notes += inner.notes.map { ($0.rule, $0.byte + bodyStart, $0.page) }
        if refusal == nil, let refused = inner.refusal {
            refusal = (refused.rule, refused.byte + bodyStart, refused.message, refused.page)
        }
    }
}

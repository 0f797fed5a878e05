/// What the lexer knows about the statement it is in the middle of: where its tokens are, its first words, and
/// whether a `;` ends it.
struct StatementBuilder {
    /// How many words ``SQLStatement/words`` keeps.
    static let wordLimit = 16

    /// Scalar offset of the first token; nil while only whitespace and comments were seen.
    private(set) var start: Int?
    /// Scalar offset just past the last token.
    private(set) var end = 0
    private(set) var words: [String] = []
    private var parenthesisDepth = 0
    private var atomicBody = AtomicBodyTracker()
    private var copy = CopyFromStdinDetector()

    /// Whether a `;` here ends the statement: not inside parentheses (as psql; e.g. a rule's
    /// `DO (INSERT ...; INSERT ...)`) nor inside a `BEGIN ATOMIC` body.
    var semicolonEndsStatement: Bool { parenthesisDepth == 0 && atomicBody.depth == 0 }

    var readsCopyData: Bool { copy.readsStdin }

    var wantsMoreWords: Bool { words.count < Self.wordLimit }

    /// Whether the next identifier's keyword matters; when not, the lexer may skip recognising it.
    var wantsKeywords: Bool { atomicBody.wantsKeywords || copy.wantsKeywords }

    /// Records a token that occupies `range` of the script.
    mutating func note(_ token: Token, at range: Range<Int>) {
        if start == nil { start = range.lowerBound }
        end = range.upperBound
        switch token {
        case .identifier(let keyword, let word):
            appendWord(word)
            atomicBody.noteIdentifier(keyword, parenthesisDepth: parenthesisDepth)
        case .quotedIdentifier(let word):
            appendWord(word)
        case .openParenthesis:
            parenthesisDepth += 1
        case .closeParenthesis:
            // Like psql, an unmatched `)` does not make the depth negative.
            parenthesisDepth = max(0, parenthesisDepth - 1)
        case .other:
            break
        }
        copy.noteToken(token.keyword, parenthesisDepth: parenthesisDepth)
    }

    private mutating func appendWord(_ word: String?) {
        guard let word, wantsMoreWords else { return }
        if words.isEmpty { words.reserveCapacity(Self.wordLimit) }
        words.append(word)
    }
}

/// One statement of a migration script, as PostgreSQL's lexer and psql delimit it.
public struct SQLStatement: Sendable, Equatable {
    /// The statement from its first token to its last token, without the terminating `;`; comments inside are kept
    /// verbatim, leading and trailing comments and whitespace are not.
    public var text: String
    /// The 0-based offset of `text` in the script, in Unicode scalars (PostgreSQL's "characters").
    public var offset: Int
    /// The 1-based line of the first token.
    public var line: Int
    /// The 1-based column of the first token, in Unicode scalars.
    public var column: Int
    /// The first (up to 16) word tokens, for classifying the statement: unquoted identifiers and keywords
    /// upper-cased (ASCII letters only, as PostgreSQL folds case), quoted identifiers as written with their quotes.
    /// Strings, numbers, parameters, dollar bodies, operators and punctuation are skipped; words inside
    /// parentheses count (so `REINDEX (CONCURRENTLY) ...` shows `CONCURRENTLY`).
    public var words: [String]
    /// For `COPY ... FROM STDIN`, the data lines that follow the statement up to (not including) the `\.` line,
    /// each ending in `"\n"` whatever the script's line breaks; `nil` for every other statement.
    public var copyData: String?
    /// When `text` was rewritten before sending (emulated Redshift), the way back to the text as written.
    public var sentTextMap: SentTextMap?

    public init(text: String, offset: Int, line: Int, column: Int, words: [String], copyData: String? = nil) {
        self.text = text
        self.offset = offset
        self.line = line
        self.column = column
        self.words = words
        self.copyData = copyData
    }

    /// The 0-based scalar offset in the script of a 1-based character position in `text` (a server error's).
    public func scriptOffset(ofPosition position: Int) -> Int {
        offset + (sentTextMap?.originalOffset(ofSent: position - 1) ?? position - 1)
    }
}

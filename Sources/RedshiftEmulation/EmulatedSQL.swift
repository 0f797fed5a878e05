import SQLScanner

/// A statement as it goes to a PostgreSQL server that stands in for Redshift: the text to send, what was changed
/// and why, and the way back to the text as written.
public struct EmulatedSQL: Sendable, Equatable {
    /// What to send. For a refused statement, a statement that fails with the refusal's message.
    public var text: String
    public var notes: [RewriteNote]
    /// Set when Redshift refuses the statement; `text` then raises the error Redshift would.
    public var refusal: Refusal?
    public var map: SentTextMap

    /// Whether anything differs from the text as written.
    public var changed: Bool { !notes.isEmpty || refusal != nil }
}

/// One rewrite: which rule, where in the text as written (0-based scalar offset), and the Redshift page it follows.
public struct RewriteNote: Sendable, Equatable {
    public var rule: String
    public var offset: Int
    public var page: String

    /// `rule (docs.aws.amazon.com/redshift/latest/dg/page)`.
    public var description: String { "\(rule) (\(RedshiftPages.url(page)))" }
}

/// What Redshift refuses and PostgreSQL would accept: the rule, where (0-based scalar offset), and the message.
public struct Refusal: Sendable, Equatable {
    public var rule: String
    public var offset: Int
    public var message: String
    public var page: String
}

/// Where the Redshift Database Developer Guide pages are.
public enum RedshiftPages {
    public static func url(_ page: String) -> String { "docs.aws.amazon.com/redshift/latest/dg/\(page)" }
}

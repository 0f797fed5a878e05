import Diagnostics

/// One lint rule: its name (what a `-- slipway:lint-ignore` comment names), how serious a finding is, and what
/// the finding says.
public struct LintRule: Sendable, Equatable {
    public var name: String
    /// `.warning` or `.error`; `--fail-on` compares against it.
    public var level: Diagnostic.Severity
    public var message: String
    /// What to do instead, shown before how to silence the rule.
    public var advice: String

    public init(name: String, level: Diagnostic.Severity, message: String, advice: String) {
        self.name = name
        self.level = level
        self.message = message
        self.advice = advice
    }
}

/// A rule that looks at one statement of a pending migration.
public struct StatementRule: Sendable {
    public var rule: LintRule
    /// Whether the statement breaks the rule.
    var matches: @Sendable (LintedStatement) -> Bool
}

import Diagnostics

/// One rule broken at one place.
public struct LintFinding: Sendable, Equatable {
    public var rule: LintRule
    public var location: SourceLocation

    public init(rule: LintRule, location: SourceLocation) {
        self.rule = rule
        self.location = location
    }

    /// `file:line:col: warning: message [rule-name]`, with what to do and how to silence the rule.
    public var diagnostic: Diagnostic {
        let silence = rule.name == LintRules.changedAppliedMigration.name
            ? "" : "; or, if this is intended, silence it with `-- \(LintIgnores.directive) \(rule.name)` on the line before"
        return Diagnostic(
            rule.level, category: .validation, location: location, message: "\(rule.message) [\(rule.name)]",
            hint: rule.advice + silence)
    }
}

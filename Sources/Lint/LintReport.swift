import Diagnostics

/// What `slipway lint` found.
public struct LintReport: Sendable, Equatable {
    public var findings: [LintFinding]
    /// The scripts that were linted (the pending ones), as shown in findings.
    public var scripts: [String]

    public init(findings: [LintFinding], scripts: [String]) {
        self.findings = findings
        self.scripts = scripts
    }

    /// Whether a finding is at `level` or above (an error is above a warning).
    public func hasFindings(atOrAbove level: Diagnostic.Severity) -> Bool {
        findings.contains { level == .warning || $0.rule.level == .error }
    }

    /// `lint: 2 errors, 1 warning in 3 pending migrations`.
    public var summary: String {
        let errors = findings.filter { $0.rule.level == .error }.count
        let warnings = findings.count - errors
        let plural = { (count: Int, word: String) in "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "lint: \(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(scripts.count, "pending migration"))"
    }
}

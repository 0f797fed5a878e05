import Diagnostics

/// What `slipway lint` found.
public struct LintReport: Sendable, Equatable {
    public var findings: [LintFinding]
    /// The scripts that were linted (the pending ones), as shown in findings.
    public var scripts: [String]
    /// plpgsql_check's findings on the routines the migrations define, at their statements in the files.
    public var routineFindings: [Diagnostic]
    /// How many routines plpgsql_check looked at; nil when it did not run (no extension, or Amazon Redshift).
    public var routinesChecked: Int?

    public init(findings: [LintFinding], scripts: [String], routineFindings: [Diagnostic] = [], routinesChecked: Int? = nil) {
        self.findings = findings
        self.scripts = scripts
        self.routineFindings = routineFindings
        self.routinesChecked = routinesChecked
    }

    /// Whether a finding is at `level` or above (an error is above a warning).
    public func hasFindings(atOrAbove level: Diagnostic.Severity) -> Bool {
        findings.contains { level == .warning || $0.rule.level == .error }
            || routineFindings.contains { $0.severity == .error || (level == .warning && $0.severity == .warning) }
    }

    /// `lint: 2 errors, 1 warning in 3 pending migrations`.
    public var summary: String {
        let errors = findings.filter { $0.rule.level == .error }.count
        let warnings = findings.count - errors
        let plural = { (count: Int, word: String) in "\(count) \(word)\(count == 1 ? "" : "s")" }
        let statements = "lint: \(plural(errors, "error")), \(plural(warnings, "warning")) in \(plural(scripts.count, "pending migration"))"
        guard let routinesChecked else { return statements }
        let routineErrors = routineFindings.filter { $0.severity == .error }.count
        let routineWarnings = routineFindings.filter { $0.severity == .warning }.count
        return statements + "; plpgsql_check: \(plural(routineErrors, "error")), \(plural(routineWarnings, "warning")) in "
            + plural(routinesChecked, "routine")
    }
}

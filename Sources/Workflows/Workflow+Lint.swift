import Diagnostics
import Dialect
import Lint
import Migrations

extension Workflow {
    /// Lints the migrations migrate would run next (pending versioned ones and changed repeatables) against
    /// the database's plan, and reports applied migrations whose files changed since.
    public func lint() throws -> LintReport {
        let info = try self.info()
        let dialect = info.dialect
        var findings: [LintFinding] = []
        var scripts: [String] = []
        for entry in info.entries {
            guard let file = entry.resolved else { continue }
            let path = DisplayPath.relative(file.path, to: invocation.currentDirectory)
            if entry.state == .pending || entry.state == .outdated {
                scripts.append(path)
                findings += try Linter.lint(file: path, text: file.text, dialect: dialect)
            } else if let applied = entry.applied, file.kind == .versioned, !file.checksumMatches(applied.checksum) {
                findings.append(LintFinding(
                    rule: LintRules.changedAppliedMigration, location: SourceLocation(file: path, line: 1, column: 1)))
            }
        }
        return LintReport(findings: findings, scripts: scripts)
    }
}

import Diagnostics
import Dialect
import Lint
import MigrationResults
import Migrations

extension Workflow {
    /// Lints the migrations migrate would run next (pending versioned ones and changed repeatables) against
    /// the database's plan, and reports applied migrations whose files changed since; then runs plpgsql_check on
    /// the routines the migrations define: on the embedded server after migrating it, on a configured database as
    /// they are there (never migrated by lint), when it has the extension.
    public func lint() throws -> LintReport {
        try withDiscoveryAndDatabase { discovered, database in
            let migrator = migrator(database, events: { _ in })
            var report = try lint(migrator.info(discovered, serverVersion: database.serverVersion))
            if database.embedded != nil {
                do {
                    _ = try migrator.migrate(discovered)
                } catch {
                    report.routineFindings = [Diagnostic(
                        .note, category: .migration, message: "routines not checked: the migrations did not apply",
                        hint: "slipway migrate --ephemeral shows why")]
                    return report
                }
            }
            let routines = try prepareRoutines(discovered, migrator, database, coverage: false)
            report.routineFindings = routines.findings
            if case .plpgsqlCheck(_, let checked) = routines.measure { report.routinesChecked = checked.count }
            return report
        }
    }

    private func lint(_ info: InfoResult) throws -> LintReport {
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

import Dialect
import Diagnostics
import SQLScanner

/// Finds risky statements in migration scripts, before they reach production.
public enum Linter {
    /// The findings for one script, in statement order, without those its `-- slipway:lint-ignore` comments silence.
    ///
    /// - Parameters:
    ///   - file: the path shown in findings.
    ///   - text: the file's text as written (placeholders not replaced, so lines and columns match the file).
    /// - Throws: the scanner's diagnostic when the script cannot be split into statements.
    public static func lint(file: String, text: String, dialect: Dialect) throws(Diagnostic) -> [LintFinding] {
        let ignores = LintIgnores(text)
        var created: Set<String> = []
        var findings: [LintFinding] = []
        for statement in try SQLScanner.statements(in: text, file: file) {
            let linted = LintedStatement(statement: statement, dialect: dialect, tablesCreatedEarlier: created)
            for rule in LintRules.statementRules
            where rule.matches(linted) && !ignores.silences(rule.rule.name, line: statement.line) {
                findings.append(LintFinding(
                    rule: rule.rule, location: SourceLocation(file: file, line: statement.line, column: statement.column)))
            }
            if linted.createsTable, let table = linted.table {
                created.insert(table.name)
            }
        }
        return findings
    }
}

import Dialect
import Diagnostics
import RedshiftEmulation
import SQLScanner

/// A migration or callback ready to run: placeholders replaced, split into statements, and its transaction
/// mode decided.
package struct PreparedScript {
    /// The path shown to the user (relative to the working directory when possible).
    package let file: String
    package let text: String
    package let statements: [SQLStatement]
    package let lines: LineIndex
    package let transactional: Bool
    /// Whether the statements were rewritten for emulated Redshift.
    package let emulatesRedshift: Bool
    /// Warnings found while preparing (e.g. a Redshift `TRUNCATE` inside a transaction).
    package let warnings: [Diagnostic]

    /// - Parameters:
    ///   - executeInTransaction: the script's `.sql.conf` setting, when it has one.
    ///   - mixed: whether a file may mix statements that can and cannot run in a transaction.
    ///   - s3Objects: where emulated Redshift's COPY finds S3 objects.
    package init(
        file: String, text: String, executeInTransaction: Bool?, mixed: Bool, dialect: Dialect,
        s3Objects: (any S3ObjectSource)? = nil
    )
        throws(Diagnostic)
    {
        self.file = file
        self.text = text
        let scanned = try SQLScanner.statements(in: text, file: file)
        // Only what is sent changes: checksums and the statements' classification stay those of the file.
        emulatesRedshift = dialect.emulatesRedshift
        let emulated = emulatesRedshift ? try RedshiftEmulation.rewrite(scanned, file: file, objects: s3Objects) : nil
        statements = emulated?.statements ?? scanned
        lines = LineIndex(text)
        // The file's own text, so that a message quotes what the user wrote.
        let outside = scanned.filter(dialect.cannotRunInTransaction)
        if let executeInTransaction {
            transactional = executeInTransaction
        } else if outside.isEmpty {
            transactional = true
        } else if outside.count == statements.count || mixed {
            transactional = false
        } else {
            let first = outside[0]
            throw Diagnostic(
                category: .input,
                location: SourceLocation(file: file, line: first.line, column: first.column),
                code: "mixed-transactional",
                message: "this file mixes statements that cannot run in a transaction with statements that can",
                notes: outside.map { "cannot run in a transaction: line \($0.line): \(ServerErrorDiagnostic.excerpt($0.text))" },
                hint: "move these statements into a file of their own, or set mixed=true (runs the whole file "
                    + "outside a transaction), or add \(file).conf with executeInTransaction=false")
        }
        let transactional = transactional
        let lines = lines
        warnings = statements.filter { transactional && dialect.commitsImplicitly($0) }.map { statement in
            Diagnostic(
                .warning, category: .input,
                location: SourceLocation(file: file, line: statement.line, column: statement.column),
                code: "implicit-commit",
                message: Dialect.truncateCommits + ", so this migration is no longer all or nothing",
                hint: "use DELETE FROM instead, or add \(file).conf with executeInTransaction=false")
        } + (emulated.map { RedshiftEmulation.notes($0.changed, file: file, lines: lines) } ?? [])
    }
}

import Diagnostics
import Dialect

/// Every rule `slipway lint` applies, as data: the README's rule table lists the same names.
public enum LintRules {
    public static let statementRules: [StatementRule] = [
        StatementRule(
            rule: LintRule(
                name: "drop-table", level: .error, message: "DROP TABLE destroys the table and its data",
                advice: "make sure nothing reads the table any more and that its data is backed up"),
            matches: { $0.starts(with: ["DROP", "TABLE"]) && !$0.tableIsNew }),
        StatementRule(
            rule: LintRule(
                name: "drop-column", level: .error, message: "DROP COLUMN destroys the column's data and breaks code that reads it",
                advice: "stop reading the column in a release before the one that drops it"),
            matches: { $0.starts(with: ["ALTER", "TABLE"]) && !$0.tableIsNew && droppedColumn($0.wordsAfterTable) }),
        StatementRule(
            rule: LintRule(
                name: "add-column-not-null", level: .error,
                message: "a NOT NULL column without a DEFAULT cannot be added to a table that has rows",
                advice: "give the column a DEFAULT, or add it nullable, backfill it, then SET NOT NULL"),
            matches: { $0.starts(with: ["ALTER", "TABLE"]) && !$0.tableIsNew && addsNotNullWithoutDefault($0) }),
        StatementRule(
            rule: LintRule(
                name: "create-index-not-concurrently", level: .warning,
                message: "CREATE INDEX without CONCURRENTLY blocks writes to the table while the index builds",
                advice: "use CREATE INDEX CONCURRENTLY in a migration file of its own (it runs outside a transaction)"),
            matches: { statement in
                statement.dialect.buildsIndexesConcurrently && !statement.tableIsNew && createsIndexWithoutConcurrently(statement.words)
            }),
        StatementRule(
            rule: LintRule(
                name: "alter-column-type", level: .warning,
                message: "changing a column's type may rewrite the whole table under an exclusive lock",
                advice: "add a new column, backfill it, and switch readers over instead"),
            matches: { $0.starts(with: ["ALTER", "TABLE"]) && !$0.tableIsNew && changesColumnType($0.wordsAfterTable) }),
        StatementRule(
            rule: LintRule(
                name: "rename", level: .warning, message: "RENAME breaks every query that uses the old name",
                advice: "rename in steps: add the new name (e.g. a view), move readers, then drop the old one"),
            matches: { $0.words.first == "ALTER" && $0.words.contains("RENAME") && !$0.tableIsNew }),
        StatementRule(
            rule: LintRule(
                name: "truncate-in-transaction", level: .warning,
                message: Dialect.truncateCommits + ", so this migration is no longer all or nothing",
                advice: "use DELETE FROM, or run the file outside a transaction (executeInTransaction=false in its .conf)"),
            matches: { $0.dialect.commitsImplicitly($0.statement) }),
        StatementRule(
            rule: LintRule(
                name: "not-emulated", level: .warning,
                message: "emulated Redshift cannot reproduce this statement (Spectrum, UNLOAD, Parquet, late-binding views, APPEND)",
                advice: "only a Redshift cluster can test it: run this migration's tests there too"),
            matches: { $0.dialect.emulatesRedshift && notEmulated($0.words) }),
    ]

    /// Statements whose Redshift behaviour the emulation does not have (README, "Testing Redshift SQL locally").
    static func notEmulated(_ words: [String]) -> Bool {
        if words.starts(with: ["CREATE", "EXTERNAL"]) || words.starts(with: ["UNLOAD"]) { return true }
        if words.first == "ALTER" && words.contains("APPEND") { return true }
        if words.contains("PARQUET") { return true }
        return zip(words, words.dropFirst()).contains { $0 == "SCHEMA" && $1 == "BINDING" }
    }

    /// An applied migration whose file changed since: validate and migrate will refuse it.
    public static let changedAppliedMigration = LintRule(
        name: "changed-applied-migration", level: .error,
        message: "this migration was already applied, and its file has changed since (checksum mismatch)",
        advice: "undo the edit and put the change in a new migration; if the edit is intended (e.g. a comment), run repair")

    public static var all: [LintRule] { statementRules.map(\.rule) + [changedAppliedMigration] }

    /// `DROP [COLUMN] name`, but not `DROP CONSTRAINT`, nor a column's `DROP DEFAULT / NOT NULL / IDENTITY / EXPRESSION`.
    static func droppedColumn(_ actions: ArraySlice<String>) -> Bool {
        let notColumns: Set<String> = ["CONSTRAINT", "DEFAULT", "NOT", "IDENTITY", "EXPRESSION"]
        return actions.indices.contains { index in
            actions[index] == "DROP" && index + 1 < actions.endIndex && !notColumns.contains(actions[index + 1])
        }
    }

    /// An `ADD [COLUMN]` clause with `NOT NULL` and neither `DEFAULT` nor a generated value. A clause cut short
    /// by the scanner's word limit is given the benefit of the doubt.
    static func addsNotNullWithoutDefault(_ statement: LintedStatement) -> Bool {
        let actions = statement.wordsAfterTable
        let constraintStarts: Set<String> = ["CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE"]
        let clauseStarts: Set<String> = ["ADD", "DROP", "ALTER", "RENAME", "VALIDATE", "OWNER"]
        var index = actions.startIndex
        while let add = actions[index...].firstIndex(of: "ADD") {
            let end = actions[(add + 1)...].firstIndex(where: clauseStarts.contains) ?? actions.endIndex
            let clause = Array(actions[(add + 1)..<end])
            index = end
            guard let first = clause.first, !constraintStarts.contains(first) else { continue }
            let notNull = zip(clause, clause.dropFirst()).contains { $0 == "NOT" && $1 == "NULL" }
            let valued = clause.contains("DEFAULT") || clause.contains("GENERATED")
            let cutShort = end == actions.endIndex && statement.words.count >= LintedStatement.scannerWordLimit
            if notNull && !valued && !cutShort { return true }
        }
        return false
    }

    static func createsIndexWithoutConcurrently(_ words: [String]) -> Bool {
        guard words.first == "CREATE" else { return false }
        let rest = words.dropFirst().drop { $0 == "UNIQUE" }
        return rest.first == "INDEX" && rest.dropFirst().first != "CONCURRENTLY"
    }

    /// `ALTER [COLUMN] name [SET DATA] TYPE ...`.
    static func changesColumnType(_ actions: ArraySlice<String>) -> Bool {
        actions.contains("ALTER") && actions.contains("TYPE")
    }
}

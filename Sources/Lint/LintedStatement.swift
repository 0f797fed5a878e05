import Dialect
import SQLScanner

/// A statement as the rules see it: its words, the dialect, and the tables created earlier in the same file
/// (changing a table nobody else can see yet is safe).
struct LintedStatement {
    let statement: SQLStatement
    let dialect: Dialect
    /// Tables created by earlier statements of the file, as ``tableName(at:)`` spells them.
    let tablesCreatedEarlier: Set<String>

    var words: [String] { statement.words }

    /// `SQLStatement.words` keeps only the first 16 words; a clause that reaches the end may be cut short.
    static let scannerWordLimit = 16

    func starts(with prefix: [String]) -> Bool { words.starts(with: prefix) }

    /// The table an `ALTER TABLE`, `DROP TABLE`, `CREATE TABLE` or `CREATE INDEX ... ON` names, and the index of
    /// the first word after the name; nil for other statements.
    var table: (name: String, end: Int)? {
        guard let start = tableNameStart else { return nil }
        return tableName(at: start)
    }

    /// Whether the statement's table was created earlier in the same file.
    var tableIsNew: Bool {
        guard let name = table?.name else { return false }
        return tablesCreatedEarlier.contains { Self.sameTable($0, name) }
    }

    /// Equal names, or the same table name where one side leaves the schema to the search path.
    private static func sameTable(_ left: String, _ right: String) -> Bool {
        let (leftParts, rightParts) = (left.split(separator: "."), right.split(separator: "."))
        return left == right || (leftParts.count != rightParts.count && leftParts.last == rightParts.last)
    }

    /// Whether this is a `CREATE [TEMP | UNLOGGED | ...] TABLE`.
    var createsTable: Bool {
        words.first == "CREATE" && words.dropFirst().drop(while: Self.tableModifiers.contains).first == "TABLE"
    }

    private static let tableModifiers: Set<String> = ["GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED"]

    /// The words after the table name (an `ALTER TABLE`'s actions).
    var wordsAfterTable: ArraySlice<String> {
        guard let end = table?.end, end <= words.count else { return [] }
        return words[end...]
    }

    private var tableNameStart: Int? {
        var index: Int
        switch words.first {
        case "ALTER", "DROP":
            guard words.count > 1, words[1] == "TABLE" else { return nil }
            index = 2
            if words.dropFirst(index).starts(with: ["IF", "EXISTS"]) { index += 2 }
            if words.count > index, words[index] == "ONLY" { index += 1 }
        case "CREATE":
            index = 1
            while index < words.count, Self.tableModifiers.contains(words[index]) || words[index] == "UNIQUE" {
                index += 1
            }
            guard index < words.count else { return nil }
            if words[index] == "TABLE" {
                index += 1
                if words.dropFirst(index).starts(with: ["IF", "NOT", "EXISTS"]) { index += 3 }
            } else if words[index] == "INDEX" {
                guard let on = words.firstIndex(of: "ON") else { return nil }
                index = on + 1
                if words.count > index, words[index] == "ONLY" { index += 1 }
            } else {
                return nil
            }
        default:
            return nil
        }
        return index < words.count ? index : nil
    }

    /// `SCHEMA.TABLE` when the text writes the two words with a dot between them, else the one word. Words lose
    /// their dots, so the statement's text (upper-cased, without spaces) decides.
    private func tableName(at index: Int) -> (name: String, end: Int) {
        let first = words[index]
        if index + 1 < words.count {
            let qualified = first + "." + words[index + 1]
            let compact = statement.text.uppercased().filter { !$0.isWhitespace }
            if compact.contains(qualified.uppercased()) { return (qualified, index + 2) }
        }
        return (first, index + 1)
    }
}

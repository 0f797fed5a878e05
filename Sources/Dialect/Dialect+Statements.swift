import SQLScanner

/// Which statements cannot run inside a transaction block, per dialect.
extension Dialect {
    /// True when the server refuses to run the statement inside a transaction, so its file must run outside one.
    public func cannotRunInTransaction(_ statement: SQLStatement) -> Bool {
        let words = statement.words
        switch kind {
        case .postgresql:
            return Self.postgresNonTransactional(words)
        case .redshift:
            return Self.redshiftNonTransactional(words)
        }
    }

    /// A statement that silently commits the open transaction (Redshift's `TRUNCATE`), breaking a
    /// transactional migration's all-or-nothing promise.
    public func commitsImplicitly(_ statement: SQLStatement) -> Bool {
        kind == .redshift && statement.words.first == "TRUNCATE"
    }

    private static func postgresNonTransactional(_ words: [String]) -> Bool {
        guard let first = words.first else { return false }
        switch first {
        case "VACUUM":
            return true
        case "ALTER":
            return words.starts(with: ["ALTER", "SYSTEM"])
        case "DISCARD":
            return words.starts(with: ["DISCARD", "ALL"])
        case "REINDEX":
            return words.contains("CONCURRENTLY") || words.contains("SCHEMA") || words.contains("DATABASE")
                || words.contains("SYSTEM")
        case "CREATE", "DROP":
            let rest = Array(words.dropFirst())
            if ["DATABASE", "TABLESPACE", "SUBSCRIPTION"].contains(rest.first ?? "") { return true }
            let index = rest.starts(with: ["UNIQUE", "INDEX"]) ? rest.dropFirst(2) : rest.starts(with: ["INDEX"])
                ? rest.dropFirst(1) : []
            return index.first == "CONCURRENTLY"
        default:
            return false
        }
    }

    private static func redshiftNonTransactional(_ words: [String]) -> Bool {
        guard let first = words.first else { return false }
        let rest = Array(words.dropFirst())
        switch first {
        case "VACUUM":
            return true
        case "CREATE", "DROP":
            return ["LIBRARY", "DATABASE"].contains(rest.first ?? "") || rest.starts(with: ["EXTERNAL", "TABLE"])
                || rest.starts(with: ["EXTERNAL", "SCHEMA"]) && first == "DROP"
                || rest.starts(with: ["IDENTITY", "PROVIDER"])
                || rest.starts(with: ["OR", "REPLACE", "EXTERNAL"])
        case "ALTER":
            if rest.starts(with: ["IDENTITY", "PROVIDER"]) || rest.starts(with: ["EXTERNAL", "TABLE"]) { return true }
            guard rest.first == "TABLE" else { return false }
            return words.contains("APPEND") || containsPair(words, "ALTER", "COLUMN", after: 1)
                || alterExternalTable(words)
        default:
            return false
        }
    }

    /// Clauses only an external (Spectrum) table has: Redshift cannot run ALTER TABLE on one inside a transaction
    /// block (docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html, r_ALTER_TABLE_external-table.html).
    private static func alterExternalTable(_ words: [String]) -> Bool {
        words.contains("PARTITION") || containsPair(words, "SET", "LOCATION", after: 1)
            || containsPair(words, "SET", "FILE", after: 1) || containsPair(words, "TABLE", "PROPERTIES", after: 1)
    }

    /// Whether `first second` appear as consecutive words somewhere after position `after`.
    private static func containsPair(_ words: [String], _ first: String, _ second: String, after: Int) -> Bool {
        guard words.count > after + 1 else { return false }
        for index in (after + 1)..<(words.count - 1) where words[index] == first && words[index + 1] == second {
            return true
        }
        return false
    }
}

extension Dialect {
    /// Whether any statement of a SQL text (a spec's step) commits implicitly; text that does not scan counts as
    /// not committing, since the server will report it when it runs.
    public func commitsImplicitly(sql: String) -> Bool {
        guard kind == .redshift, let statements = try? SQLScanner.statements(in: sql, file: "") else { return false }
        return statements.contains(where: commitsImplicitly)
    }
}

extension Dialect {
    /// The Redshift rule behind every TRUNCATE warning; each place says what it means there.
    public static let truncateCommits = "TRUNCATE commits the open transaction on Redshift"
}

extension Dialect {
    /// Whether a statement builds an index concurrently (`CREATE [UNIQUE] INDEX CONCURRENTLY`), which waits for
    /// every older transaction and leaves an INVALID index behind when it fails.
    public static func buildsIndexConcurrently(_ statement: SQLStatement) -> Bool {
        let words = statement.words
        guard words.first == "CREATE" else { return false }
        let rest = words.dropFirst().drop { $0 == "UNIQUE" }
        return rest.starts(with: ["INDEX", "CONCURRENTLY"])
    }
}

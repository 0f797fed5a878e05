/// Whole statements: what has nothing to do on PostgreSQL, and what Redshift refuses.
extension Rewriter {
    /// Parameters that only Redshift has; setting them locally changes nothing that can be tested (r_SET.html).
    static let redshiftParameters: Set<String> = [
        "QUERY_GROUP", "ENABLE_RESULT_CACHE_FOR_SESSION", "ANALYZE_THRESHOLD_PERCENT", "WLM_QUERY_SLOT_COUNT",
        "ENABLE_CASE_SENSITIVE_IDENTIFIER", "DESCRIBE_FIELD_NAME_IN_UPPERCASE", "JSON_PARSE_TRUNCATE_STRINGS",
        "AUTO_ANALYZE", "MAX_CONCURRENCY_SCALING_CLUSTERS", "MAX_CURSOR_RESULT_SET_SIZE", "SPECTRUM_QUERY_MAXERROR",
        "ENABLE_SPECTRUM_OID", "MV_ENABLE_AQMV_FOR_SESSION", "SEARCH_PATH_BEHAVIOR",
    ]

    /// A rule for the statement that starts at `index`: the index of its end, or nil to read it token by token.
    func statementRule(at index: Int) -> Int? {
        let source = source
        guard let first = source.word(index) else { return nil }
        let end = statementEnd(from: index)
        let second = source.word(index + 1)
        switch first {
        case "SAVEPOINT", "RELEASE":
            refuse("savepoint", at: index, message: "Redshift does not support savepoints (\(first))",
                   page: "c_unsupported-postgresql-features.html")
        case "ROLLBACK" where second == "TO":
            refuse("savepoint", at: index, message: "Redshift does not support savepoints (ROLLBACK TO)",
                   page: "c_unsupported-postgresql-features.html")
        case "LOCK" where (index..<end).contains { source.isWord($0, "MODE", "NOWAIT") }:
            refuse("lock-mode", at: index,
                   message: "Redshift's LOCK takes no lock mode or NOWAIT: it always locks exclusively (LOCK [TABLE] name)",
                   page: "r_LOCK.html")
        case "COPY" where (index..<end).contains { source.isWord($0, "STDIN") }:
            refuse("copy-from-stdin", at: index, message: "Redshift's COPY cannot read FROM STDIN",
                   page: "r_COPY.html")
        case "SET", "RESET":
            let name = second == "SESSION" || second == "LOCAL" ? source.word(index + 2) : second
            guard let name, Self.redshiftParameters.contains(name) else { return nil }
            nothingToDo(index, end, rule: "redshift-parameter", page: "r_SET.html")
        case "TRUNCATE" where inProcedure:
            // Redshift's TRUNCATE commits, so a procedure that truncates fails when called inside a transaction
            // block (r_TRUNCATE.html); PostgreSQL's COMMIT in a procedure does exactly that.
            replace(index, through: index, with: "COMMIT; TRUNCATE", rule: "truncate-commits", page: "r_TRUNCATE.html")
            return nil
        case "ANALYZE" where second == "COMPRESSION":
            nothingToDo(index, end, rule: "analyze-compression", page: "r_ANALYZE_COMPRESSION.html")
        case "VACUUM" where (index..<end).contains { source.isWord($0, "SORT", "DELETE", "REINDEX", "RECLUSTER", "BOOST", "PERCENT") }:
            nothingToDo(index, end, rule: "vacuum-options", page: "r_VACUUM_command.html")
        case "ALTER" where second == "TABLE"
            && (index..<end).contains { source.isWord($0, "ALTER") && source.isWord($0 + 1, "DISTKEY", "DISTSTYLE", "SORTKEY", "ENCODE", "COMPOUND", "INTERLEAVED") && $0 > index }:
            nothingToDo(index, end, rule: "alter-distribution", page: "r_ALTER_TABLE.html")
        default:
            return nil
        }
        return refusal != nil ? nil : end
    }

    /// The index just past the statement's last token.
    private func statementEnd(from index: Int) -> Int {
        var end = index
        while end < source.count, !(source.isSymbol(end, ";") && source.depths[end] == 0) { end += 1 }
        return end
    }

    /// Replaces a statement that changes nothing locally with one that does nothing.
    private func nothingToDo(_ first: Int, _ end: Int, rule: String, page: String) {
        replace(first, through: end - 1, with: inBody ? "NULL" : "SELECT WHERE FALSE", rule: rule, page: page)
    }
}

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
        case "ALTER" where second == "TABLE" && !inBody
            && (index..<end).contains { $0 > index && source.isWord($0, "ALTER") && source.isWord($0 + 1, "COLUMN") }
            && (index..<end).contains { source.isWord($0, "TYPE") }:
            outsideTransactionBlock(index, statement: "ALTER TABLE ... ALTER COLUMN ... TYPE", page: "r_ALTER_TABLE.html")
            return nil
        default:
            leaderNodeOnly(index, end)
            return nil
        }
        return refusal != nil ? nil : end
    }

    /// Redshift refuses the statement inside a transaction block; PostgreSQL runs it there. A guard sent before it
    /// fails when a transaction block is open: only then has the transaction started before the statement did.
    /// (Several statements sent as one text share one start, and form one transaction only, as on Redshift.)
    private func outsideTransactionBlock(_ index: Int, statement: String, page: String) {
        let message = "Redshift cannot run \(statement) inside a transaction block"
        let hint = "give it a migration file of its own, which runs outside a transaction, not BEGIN ... END, a file "
            + "with executeInTransaction=true or a spec's test (\(RedshiftPages.url(page)))"
        let at = source.tokens[index].range.lowerBound
        edits.replace(at..<at, with: "DO $slipway_guard$BEGIN IF pg_catalog.statement_timestamp() <> "
            + "pg_catalog.transaction_timestamp() THEN RAISE EXCEPTION USING ERRCODE = '25001', MESSAGE = "
            + RedshiftEmulation.literal(message) + ", HINT = " + RedshiftEmulation.literal(hint)
            + "; END IF; END$slipway_guard$; ")
        note("outside-transaction-block", at: index, page: page)
    }

    /// Functions that run only on the leader node fail in a query that reads a user's table
    /// (c_SQL_functions_leader_node_only.html, c_sql-functions-leader-node.html); GENERATE_SERIES is among the
    /// unsupported functions that still answer on the leader node (c_unsupported-postgresql-functions.html).
    static let leaderNodeFunctions: Set<String> = [
        "GENERATE_SERIES", "CURRENT_SCHEMA", "CURRENT_SCHEMAS", "HAS_DATABASE_PRIVILEGE", "HAS_SCHEMA_PRIVILEGE",
        "HAS_TABLE_PRIVILEGE", "AGE", "NOW", "ISFINITE", "GETBIT", "GET_BYTE", "SET_BIT", "SET_BYTE", "TO_ASCII",
    ]
    /// The deprecated leader-node-only functions written without parentheses.
    static let leaderNodeKeywords: Set<String> = ["CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME"]

    /// Refuses a statement that calls a leader-node-only function and reads or writes a table that is not a
    /// catalog table (`pg_*`, `information_schema`) or a WITH query of its own.
    private func leaderNodeOnly(_ first: Int, _ end: Int) {
        let source = source
        guard let call = (first..<end).first(where: { index in
            guard let word = source.word(index), !source.isQualified(index) else { return false }
            return Self.leaderNodeFunctions.contains(word) && source.isOpen(index + 1)
                || Self.leaderNodeKeywords.contains(word) && !source.isOpen(index + 1)
        }), let table = userTable(first, end) else { return }
        let name = source.word(call) ?? ""
        refuse("leader-node-only", at: call,
               message: "\(name) runs only on Redshift's leader node, so a query that uses it cannot read or write the "
                   + "table \(source.text(table))", page: "c_SQL_functions_leader_node_only.html")
    }

    /// The first name the statement reads or writes as a table (after FROM, JOIN, INTO, UPDATE, or a FROM list's
    /// comma) that is not a catalog table or a WITH query.
    private func userTable(_ first: Int, _ end: Int) -> Int? {
        let source = source
        var withQueries: Set<String> = []
        for index in first..<end where source.isWord(index + 1, "AS") && source.isOpen(index + 2)
            && (source.isWord(index - 1, "WITH", "RECURSIVE") || source.isSymbol(index - 1, ",")) {
            if let word = source.word(index) { withQueries.insert(word) }
        }
        // The FROM list at each depth, ended by the clause after it.
        var inFromList: Set<Int> = []
        for index in first..<end {
            let depth = source.depths[index]
            if source.isWord(index, "WHERE", "GROUP", "ORDER", "HAVING", "LIMIT", "UNION", "EXCEPT", "INTERSECT",
                             "ON", "USING", "SET", "VALUES", "SELECT", "WINDOW", "RETURNING") {
                inFromList.remove(depth)
            }
            if source.isWord(index, "FROM") { inFromList.insert(depth) }
            let introduces = source.isWord(index, "FROM", "JOIN", "INTO", "UPDATE")
                || source.isSymbol(index, ",") && inFromList.contains(depth)
            guard introduces else { continue }
            var name = index + 1
            while source.isWord(name, "ONLY", "LATERAL") { name += 1 }
            guard let word = source.word(name), !withQueries.contains(word), !word.hasPrefix("PG_"),
                word != "INFORMATION_SCHEMA"
            else { continue }
            // After FROM, `name(...)` and `schema.name(...)` are functions; after INTO, `(` opens a column list.
            let call = source.isOpen(name + 1) || source.isSymbol(name + 1, ".") && source.isOpen(name + 3)
            if call && !source.isWord(index, "INTO") { continue }
            return name
        }
        return nil
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

extension RowComparison {
    static func columnCountMessage(have: Int, want: Int) -> String {
        "Number of columns differ: have \(counted(have, "column")), want \(want)"
    }

    /// A column-count failure when the first rows of both sides differ in width, showing those rows.
    static func columnMismatch(have: [[String?]], want: [[String?]], type: String) -> TestFailure? {
        guard let haveRow = have.first, let wantRow = want.first, haveRow.count != wantRow.count else {
            return nil
        }
        let message = columnCountMessage(have: haveRow.count, want: wantRow.count)
        let details = [
            message + ":",
            "    have: \(ValueText.row(haveRow))",
            "    want: \(ValueText.row(wantRow))",
        ].joined(separator: "\n")
        return TestFailure(message: message, type: type, details: details)
    }

    /// A titled listing of rows numbered from a 1-based row number, capped at ``listLimit``.
    static func listing(_ title: String, _ rows: ArraySlice<[String?]>, numberedFrom first: Int) -> [String] {
        var list = CappedList(limit: listLimit)
        for (offset, row) in rows.enumerated() { list.add("row \(first + offset): \(ValueText.row(row))") }
        return [title] + list.rendered(indent: "    ")
    }

    /// The rows not in `excluded`, each once, in order of first appearance.
    static func distinctRows(_ rows: [[String?]], notIn excluded: Set<RowKey>) -> CappedList {
        var seen = Set<RowKey>()
        var list = CappedList(limit: listLimit)
        for row in rows {
            let key = RowKey(row)
            if !excluded.contains(key), seen.insert(key).inserted { list.add(ValueText.row(row)) }
        }
        return list
    }

    /// The pgTAP-style `Extra records:` / `Missing records:` failure, or nil when both are empty.
    static func unorderedFailure(type: String, ignoring: String, extra: CappedList, missing: CappedList)
        -> TestFailure?
    {
        guard extra.total > 0 || missing.total > 0 else { return nil }
        let message = "Results differ (ignoring \(ignoring)): "
            + "\(counted(extra.total, "extra record")), \(counted(missing.total, "missing record"))"
        var lines = [message]
        if extra.total > 0 { lines += ["Extra records:"] + extra.rendered(indent: "    ") }
        if missing.total > 0 { lines += ["Missing records:"] + missing.rendered(indent: "    ") }
        return TestFailure(message: message, type: type, details: lines.joined(separator: "\n"))
    }
}

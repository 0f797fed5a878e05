/// Compares result sets the way pgTAP's `results_eq`, `bag_eq` and `set_eq` do, with pgTAP-like texts.
///
/// Rows are the text values the server returned, `nil` for NULL; values compare byte for byte. Every
/// function returns nil when the check holds. Work is linear in the number of rows, and listings stop
/// after ``listLimit`` rows with `... and N more`.
public enum RowComparison {
    /// How many rows a failure lists per section before `... and N more`.
    public static let listLimit = 20

    /// Rows must match one for one, in order.
    public static func ordered(have: [[String?]], want: [[String?]]) -> TestFailure? {
        if let mismatch = columnMismatch(have: have, want: want, type: "rows") { return mismatch }
        let common = min(have.count, want.count)
        var firstDifference: Int?
        var laterDifferences = CappedList(limit: listLimit)
        for index in 0..<common where !RowKey.sameRow(have[index], want[index]) {
            if firstDifference == nil {
                firstDifference = index
            } else {
                laterDifferences.add(
                    "row \(index + 1): have \(ValueText.row(have[index])), want \(ValueText.row(want[index]))")
            }
        }
        let countsDiffer = have.count != want.count
        guard firstDifference != nil || countsDiffer else { return nil }

        let rowCountLine = "Number of rows differ: have \(have.count), want \(want.count)"
        var lines: [String] = []
        let message: String
        if let first = firstDifference {
            message = "Results differ beginning at row \(first + 1)"
            lines = [
                message + ":",
                "    have: \(ValueText.row(have[first]))",
                "    want: \(ValueText.row(want[first]))",
            ]
            if laterDifferences.total > 0 {
                lines.append("Later rows that differ: \(laterDifferences.total)")
                lines += laterDifferences.rendered(indent: "    ")
            }
            if countsDiffer { lines.append(rowCountLine) }
        } else {
            message = rowCountLine
            lines = [rowCountLine]
        }
        if have.count > common {
            lines += listing("Extra records:", have[common...], numberedFrom: common + 1)
        } else if want.count > common {
            lines += listing("Missing records:", want[common...], numberedFrom: common + 1)
        }
        return TestFailure(message: message, type: "rows", details: lines.joined(separator: "\n"))
    }

    /// Rows must match ignoring order; duplicates count (pgTAP `bag_eq`).
    public static func bag(have: [[String?]], want: [[String?]]) -> TestFailure? {
        if let mismatch = columnMismatch(have: have, want: want, type: "bag") { return mismatch }
        var unmatched: [RowKey: Int] = [:]
        for row in want { unmatched[RowKey(row), default: 0] += 1 }
        var extra = CappedList(limit: listLimit)
        for row in have {
            let key = RowKey(row)
            if let count = unmatched[key], count > 0 {
                unmatched[key] = count - 1
            } else {
                extra.add(ValueText.row(row))
            }
        }
        var missing = CappedList(limit: listLimit)
        for row in want {
            let key = RowKey(row)
            if let count = unmatched[key], count > 0 {
                unmatched[key] = count - 1
                missing.add(ValueText.row(row))
            }
        }
        return unorderedFailure(type: "bag", ignoring: "order", extra: extra, missing: missing)
    }

    /// Rows must match ignoring order and duplicates (pgTAP `set_eq`).
    public static func set(have: [[String?]], want: [[String?]]) -> TestFailure? {
        if let mismatch = columnMismatch(have: have, want: want, type: "set") { return mismatch }
        let haveKeys = Set(have.map(RowKey.init))
        let wantKeys = Set(want.map(RowKey.init))
        let extra = distinctRows(have, notIn: wantKeys)
        let missing = distinctRows(want, notIn: haveKeys)
        return unorderedFailure(type: "set", ignoring: "order and duplicates", extra: extra, missing: missing)
    }

    /// The query must return the wanted number of columns.
    public static func columnCount(have: Int, want: Int) -> TestFailure? {
        guard have != want else { return nil }
        let message = columnCountMessage(have: have, want: want)
        return TestFailure(message: message, type: "columns", details: message)
    }

    /// The query must return the wanted number of rows.
    public static func rowCount(have: Int, want: Int) -> TestFailure? {
        guard have != want else { return nil }
        let message = "Number of rows differ: have \(have), want \(want)"
        return TestFailure(message: message, type: "row_count", details: message)
    }

    /// The query must return no rows; a failure lists the rows it returned.
    public static func isEmpty(have: [[String?]]) -> TestFailure? {
        guard !have.isEmpty else { return nil }
        let message = "Expected no rows, have \(have.count)"
        var rows = CappedList(limit: listLimit)
        for row in have { rows.add(ValueText.row(row)) }
        let details = ([message + ":"] + rows.rendered(indent: "    ")).joined(separator: "\n")
        return TestFailure(message: message, type: "is_empty", details: details)
    }

    /// The query must return at least one row.
    public static func isNotEmpty(have: [[String?]]) -> TestFailure? {
        guard have.isEmpty else { return nil }
        let message = "Expected at least one row, have none"
        return TestFailure(message: message, type: "is_not_empty", details: message)
    }
}

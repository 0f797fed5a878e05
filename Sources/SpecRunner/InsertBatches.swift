/// Splits fixture rows into INSERT batches that stay within a statement's bind-parameter limit and a byte budget
/// (Redshift refuses statements over 16 MB).
public enum InsertBatches {
    /// At most this many rows go into one INSERT, whatever the limits allow: bigger statements load no faster.
    public static let maxRows = 1_000

    /// Consecutive row ranges covering every row. A batch ends before a row that would take it over
    /// `maxParameters` values or `maxBytes` bytes of values (UTF-8; NULL counts as none); a single row larger
    /// than `maxBytes` gets a batch of its own.
    public static func split(_ rows: [[String?]], width: Int, maxParameters: Int, maxBytes: Int) -> [Range<Int>] {
        let rowsByParameters = max(1, min(maxRows, maxParameters / max(width, 1)))
        var batches: [Range<Int>] = []
        var start = 0
        var bytes = 0
        for (index, row) in rows.enumerated() {
            let rowBytes = row.reduce(0) { $0 + ($1?.utf8.count ?? 0) }
            if index > start && (index - start == rowsByParameters || bytes + rowBytes > maxBytes) {
                batches.append(start..<index)
                start = index
                bytes = 0
            }
            bytes += rowBytes
        }
        if start < rows.count { batches.append(start..<rows.count) }
        return batches
    }
}

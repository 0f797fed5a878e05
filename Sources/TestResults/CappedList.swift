/// Collects listing lines up to a limit while counting all of them, so huge results stay cheap to report.
struct CappedList {
    let limit: Int
    private(set) var lines: [String] = []
    private(set) var total = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Counts one more entry; its text is only built while under the limit.
    mutating func add(_ line: @autoclosure () -> String) {
        total += 1
        if lines.count < limit { lines.append(line()) }
    }

    /// The kept lines, indented, then `... and N more` when entries were left out.
    func rendered(indent: String) -> [String] {
        var result = lines.map { indent + $0 }
        if total > lines.count { result.append("\(indent)... and \(total - lines.count) more") }
        return result
    }
}

/// `1 record`, `2 records`.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

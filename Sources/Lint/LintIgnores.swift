/// The rules a file silences, by line: `-- slipway:lint-ignore rule-name[, other-rule]` (or `all`) silences
/// them for a statement that starts on the comment's line or on the line after it.
struct LintIgnores {
    static let directive = "slipway:lint-ignore"
    static let everyRule = "all"

    /// Rule names by the 1-based line of their comment.
    private var rulesByLine: [Int: Set<String>] = [:]

    init(_ text: String) {
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let comment = line.range(of: "--"),
                  let directive = line[comment.upperBound...].range(of: Self.directive)
            else { continue }
            let names = line[directive.upperBound...]
                .split { $0 == "," || $0.isWhitespace }
                .map(String.init)
            rulesByLine[offset + 1, default: []].formUnion(names)
        }
    }

    /// Whether `rule` is silenced for a statement that starts on `line`.
    func silences(_ rule: String, line: Int) -> Bool {
        [line, line - 1].contains { rulesByLine[$0]?.contains(rule) == true || rulesByLine[$0]?.contains(Self.everyRule) == true }
    }
}

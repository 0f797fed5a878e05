import Specs

/// Which tests `--filter` selects: a test runs when any pattern matches its name or its suite's name
/// (case-insensitive substring), or, written `tag:NAME`, one of its or its suite's tags. No patterns: all run.
public struct TestFilter: Sendable, Equatable {
    public var patterns: [String]

    public init(_ patterns: [String] = []) {
        self.patterns = patterns
    }

    public func includes(_ test: SpecTest, in suite: SpecSuite) -> Bool {
        guard !patterns.isEmpty else { return true }
        return patterns.contains { pattern in
            if pattern.lowercased().hasPrefix("tag:") {
                let tag = String(pattern.dropFirst(4))
                return (test.tags + suite.tags).contains { $0.caseInsensitiveCompare(tag) == .orderedSame }
            }
            return test.name.range(of: pattern, options: .caseInsensitive) != nil
                || suite.name.range(of: pattern, options: .caseInsensitive) != nil
        }
    }
}

import Diagnostics
import Yams

/// Bounds how large a spec's YAML tree becomes once aliases are expanded.
///
/// Yams shares an anchored node among its aliases, so composing is cheap, but decoding visits every copy: a 48 KB
/// file of the form `rows: [&q [a, a, ...], *q, *q, ...]` holds a hundred million values. Counting first (and
/// stopping at the limit) keeps such a file from taking gigabytes and minutes.
enum ExpansionLimit {
    /// Far above any real spec (large fixtures belong in CSV files), far below what exhausts memory.
    static let maximumNodes = 1_000_000

    /// A diagnostic when `root` has more than ``maximumNodes`` nodes counting every alias's copy; nil otherwise.
    static func problem(in root: Node, file: String) -> Diagnostic? {
        var count = 0
        // An explicit stack: nesting is as deep as the file says, and a recursion could overflow a thread's stack.
        var pending = [root]
        while let node = pending.popLast() {
            count += 1
            if count > maximumNodes {
                return Diagnostic(
                    category: .input,
                    location: SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1),
                    code: "too-large",
                    message: "the spec has more than \(maximumNodes) YAML values once its aliases (*name) are expanded",
                    hint: "repeat data with fewer aliases, or load large fixtures from a CSV file (load: {table, csv})")
            }
            switch node {
            case .sequence(let items): pending += items
            case .mapping(let mapping): for (key, value) in mapping { pending += [key, value] }
            case .scalar, .alias: continue
            }
        }
        return nil
    }
}

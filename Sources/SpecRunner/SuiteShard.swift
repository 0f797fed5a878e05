import Diagnostics
import Specs

/// `--shard I/N`: one of N disjoint parts of the suites, so that several build machines share a test run.
///
/// The split is balanced by the suites' numbers of tests: each suite, largest first (ties by name), goes to the
/// shard with the fewest tests so far. So every shard gets a suite when there are at least as many suites as
/// shards, and every machine, given the same files and filter, computes the same split without talking.
public struct SuiteShard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws(Diagnostic) {
        guard count >= 1, (1...count).contains(index) else {
            throw Self.invalid("\(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`, e.g. `2/4`.
    public init(parsing text: String) throws(Diagnostic) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw Self.invalid(text)
        }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The suites of this shard, in their given order; a suite weighs as many tests as `filter` selects in it.
    public func select(_ suites: [SpecSuite], filter: TestFilter = TestFilter()) -> [SpecSuite] {
        let weights = suites.map { suite in max(1, suite.tests.count { filter.includes($0, in: suite) }) }
        let order = suites.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : suites[$0].name < suites[$1].name }
        var loads = [Int](repeating: 0, count: count)
        var mine = Set<Int>()
        for suite in order {
            // The lightest shard, the first of equals, so that the first `count` suites go to distinct shards.
            let shard = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 } ?? 0
            loads[shard] += weights[suite]
            if shard == index - 1 { mine.insert(suite) }
        }
        return suites.indices.filter(mine.contains).map { suites[$0] }
    }

    private static func invalid(_ text: String) -> Diagnostic {
        Diagnostic(
            category: .input, code: "bad-shard", message: "--shard \(text) is not a shard: expected I/N with 1 <= I <= N",
            hint: "give the shard number and the number of shards, e.g. --shard 2/4 for the second of four")
    }
}

import Diagnostics
import Specs

/// `--shard I/N`: one of N disjoint parts of the suites, so that several build machines share a test run.
///
/// A suite's shard follows from a hash of its name alone, so adding or removing a suite never moves the others
/// between shards (a sorted-index split would move half of them), and every machine agrees without talking.
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

    public func includes(_ suite: SpecSuite) -> Bool {
        Int(Self.stableHash(suite.name) % UInt64(count)) == index - 1
    }

    public func select(_ suites: [SpecSuite]) -> [SpecSuite] {
        suites.filter(includes)
    }

    /// FNV-1a over the UTF-8 bytes: the same on every machine and Swift version, unlike `Hasher`, which is
    /// seeded per process.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { hash, byte in (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }

    private static func invalid(_ text: String) -> Diagnostic {
        Diagnostic(
            category: .input, code: "bad-shard", message: "--shard \(text) is not a shard: expected I/N with 1 <= I <= N",
            hint: "give the shard number and the number of shards, e.g. --shard 2/4 for the second of four")
    }
}

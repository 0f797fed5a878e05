import Diagnostics

/// A migration version such as `1`, `1.2`, `1_2_3` or `2024.01.15.1`, compared part by part as unbounded integers.
///
/// `_` counts as `.`; trailing zero parts do not count, so `1`, `1.0` and `1.0.0` are equal (as in Flyway).
/// ``description`` is the text Flyway stores in the history table's `version` column: the text as written
/// with `_` replaced by `.` (leading zeros and trailing `.0` parts are kept, e.g. `V01_0__x.sql` → `01.0`).
public struct MigrationVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Each part as decimal digits without leading zeros (zero is the empty string); trailing zero parts removed.
    private let parts: [String]
    /// The text as written, with `_` replaced by `.`.
    public let description: String

    /// Parses a version; returns `nil` unless it is digits separated by single `.` or `_`.
    public init?(_ text: String) {
        // On UTF-8 bytes: every migration file's version is parsed on every run.
        let normalised = text.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: ".") : $0 }
        var parts: [String] = []
        for piece in normalised.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !piece.isEmpty, piece.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return nil
            }
            parts.append(String(decoding: piece.drop(while: { $0 == UInt8(ascii: "0") }), as: UTF8.self))
        }
        while parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        self.parts = parts
        self.description = String(decoding: normalised, as: UTF8.self)
    }

    /// Version `1`, Flyway's default baseline version.
    public static let one = MigrationVersion(parts: ["1"], description: "1")

    private init(parts: [String], description: String) {
        self.parts = parts
        self.description = description
    }

    /// Parses a version, or throws an input diagnostic that names the text and the expected form.
    public static func parse(_ text: String) throws(Diagnostic) -> MigrationVersion {
        guard let version = MigrationVersion(text) else {
            throw Diagnostic(
                category: .input, code: "bad-version",
                message: "invalid version '\(text)': a version is digits separated by '.' or '_'",
                hint: "write versions such as 1, 1.2 or 2024_01_15_1")
        }
        return version
    }

    public static func == (lhs: MigrationVersion, rhs: MigrationVersion) -> Bool {
        lhs.parts == rhs.parts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(parts)
    }

    public static func < (lhs: MigrationVersion, rhs: MigrationVersion) -> Bool {
        for index in 0..<max(lhs.parts.count, rhs.parts.count) {
            let left = index < lhs.parts.count ? lhs.parts[index] : ""
            let right = index < rhs.parts.count ? rhs.parts[index] : ""
            if left == right { continue }
            // Without leading zeros, a longer digit string is the larger number.
            if left.utf8.count != right.utf8.count { return left.utf8.count < right.utf8.count }
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
        return false
    }
}

import Diagnostics

/// A migration version such as `1`, `1.2`, `1_2_3` or `2024.01.15.1`, compared part by part as unbounded integers.
///
/// `_` counts as `.`; trailing zero parts do not count, so `1`, `1.0` and `1.0.0` are equal (as in Flyway).
/// ``description`` is the text Flyway stores in the history table's `version` column: the text as written
/// with `_` replaced by `.` (leading zeros and trailing `.0` parts are kept, e.g. `V01_0__x.sql` → `01.0`).
public struct MigrationVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The parts without trailing zero parts. Versions are sorted, hashed and compared for every migration on every
    /// run: as numbers when every part fits (almost always), else as digit strings.
    private let parts: Parts
    /// The text as written, with `_` replaced by `.`.
    public let description: String

    /// One representation per value (``Parts/numbers`` whenever every part has at most 19 digits), so that the
    /// synthesised `==` and `hash(into:)` agree with the numeric order.
    private enum Parts: Hashable {
        case numbers([UInt64])
        /// Each part as decimal digits without leading zeros (zero is the empty string).
        case digits([String])

        var digitStrings: [String] {
            switch self {
            case .numbers(let numbers): numbers.map { $0 == 0 ? "" : String($0) }
            case .digits(let digits): digits
            }
        }
    }

    /// Parses a version; returns `nil` unless it is digits separated by single `.` or `_`.
    public init?(_ text: String) {
        // On UTF-8 bytes: every migration file's version is parsed on every run.
        let normalised = text.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: ".") : $0 }
        var numbers: [UInt64] = []
        var digits: [String]?
        for piece in normalised.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard !piece.isEmpty, piece.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return nil
            }
            let significant = piece.drop(while: { $0 == UInt8(ascii: "0") })
            if digits == nil, significant.count <= 19 {
                numbers.append(significant.reduce(0) { $0 * 10 + UInt64($1 - UInt8(ascii: "0")) })
            } else {
                if digits == nil { digits = numbers.map { $0 == 0 ? "" : String($0) } }
                digits?.append(String(decoding: significant, as: UTF8.self))
            }
        }
        if var digits {
            while digits.count > 1, digits.last?.isEmpty == true { digits.removeLast() }
            self.parts = .digits(digits)
        } else {
            while numbers.count > 1, numbers.last == 0 { numbers.removeLast() }
            self.parts = .numbers(numbers)
        }
        self.description = String(decoding: normalised, as: UTF8.self)
    }

    /// Version `1`, Flyway's default baseline version.
    public static let one = MigrationVersion(parts: .numbers([1]), description: "1")

    private init(parts: Parts, description: String) {
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
        if case .numbers(let left) = lhs.parts, case .numbers(let right) = rhs.parts {
            for index in 0..<max(left.count, right.count) {
                let l = index < left.count ? left[index] : 0
                let r = index < right.count ? right[index] : 0
                if l != r { return l < r }
            }
            return false
        }
        let (leftParts, rightParts) = (lhs.parts.digitStrings, rhs.parts.digitStrings)
        for index in 0..<max(leftParts.count, rightParts.count) {
            let left = index < leftParts.count ? leftParts[index] : ""
            let right = index < rightParts.count ? rightParts[index] : ""
            if left == right { continue }
            // Without leading zeros, a longer digit string is the larger number.
            if left.utf8.count != right.utf8.count { return left.utf8.count < right.utf8.count }
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
        return false
    }
}

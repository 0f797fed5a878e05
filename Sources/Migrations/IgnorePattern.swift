import Diagnostics

/// One of Flyway's `ignoreMigrationPatterns`, `<type>:<state>`, e.g. `*:future` or `versioned:missing`.
public struct IgnorePattern: Sendable, Hashable, CustomStringConvertible {
    /// `*`, `versioned` or `repeatable`.
    public let migrationType: String
    /// `*`, `missing`, `pending`, `ignored` or `future`.
    public let migrationState: String

    /// Parses a pattern (case-insensitive, spaces around the parts allowed).
    public init(_ pattern: String) throws(Diagnostic) {
        let parts = pattern.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw Self.invalid("invalid ignoreMigrationPatterns entry '\(pattern)': expected <type>:<state>")
        }
        let type = parts[0].trimmingWhitespace().lowercased()
        let state = parts[1].trimmingWhitespace().lowercased()
        guard ["*", "versioned", "repeatable"].contains(type) else {
            throw Self.invalid("invalid migration type '\(parts[0])' in ignoreMigrationPatterns entry '\(pattern)'")
        }
        guard ["*", "missing", "pending", "ignored", "future"].contains(state) else {
            throw Self.invalid("invalid migration state '\(parts[1])' in ignoreMigrationPatterns entry '\(pattern)'")
        }
        migrationType = type
        migrationState = state
    }

    /// Flyway's default: `*:future`.
    public static let defaults: [IgnorePattern] = [IgnorePattern(uncheckedType: "*", state: "future")]

    private init(uncheckedType: String, state: String) {
        migrationType = uncheckedType
        migrationState = state
    }

    public var description: String { "\(migrationType):\(migrationState)" }

    /// Whether ``migrationState`` is the state's display name in lower case. Display names are ASCII, so bytes
    /// compare as `lowercased()` would, without building a string for every migration a plan validates.
    func names(_ state: MigrationState) -> Bool {
        state.displayName.utf8.elementsEqual(migrationState.utf8) { name, wanted in
            (name >= UInt8(ascii: "A") && name <= UInt8(ascii: "Z") ? name + 32 : name) == wanted
        }
    }

    /// Whether the pattern covers a migration in a state (compared by display name, as Flyway does, so
    /// `missing` covers "Missing" but not "Failed (Missing)").
    public func matches(isVersioned: Bool, state: MigrationState) -> Bool {
        guard migrationState == "*" || names(state) else { return false }
        switch migrationType {
        case "*": return true
        case "versioned": return isVersioned
        default: return !isVersioned
        }
    }

    private static func invalid(_ message: String) -> Diagnostic {
        Diagnostic(
            category: .input, code: "bad-ignore-pattern", message: message,
            hint: "write e.g. *:future, versioned:missing or repeatable:ignored "
                + "(types *, versioned, repeatable; states *, missing, pending, ignored, future)")
    }
}

extension Array where Element == IgnorePattern {
    /// Whether the patterns ignore a state for both versioned and repeatable migrations (Flyway's
    /// `ValidatePatternUtils.is...Ignored`).
    func ignoresEverywhere(_ state: MigrationState) -> Bool {
        contains { $0.migrationType == "*" && $0.names(state) }
            || (contains { $0.matches(isVersioned: true, state: state) }
                && contains { $0.matches(isVersioned: false, state: state) })
    }
}

import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// The parts of a valid migration file name, e.g. `V1_2__Add_orders.sql` → versioned, `1.2`, `Add orders`.
public struct MigrationName: Sendable, Equatable {
    public var kind: MigrationKind
    /// The version; `nil` for repeatables.
    public var version: MigrationVersion?
    /// The text after the separator with `_` turned into spaces, as Flyway stores it.
    public var description: String
    /// The file name as Flyway rebuilds it for `${flyway:filename}`: without `__` when the description is empty.
    public var canonicalFileName: String

    /// What a file name in a migration location stands for.
    public enum Parsed: Sendable, Equatable {
        case migration(MigrationName)
        case callback(CallbackName)
        /// A `.sql` file whose name breaks the naming rules; the diagnostic says why (it has no location yet).
        case invalid(Diagnostic)
        /// Not an SQL file (e.g. `V1__x.sql.conf`, `README.md`).
        case notSQL
    }

    /// Parses a file name (without directories) the way Flyway's `ResourceNameParser` does.
    ///
    /// Prefixes are case-sensitive and tried longest first; suffixes are case-insensitive; the name splits at
    /// the first separator. Unlike Flyway, `R.sql` (a repeatable without a description, which Flyway skips) is
    /// reported as invalid.
    public static func parse(_ fileName: String, naming: NamingOptions = NamingOptions()) -> Parsed {
        Parser(naming: naming).parse(fileName[...])
    }

    /// Parses many names with one naming: the prefixes, longest first, are worked out once rather than for
    /// every file.
    public struct Parser {
        let naming: NamingOptions
        /// The prefixes by their first byte, longest first within each group.
        fileprivate let candidates: [UInt8: [(prefix: String, role: Role)]]
        fileprivate let suffixes: [(suffix: String, lowercased: String, length: Int)]

        public init(naming: NamingOptions = NamingOptions()) {
            self.naming = naming
            candidates = Dictionary(grouping: MigrationName.prefixCandidates(naming)) { $0.prefix.utf8.first ?? 0 }
            suffixes = naming.suffixes.filter { !$0.isEmpty }.map {
                (suffix: $0, lowercased: $0.lowercased(), length: $0.unicodeScalars.count)
            }
        }

        // Compares UTF-8 bytes, not scalars or characters: a no-op migrate parses every file name, and building
        // strings scalar by scalar was a fifth of its instructions. Byte prefixes and separators match exactly
        // where scalars do, because UTF-8 encodes each scalar on its own.
        public func parse(_ fileName: Substring) -> Parsed {
            guard let (suffix, actualSuffix) = suffixes.lazy.compactMap({ candidate -> (String, Substring)? in
                let tail = fileName.unicodeScalars.suffix(candidate.length)
                let text = Substring(tail)
                return tail.count == candidate.length && text.lowercased() == candidate.lowercased
                    ? (candidate.suffix, text) : nil
            }).first else { return .notSQL }
            let stem = fileName.utf8.dropLast(actualSuffix.utf8.count)
            for candidate in candidates[stem.first ?? 0] ?? [] where stem.starts(with: candidate.prefix.utf8) {
                let rest = stem.dropFirst(candidate.prefix.utf8.count)
                let (before, after) = MigrationName.splitAtFirst(rest, separator: naming.separator)
                let parts = NameParts(
                    fileName: fileName, prefix: candidate.prefix, version: before, rawDescription: after,
                    separator: naming.separator, suffix: String(actualSuffix))
                return parts.classify(as: candidate.role)
            }
            return .invalid(badName(
                "'\(fileName)' is not a recognised migration name (it starts with none of the prefixes "
                    + "\(naming.versionedPrefix), \(naming.undoPrefix), \(naming.repeatablePrefix), "
                    + "\(naming.baselinePrefix) or a callback event)",
                hint: "rename it like \(naming.versionedPrefix)1__description\(suffix) or "
                    + "\(naming.repeatablePrefix)\(naming.separator)description\(suffix), or move it out of the location"))
        }
    }

    /// The role a prefix gives a file name.
    fileprivate enum Role {
        case migration(MigrationKind)
        case callback(CallbackEvent)
    }

    private static func prefixCandidates(_ naming: NamingOptions) -> [(prefix: String, role: Role)] {
        var candidates = MigrationKind.allCases.map { (prefix: naming.prefix(of: $0), role: Role.migration($0)) }
        candidates += CallbackEvent.longestFirst.map { (prefix: $0.rawValue, role: Role.callback($0)) }
        // Stable sort, longest first, as Flyway does; lengths counted once, as `String.count` walks the string.
        return candidates.enumerated()
            .map { (length: $0.element.prefix.count, offset: $0.offset, candidate: $0.element) }
            .sorted { ($0.length, -$0.offset) > ($1.length, -$1.offset) }
            .map(\.candidate)
            .filter { !$0.prefix.isEmpty }
    }

    /// The pieces of a name with a recognised prefix.
    private struct NameParts {
        let fileName: Substring
        let prefix: String
        let version: String
        let rawDescription: String
        let separator: String
        let suffix: String

        var description: String {
            String(decoding: rawDescription.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        }
        var example: String { rawDescription.isEmpty ? "description" : rawDescription }

        func classify(as role: Role) -> Parsed {
            switch role {
            case .callback(let event):
                guard version.isEmpty else {
                    return .invalid(badName(
                        "callback '\(fileName)' cannot contain a version",
                        hint: "name it \(prefix)\(suffix) or \(prefix)\(separator)\(example)\(suffix)"))
                }
                return .callback(CallbackName(event: event, description: description.isEmpty ? nil : description))
            case .migration(.repeatable):
                guard version.isEmpty else {
                    return .invalid(badName(
                        "repeatable migration '\(fileName)' cannot contain a version "
                            + "(or the separator '\(separator)' is missing)",
                        hint: "name it \(prefix)\(separator)\(example)\(suffix)"))
                }
                guard fileName.unicodeScalars.count > prefix.unicodeScalars.count + suffix.unicodeScalars.count else {
                    return .invalid(badName(
                        "repeatable migration '\(fileName)' has no description",
                        hint: "name it \(prefix)\(separator)description\(suffix)"))
                }
                return .migration(MigrationName(
                    kind: .repeatable, version: nil, description: description,
                    canonicalFileName: canonicalFileName))
            case .migration(let kind):
                guard !version.isEmpty else {
                    return .invalid(badName(
                        "migration '\(fileName)' must contain a version",
                        hint: "name it like \(prefix)1.2\(separator)\(example)\(suffix)"))
                }
                guard let parsed = MigrationVersion(version) else {
                    return .invalid(badName(
                        "migration '\(fileName)' has an invalid version '\(version)': a version is digits "
                            + "separated by '.' or '_', followed by '\(separator)' and the description",
                        hint: "name it like \(prefix)1.2\(separator)\(example)\(suffix)"))
                }
                return .migration(MigrationName(
                    kind: kind, version: parsed, description: description, canonicalFileName: canonicalFileName))
            }
        }

        var canonicalFileName: String {
            rawDescription.isEmpty
                ? prefix + version + suffix
                : prefix + version + separator + rawDescription + suffix
        }
    }

    private static func badName(_ message: String, hint: String) -> Diagnostic {
        Diagnostic(category: .input, code: "bad-migration-name", message: message, hint: hint)
    }

    /// Splits at the first occurrence of `separator`; without one, everything is the first part.
    private static func splitAtFirst(_ bytes: Substring.UTF8View, separator: String) -> (String, String) {
        let separator = separator.utf8
        let find = { (name: UnsafeBufferPointer<UInt8>) in
            Array(separator).withUnsafeBufferPointer { firstOffset(of: $0, in: name) }
        }
        let offset = bytes.withContiguousStorageIfAvailable(find) ?? Array(bytes).withUnsafeBufferPointer(find)
        guard let offset else { return (String(Substring(bytes)), "") }
        let start = bytes.index(bytes.startIndex, offsetBy: offset)
        let after = bytes.index(start, offsetBy: separator.count)
        return (String(Substring(bytes[..<start])), String(Substring(bytes[after...])))
    }

    /// Where `wanted` first starts in `bytes`, by `memcmp` at each place its first byte is: index by index
    /// through a `UTF8View` was a fifth of parsing a name.
    private static func firstOffset(
        of wanted: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>
    ) -> Int? {
        guard let first = wanted.first, bytes.count >= wanted.count else { return nil }
        for start in 0...(bytes.count - wanted.count) where bytes[start] == first {
            if memcmp(bytes.baseAddress! + start, wanted.baseAddress!, wanted.count) == 0 { return start }
        }
        return nil
    }
}

/// The parts of an SQL callback's file name, e.g. `afterMigrate__grant_rights.sql`.
public struct CallbackName: Sendable, Equatable {
    public var event: CallbackEvent
    /// The text after the separator with `_` turned into spaces; `nil` for e.g. `beforeMigrate.sql`.
    public var description: String?

    public init(event: CallbackEvent, description: String?) {
        self.event = event
        self.description = description
    }
}

import Diagnostics
import Migrations
import MigrationResults

/// `info --state Pending,Failed`: keeps only the rows in the named states.
public struct StateFilter: Sendable, Equatable {
    public let states: Set<MigrationState>

    /// Reads a comma-separated list of states, by the name `info` shows (`Pending`, `Out of Order`,
    /// `Failed (Missing)`) or the camel-case name (`outOfOrder`, `missingFailed`), case, spaces and
    /// brackets ignored.
    public init(parsing text: String) throws(Diagnostic) {
        var states: Set<MigrationState> = []
        for name in text.split(separator: ",") {
            let wanted = Self.normalized(String(name))
            guard let state = MigrationState.allCases.first(where: {
                Self.normalized($0.displayName) == wanted || Self.normalized($0.rawValue) == wanted
            }) else {
                throw Diagnostic(
                    category: .input, code: "unknown-state",
                    message: "unknown migration state '\(name.trimmingCharacters(in: .whitespaces))'",
                    hint: "use one or more of: " + MigrationState.allCases.map(\.displayName).joined(separator: ", "))
            }
            states.insert(state)
        }
        self.states = states
    }

    /// The same result with only the matching rows; the schema version still describes the whole schema.
    public func apply(_ info: InfoResult) -> InfoResult {
        var filtered = info
        filtered.entries = info.entries.filter { states.contains($0.state) }
        return filtered
    }

    private static func normalized(_ name: String) -> String {
        String(name.lowercased().filter(\.isLetter))
    }
}

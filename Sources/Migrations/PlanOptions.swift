import Diagnostics

/// Which migrations `migrate` should bring the database up to.
public enum MigrationTarget: Sendable, Hashable {
    /// Everything (the default).
    case latest
    /// Nothing beyond the version already applied.
    case current
    /// Up to and including this version.
    case version(MigrationVersion)

    /// Reads Flyway's `target`: `latest`, `current` (any case) or a version.
    public static func parse(_ text: String) throws(Diagnostic) -> MigrationTarget {
        switch text.lowercased() {
        case "latest": .latest
        case "current": .current
        default: .version(try MigrationVersion.parse(text))
        }
    }
}

/// The settings that change what the planner computes.
public struct PlanOptions: Sendable, Equatable {
    public var target: MigrationTarget
    /// Whether unapplied versions below the current one are applied (`true`) or reported as Ignored (`false`).
    public var outOfOrder: Bool
    /// States that validation tolerates, e.g. `*:future` (the default) or `*:missing`.
    public var ignoreMigrationPatterns: [IgnorePattern]
    /// When set, only these versions are applied, in this order (Flyway Teams' `cherryPick`).
    public var cherryPick: [MigrationVersion]?
    /// The version the `baseline` command records (default `1`).
    public var baselineVersion: MigrationVersion

    public init(
        target: MigrationTarget = .latest, outOfOrder: Bool = false,
        ignoreMigrationPatterns: [IgnorePattern] = IgnorePattern.defaults, cherryPick: [MigrationVersion]? = nil,
        baselineVersion: MigrationVersion = MigrationVersion.one
    ) {
        self.target = target
        self.outOfOrder = outOfOrder
        self.ignoreMigrationPatterns = ignoreMigrationPatterns
        self.cherryPick = cherryPick
        self.baselineVersion = baselineVersion
    }
}

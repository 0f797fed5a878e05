/// The facts about files and history that every state depends on (Flyway's `MigrationInfoContext`).
struct PlanContext {
    /// The highest version of any file; `nil` when there is none (Flyway's `EMPTY`).
    var lastResolved: MigrationVersion?
    /// The highest version applied in order and not deleted or undone; `nil` when none.
    var lastApplied: MigrationVersion?
    /// The highest version of a baseline row in the history.
    var appliedBaseline: MigrationVersion?
    /// The highest version of an unapplied baseline migration (`B` file).
    var pendingBaseline: MigrationVersion?
    var target: TargetBound = .none
    var outOfOrder = false
    var cherryPick: [MigrationVersion: Int]?
    /// The installed rank of the latest row of each repeatable description.
    var latestRepeatableRuns: [String: Int] = [:]

    /// The effective target once `current` is known.
    enum TargetBound {
        case none
        /// `current` on a database with nothing applied: every version is above it.
        case empty
        case version(MigrationVersion)

        func isBelow(_ version: MigrationVersion) -> Bool {
            switch self {
            case .none: false
            case .empty: true
            case .version(let target): version > target
            }
        }
    }

    /// The baseline that hides lower versions: the pending `B` file on an empty history, else the baseline row.
    var effectiveBaseline: MigrationVersion? { lastApplied == nil ? pendingBaseline : appliedBaseline }

    /// Whether anything was applied or baselined, which makes `B` files irrelevant.
    var hasHistory: Bool { appliedBaseline != nil || lastApplied != nil }
}

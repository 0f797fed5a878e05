/// The state `info` shows for a migration, computed as Flyway's `MigrationInfoImpl.getState` does.
public enum MigrationState: String, Sendable, Hashable, CaseIterable {
    case pending, aboveTarget, belowBaseline, baselineIgnored, baseline, ignored
    case missing, missingFailed, success, undone, available, failed, outOfOrder
    case future, futureFailed, outdated, superseded, deleted

    /// The text Flyway shows in the State column.
    public var displayName: String {
        switch self {
        case .pending: "Pending"
        case .aboveTarget: "Above Target"
        case .belowBaseline: "Below Baseline"
        case .baselineIgnored: "Ignored (Baseline)"
        case .baseline: "Baseline"
        case .ignored: "Ignored"
        case .missing: "Missing"
        case .missingFailed: "Failed (Missing)"
        case .success: "Success"
        case .undone: "Undone"
        case .available: "Available"
        case .failed: "Failed"
        case .outOfOrder: "Out of Order"
        case .future: "Future"
        case .futureFailed: "Failed (Future)"
        case .outdated: "Outdated"
        case .superseded: "Superseded"
        case .deleted: "Deleted"
        }
    }

    /// Whether the state stands for a failed run that blocks `migrate` until `repair`.
    public var isFailed: Bool { self == .failed || self == .missingFailed || self == .futureFailed }

    /// Whether the state belongs to a row of the history table (Flyway's `isApplied`).
    public var isApplied: Bool {
        switch self {
        case .pending, .aboveTarget, .belowBaseline, .baselineIgnored, .ignored, .available: false
        default: true
        }
    }
}

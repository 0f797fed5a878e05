import Diagnostics

/// What `migrate`, `info`, `validate` and `repair` see: migration files matched with history rows, each with
/// the state Flyway computes (`MigrationInfoServiceImpl.refresh`).
///
/// Building a plan takes O((files + rows) log(files + rows)) time.
public struct MigrationPlan: Sendable {
    public let options: PlanOptions
    /// Every entry in Flyway's order, including undo files and undo rows (which `info` does not show).
    public let allInfo: [MigrationInfo]
    /// The facts the states were computed from (kept for validation).
    let context: PlanContext

    /// Matches files with history rows.
    ///
    /// - Throws: when the history is corrupt: a version that does not parse, or two `DELETE` rows for one version.
    public init(
        migrations: [ResolvedMigration], applied: [AppliedMigration], options: PlanOptions = PlanOptions()
    ) throws(DiagnosticList) {
        self.options = options
        var builder = PlanBuilder(migrations: migrations, options: options)
        try builder.addHistory(applied.sorted { $0.installedRank < $1.installedRank })
        (allInfo, context) = builder.finish()
    }

    /// The lines `info` shows: ``allInfo`` without undo files and undo rows.
    public var info: [MigrationInfo] {
        allInfo.filter { !HistoryType.isUndo($0.type) }
    }

    /// What `migrate` applies, in order: versions above the current one up to the target (lower ones too with
    /// `outOfOrder`), then new or changed repeatables by description; with `cherryPick`, the picked versions in
    /// the order given.
    public var pending: [MigrationInfo] {
        let pending = allInfo.filter { $0.state == .pending }
        guard let picks = context.cherryPick else { return pending }
        return pending.sorted {
            (($0.version.flatMap { picks[$0] }) ?? Int.max) < (($1.version.flatMap { picks[$0] }) ?? Int.max)
        }
    }

    /// The files `migrate` applies, in order (see ``pending``).
    public var pendingMigrations: [ResolvedMigration] { pending.compactMap(\.resolved) }

    /// The applied entry with the highest version (Flyway's `current`), or the latest repeatable when no
    /// version was applied.
    public var current: MigrationInfo? {
        func counts(_ info: MigrationInfo) -> Bool {
            info.state.isApplied && info.state != .deleted && info.state != .undone
                && info.type != HistoryType.delete && !HistoryType.isUndo(info.type)
        }
        var best: MigrationInfo?
        for info in allInfo where counts(info) {
            if let version = info.version, best?.version.map({ version > $0 }) ?? true { best = info }
        }
        return best ?? allInfo.last { counts($0) && $0.version == nil }
    }

    /// Entries whose state is failed (Failed, Failed (Missing), Failed (Future)).
    public var failed: [MigrationInfo] { allInfo.filter { $0.state.isFailed } }
}

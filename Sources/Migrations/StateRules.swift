/// Flyway's state rules (`MigrationInfoImpl.getState`, `BaseAppliedMigration`, `ResolvedMigration.getState`,
/// `BaselineResolvedMigration`, `BaselineAppliedMigration`).
enum StateRules {
    /// The info line of an entry, with its state.
    static func info(for entry: PlanBuilder.Entry, context: PlanContext) -> MigrationInfo {
        let state = state(of: entry, context: context)
        if let row = entry.applied {
            return MigrationInfo(
                category: category(type: row.type, isVersioned: row.version != nil), version: entry.appliedVersion,
                description: row.description, type: row.type, script: row.script, checksum: row.checksum,
                installedRank: row.installedRank, installedOn: row.installedOn, installedBy: row.installedBy,
                executionTime: row.executionTime, state: state, undoable: "", resolved: entry.resolved,
                applied: row)
        }
        let file = entry.resolved
        return MigrationInfo(
            category: category(type: file?.type ?? "", isVersioned: file?.version != nil), version: file?.version,
            description: file?.description ?? "", type: file?.type ?? "", script: file?.script ?? "",
            checksum: file?.effectiveChecksum, state: state, undoable: "", resolved: file)
    }

    static func category(type: String, isVersioned: Bool) -> MigrationInfo.Category {
        if HistoryType.isSynthetic(type) { return .marker }
        if !isVersioned { return .repeatable }
        if HistoryType.isUndo(type) { return .undo }
        if HistoryType.isBaseline(type) { return .baseline }
        return .versioned
    }

    private static func state(of entry: PlanBuilder.Entry, context: PlanContext) -> MigrationState {
        if entry.undone { return .undone }
        if entry.deleted { return .deleted }
        if let row = entry.applied {
            return appliedState(row, version: entry.appliedVersion, outOfOrder: entry.outOfOrder,
                                resolved: entry.resolved, context: context)
        }
        guard let file = entry.resolved else { return .pending }
        if let picks = context.cherryPick {
            return file.version.map { picks[$0] != nil } == true ? .pending : .ignored
        }
        return resolvedState(file, context: context)
    }

    private static func appliedState(
        _ row: AppliedMigration, version: MigrationVersion?, outOfOrder: Bool, resolved: ResolvedMigration?,
        context: PlanContext
    ) -> MigrationState {
        if row.type == HistoryType.delete { return .success }
        let missing = missingState(row, version: version, resolved: resolved, context: context)
        if HistoryType.isBaseline(row.type) {
            // Baseline migrations (B files) can fail or go missing; the marker row is always "Baseline".
            guard row.type != HistoryType.baseline else { return .baseline }
            if !row.success { return .failed }
            return missing ?? .baseline
        }
        if let missing { return missing }
        if !row.success { return .failed }
        if row.type == HistoryType.schema { return .success }
        if version == nil {
            guard row.installedRank == context.latestRepeatableRuns[row.description] else { return .superseded }
            return resolved?.checksumMatches(row.checksum) == true ? .success : .outdated
        }
        return outOfOrder ? .outOfOrder : .success
    }

    /// Missing (below the highest file version) or Future (above it) when the row has no file.
    private static func missingState(
        _ row: AppliedMigration, version: MigrationVersion?, resolved: ResolvedMigration?, context: PlanContext
    ) -> MigrationState? {
        guard resolved == nil else { return nil }
        // Only the latest run of a repeatable can be missing; older runs are superseded.
        if version == nil, let latest = context.latestRepeatableRuns[row.description], latest != row.installedRank {
            return nil
        }
        if row.type == HistoryType.schema { return .success }
        let isMissing: Bool
        if let version { isMissing = context.lastResolved.map { version < $0 } ?? false } else { isMissing = true }
        if isMissing { return row.success ? .missing : .missingFailed }
        return row.success ? .future : .futureFailed
    }

    private static func resolvedState(_ file: ResolvedMigration, context: PlanContext) -> MigrationState {
        if file.kind == .undo { return .available }
        guard let version = file.version else { return .pending }
        var state = MigrationState.pending
        if let baseline = context.effectiveBaseline, version < baseline {
            state = .belowBaseline
        } else if let baseline = context.effectiveBaseline, version == baseline {
            state = .baselineIgnored
        } else if context.target.isBelow(version) {
            state = .aboveTarget
        } else if let lastApplied = context.lastApplied, version < lastApplied, !context.outOfOrder {
            state = .ignored
        }
        guard file.kind == .baselineMigration else { return state }
        if state == .pending, context.hasHistory { return .ignored }
        if state == .baselineIgnored, version == context.pendingBaseline {
            return context.hasHistory ? .baselineIgnored : .pending
        }
        return state
    }
}

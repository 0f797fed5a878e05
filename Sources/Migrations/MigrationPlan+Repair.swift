import Diagnostics

extension MigrationPlan {
    /// What `repair` changes, as Flyway's `DbRepair` does: remove failed rows; then, planned again without
    /// them, mark applied migrations whose file is gone (Missing, or Future) as deleted unless an ignore pattern
    /// covers them; and realign the checksum, description and type of applied rows with their files.
    ///
    /// Unlike Flyway, descriptions are compared and written cut to 200 characters, so a long description
    /// neither fails the update nor stays "changed" forever.
    public static func repair(
        migrations: [ResolvedMigration], applied: [AppliedMigration], options: PlanOptions = PlanOptions()
    ) throws(DiagnosticList) -> [RepairAction] {
        var actions = applied.filter { !$0.success }.sorted { $0.installedRank < $1.installedRank }
            .map(RepairAction.removeFailedRow)
        var repairOptions = PlanOptions(target: .latest, outOfOrder: true)
        repairOptions.baselineVersion = options.baselineVersion
        let plan = try MigrationPlan(
            migrations: migrations, applied: applied.filter(\.success), options: repairOptions)
        for info in plan.allInfo {
            guard let row = info.applied, !HistoryType.isSynthetic(row.type), !HistoryType.isUndo(row.type),
                [.missing, .missingFailed, .future, .futureFailed].contains(info.state),
                !options.ignoreMigrationPatterns.contains(where: {
                    $0.matches(isVersioned: info.version != nil, state: info.state)
                })
            else { continue }
            actions.append(.markDeleted(row, insert: HistoryRowValues(
                version: info.version?.description, description: row.description, type: HistoryType.delete,
                script: row.script, checksum: row.checksum)))
        }
        for info in plan.allInfo {
            guard let row = info.applied, let file = info.resolved, !HistoryType.isSynthetic(row.type),
                info.state != .undone, info.state != .ignored, needsAlignment(row, file: file)
            else { continue }
            actions.append(.align(
                row, description: HistoryText.abbreviatedDescription(file.description), type: file.type,
                checksum: file.effectiveChecksum))
        }
        return actions
    }

    private static func needsAlignment(_ row: AppliedMigration, file: ResolvedMigration) -> Bool {
        guard file.version != nil else {
            // A repeatable applied with its raw-text checksum gets the checksum after placeholder replacement.
            return row.checksum == file.checksum && row.checksum != file.effectiveChecksum
        }
        return !file.checksumMatches(row.checksum)
            || !HistoryText.storedDescriptionMatches(row.description, file: file.description)
            || file.type != row.type
    }

    /// The rows to delete so that Flyway Community reads the history: Flyway Teams' `UNDO_SQL` rows, and for
    /// each version that has one, the apply rows that are no longer in force. A version whose latest row is an
    /// undo loses all its rows (it is pending again, as Slipway and Flyway Teams show it); one applied again
    /// after its undo keeps its latest apply row. What is applied stays recorded; ranks keep their order.
    public static func flywayCommunityHistory(applied: [AppliedMigration]) -> [RepairAction] {
        let rows = applied.filter { $0.version != nil && $0.success }.sorted { $0.installedRank < $1.installedRank }
        let undone = Set(rows.filter { HistoryType.isUndo($0.type) }.compactMap(\.version))
        var removed: [AppliedMigration] = []
        for version in undone {
            let history = rows.filter { $0.version == version }
            let latestApply = history.last.flatMap { HistoryType.isUndo($0.type) ? nil : $0 }
            removed += history.filter { $0 != latestApply }
        }
        return removed.sorted { $0.installedRank < $1.installedRank }.map(RepairAction.removeForCommunity)
    }
}

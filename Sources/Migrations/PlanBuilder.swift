import Diagnostics

/// Builds a ``MigrationPlan`` step by step, in the order Flyway's `refresh` takes.
struct PlanBuilder {
    /// A file, a history row, or both, before its state is known.
    struct Entry {
        var resolved: ResolvedMigration?
        var resolvedIndex: Int?
        var applied: AppliedMigration?
        var appliedVersion: MigrationVersion?
        var outOfOrder = false
        var deleted = false
        var undone = false
    }

    private struct VersionTypeKey: Hashable {
        let version: MigrationVersion
        let type: String
    }

    private let migrations: [ResolvedMigration]
    private let options: PlanOptions
    private var context = PlanContext()
    private var resolvedVersioned: [VersionTypeKey: Int] = [:]
    private var resolvedRepeatable: [String: Int] = [:]
    private var appliedVersioned: [Entry] = []
    private var appliedRepeatable: [Entry] = []

    init(migrations: [ResolvedMigration], options: PlanOptions) {
        self.migrations = migrations
        self.options = options
        context.outOfOrder = options.outOfOrder
        if let picks = options.cherryPick {
            context.cherryPick = Dictionary(picks.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
        for (index, migration) in migrations.enumerated() {
            if let version = migration.version {
                if context.lastResolved.map({ version > $0 }) ?? true { context.lastResolved = version }
                resolvedVersioned[VersionTypeKey(version: version, type: migration.type)] = index
            } else {
                resolvedRepeatable[migration.description] = index
            }
        }
    }

    /// Sorts the history rows (already in installed-rank order) into versioned and repeatable entries, applying
    /// `DELETE` and undo rows to the rows they refer to.
    mutating func addHistory(_ rows: [AppliedMigration]) throws(DiagnosticList) {
        var problems: [Diagnostic] = []
        var latestByVersion: [MigrationVersion: Int] = [:]
        var latestRegularByVersion: [MigrationVersion: Int] = [:]
        var latestByDescription: [String: Int] = [:]
        for row in rows {
            let synthetic = HistoryType.isSynthetic(row.type)
            guard let text = row.version else {
                appliedRepeatable.append(Entry(applied: row))
                if row.type == HistoryType.delete, row.success, let target = latestByDescription[row.description] {
                    appliedRepeatable[target].deleted = true
                }
                if !synthetic { latestByDescription[row.description] = appliedRepeatable.count - 1 }
                continue
            }
            guard let version = MigrationVersion(text) else {
                problems.append(corrupt(row, "has the invalid version '\(text)'"))
                continue
            }
            if HistoryType.isBaseline(row.type), context.appliedBaseline.map({ version > $0 }) ?? true {
                context.appliedBaseline = version
            }
            if row.type == HistoryType.delete, row.success {
                if let target = latestByVersion[version] {
                    if appliedVersioned[target].deleted {
                        problems.append(corrupt(row, "is a second DELETE entry for version \(version)"))
                    }
                    appliedVersioned[target].deleted = true
                }
                continue
            }
            // An undo row turns the latest run of its version back into an unapplied one.
            if HistoryType.isUndo(row.type), row.success, let target = latestRegularByVersion[version] {
                appliedVersioned[target].undone = true
            }
            appliedVersioned.append(Entry(applied: row, appliedVersion: version))
            if !synthetic {
                latestByVersion[version] = appliedVersioned.count - 1
                if !HistoryType.isUndo(row.type) { latestRegularByVersion[version] = appliedVersioned.count - 1 }
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        updateLastApplied()
    }

    private mutating func updateLastApplied() {
        for index in appliedVersioned.indices {
            let entry = appliedVersioned[index]
            guard let version = entry.appliedVersion, let row = entry.applied else { continue }
            if context.lastApplied.map({ version > $0 }) ?? true {
                if row.type != HistoryType.delete, !entry.deleted, !entry.undone, !HistoryType.isUndo(row.type) {
                    context.lastApplied = version
                }
            } else {
                appliedVersioned[index].outOfOrder = true
            }
        }
        switch options.target {
        case .latest: context.target = .none
        case .current: context.target = context.lastApplied.map { .version($0) } ?? .empty
        case .version(let version): context.target = .version(version)
        }
    }

    /// Matches files to rows, finds what is pending, and computes every state in Flyway's display order.
    mutating func finish() -> ([MigrationInfo], PlanContext) {
        var entries: [Entry] = []
        var pendingVersioned = Set(resolvedVersioned.values)
        for var entry in appliedVersioned {
            if let version = entry.appliedVersion, let row = entry.applied,
                let index = resolvedVersioned[VersionTypeKey(version: version, type: row.type)]
            {
                entry.resolved = migrations[index]
                entry.resolvedIndex = index
                if !entry.deleted, row.type != HistoryType.delete, !entry.undone { pendingVersioned.remove(index) }
            }
            entries.append(entry)
        }
        for index in pendingVersioned where migrations[index].kind == .baselineMigration {
            if let version = migrations[index].version, context.pendingBaseline.map({ version > $0 }) ?? true {
                context.pendingBaseline = version
            }
        }
        entries += pendingVersioned.map { Entry(resolved: migrations[$0], resolvedIndex: $0) }

        for entry in appliedRepeatable {
            guard let row = entry.applied else { continue }
            context.latestRepeatableRuns[row.description] = max(
                context.latestRepeatableRuns[row.description] ?? Int.min, row.installedRank)
        }
        var pendingRepeatable = Set(resolvedRepeatable.values)
        for var entry in appliedRepeatable {
            if let row = entry.applied, let index = resolvedRepeatable[row.description] {
                entry.resolved = migrations[index]
                entry.resolvedIndex = index
                if !entry.deleted, row.type != HistoryType.delete,
                    row.installedRank == context.latestRepeatableRuns[row.description],
                    migrations[index].checksumMatches(row.checksum)
                {
                    pendingRepeatable.remove(index)
                }
            }
            entries.append(entry)
        }
        entries += pendingRepeatable.map { Entry(resolved: migrations[$0], resolvedIndex: $0) }

        let context = self.context
        let infos = InfoOrder.sorted(entries.map { StateRules.info(for: $0, context: context) })
        return (UndoableColumn.filled(infos), context)
    }

    private func corrupt(_ row: AppliedMigration, _ problem: String) -> Diagnostic {
        Diagnostic(
            category: .validation, code: "corrupt-history",
            message: "schema history row \(row.installedRank) (\(row.script)) \(problem)",
            hint: "correct or delete that row of the schema history table by hand, then run validate")
    }
}

import Diagnostics

extension MigrationPlan {
    /// Checks applied migrations against the files, as Flyway's `validate` does (one finding per entry).
    ///
    /// Reports failed rows, rows without a file (Missing, and Future unless ignored), unapplied versions below
    /// the current one (Ignored, without `outOfOrder`), pending and outdated migrations unless `pendingAllowed`,
    /// and checksum, type and description mismatches; all except those matched by
    /// ``PlanOptions/ignoreMigrationPatterns``. `migrate` validates with `pendingAllowed: true`.
    public func validate(pendingAllowed: Bool) -> [Diagnostic] {
        var patterns = options.ignoreMigrationPatterns
        if pendingAllowed, let pending = try? IgnorePattern("*:pending") { patterns.append(pending) }
        let rules = ValidationRules(
            patterns: patterns, appliedBaseline: context.appliedBaseline,
            ignoredIgnored: options.cherryPick != nil || patterns.ignoresEverywhere(.ignored))
        return allInfo.compactMap(rules.finding(for:))
    }

    /// Flyway's warning when the history has a version newer than every file (a Future one), else nil.
    public func futureVersionWarning(schema: String) -> Diagnostic? {
        let future = allInfo.filter { ($0.state == .future || $0.state == .futureFailed) && $0.version != nil }
        guard let newest = future.last?.version else { return nil }
        let latestFile = allInfo.compactMap { $0.resolved?.version }.max()
        return Diagnostic(
            .warning, category: .validation, code: "future-version",
            message: latestFile.map {
                "Schema \"\(schema)\" has a version (\(newest)) that is newer than the latest available migration (\($0)) !"
            } ?? "Schema \"\(schema)\" has version \(newest), but no migration could be resolved in the configured locations !",
            hint: "check that locations point at the current migrations")
    }

    /// What stops `migrate` before it runs anything: a failed row (a warning only for a single failed future row
    /// when future versions are ignored).
    public func migrationBlockers() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let futureIgnored = options.ignoreMigrationPatterns.ignoresEverywhere(.future)
        let failed = self.failed
        if let first = failed.first {
            let onlyFailedFuture = failed.count == 1 && first.state == .futureFailed && futureIgnored
            let what = first.version.map { "version \($0) (\(first.description))" } ?? "'\(first.description)'"
            findings.append(Diagnostic(
                onlyFailedFuture ? .warning : .error, category: .validation, code: "failed-migration",
                message: "the schema history contains a failed migration to \(what)",
                hint: onlyFailedFuture ? nil : "undo any half-applied changes by hand, then run repair to remove the failed row"))
        }
        return findings
    }
}

/// Flyway's `MigrationInfoImpl.validate`: the first problem of one info line, if any.
private struct ValidationRules {
    let patterns: [IgnorePattern]
    let appliedBaseline: MigrationVersion?
    let ignoredIgnored: Bool

    // Worked out once, not for every entry.
    let pendingIgnored: Bool
    let missingIgnored: Bool
    let futureIgnored: Bool

    init(patterns: [IgnorePattern], appliedBaseline: MigrationVersion?, ignoredIgnored: Bool) {
        self.patterns = patterns
        self.appliedBaseline = appliedBaseline
        self.ignoredIgnored = ignoredIgnored
        pendingIgnored = patterns.ignoresEverywhere(.pending)
        missingIgnored = patterns.ignoresEverywhere(.missing)
        futureIgnored = patterns.ignoresEverywhere(.future)
    }

    func finding(for info: MigrationInfo) -> Diagnostic? {
        let state = info.state
        if state == .undone || state == .aboveTarget || state == .deleted { return nil }
        if patterns.contains(where: { $0.matches(isVersioned: info.version != nil, state: state) }) { return nil }
        if state.isFailed, !futureIgnored || state != .futureFailed { return failedRow(info) }
        if let row = info.applied, info.resolved == nil { return notResolved(info, row: row) }
        guard let file = info.resolved else { return nil }
        if !ignoredIgnored, state == .ignored, file.kind != .baselineMigration, file.kind != .undo {
            return ignored(info)
        }
        if !pendingIgnored, state == .pending { return pending(info) }
        if !pendingIgnored, state == .outdated {
            return finding(
                info, file: file, code: "outdated-repeatable",
                "repeatable migration '\(info.description)' changed since it was last applied",
                hint: "run migrate to apply it again")
        }
        guard let row = info.applied else { return nil }
        return mismatch(info, file: file, row: row)
    }

    private func failedRow(_ info: MigrationInfo) -> Diagnostic {
        let what = info.version.map { "migration to version \($0) (\(info.description))" }
            ?? "repeatable migration '\(info.description)'"
        return finding(
            info, file: info.resolved, code: "failed-migration", "detected failed \(what)",
            hint: "undo any half-applied changes by hand, then run repair to remove the failed row")
    }

    private func notResolved(_ info: MigrationInfo, row: AppliedMigration) -> Diagnostic? {
        let state = info.state
        guard !HistoryType.isSynthetic(row.type), !HistoryType.isUndo(row.type), state != .superseded,
            !missingIgnored || (state != .missing && state != .missingFailed),
            !futureIgnored || (state != .future && state != .futureFailed)
        else { return nil }
        let what = info.version.map { "version \($0) (\(row.script))" } ?? "repeatable '\(info.description)' (\(row.script))"
        let future = state == .future || state == .futureFailed
        return finding(
            info, file: nil, code: future ? "future-migration" : "missing-migration",
            "applied migration \(what) has no file in the locations"
                + (future ? "; it is newer than every migration file" : ""),
            hint: "restore the file; if it was removed on purpose run repair to mark it deleted, "
                + "or add ignoreMigrationPatterns=*:\(future ? "future" : "missing")")
    }

    private func ignored(_ info: MigrationInfo) -> Diagnostic {
        finding(
            info, file: info.resolved, code: "ignored-migration",
            "migration \(info.version.map { "version \($0)" } ?? "'\(info.description)'") is not applied, "
                + "but a higher version is",
            hint: "rename it to a version above the current one, set outOfOrder=true to apply it, "
                + "or add ignoreMigrationPatterns=*:ignored")
    }

    private func pending(_ info: MigrationInfo) -> Diagnostic {
        finding(
            info, file: info.resolved, code: "pending-migration",
            "migration \(info.version.map { "version \($0)" } ?? "'\(info.description)'") is not applied yet",
            hint: "run migrate, or add ignoreMigrationPatterns=*:pending")
    }

    private func mismatch(_ info: MigrationInfo, file: ResolvedMigration, row: AppliedMigration) -> Diagnostic? {
        guard row.type != HistoryType.delete, !HistoryType.isUndo(row.type) else { return nil }
        if let version = info.version, let baseline = appliedBaseline, version <= baseline { return nil }
        let subject = info.version.map { "version \($0)" } ?? "'\(row.script)'"
        let hint = "revert the file to what was applied, or run repair to record the file's current state"
        if file.type != row.type {
            return finding(
                info, file: file, code: "type-mismatch", "migration type mismatch for \(subject)",
                notes: ["applied to database: \(row.type)", "resolved locally:   \(file.type)"], hint: hint)
        }
        let state = info.state
        if file.version != nil || (pendingIgnored && state != .outdated && state != .superseded),
            !file.checksumMatches(row.checksum)
        {
            return finding(
                info, file: file, code: "checksum-mismatch",
                "migration checksum mismatch for \(subject): the file changed after it was applied",
                notes: [
                    "applied to database: \(row.checksum.map(String.init) ?? "null")",
                    "resolved locally:   \(file.effectiveChecksum)",
                ], hint: hint)
        }
        if !HistoryText.storedDescriptionMatches(row.description, file: file.description) {
            return finding(
                info, file: file, code: "description-mismatch", "migration description mismatch for \(subject)",
                notes: ["applied to database: \(row.description)", "resolved locally:   \(file.description)"],
                hint: hint)
        }
        return nil
    }

    private func finding(
        _ info: MigrationInfo, file: ResolvedMigration?, code: String, _ message: String, notes: [String] = [],
        hint: String?
    ) -> Diagnostic {
        Diagnostic(
            category: .validation, location: file.map { SourceLocation(file: $0.path, line: 1, column: 1) },
            code: code, message: message, notes: notes, hint: hint)
    }
}

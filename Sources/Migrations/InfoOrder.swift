/// Flyway's display order of info lines (`MigrationInfoImpl.compareTo`), as a consistent total order.
///
/// Unapplied files below or at the baseline come first, then history rows by installed rank, then the other
/// unapplied files: versioned by version (a regular file before a baseline or undo file of the same version),
/// then repeatables by description.
enum InfoOrder {
    static func sorted(_ infos: [MigrationInfo]) -> [MigrationInfo] {
        var belowBaseline: [MigrationInfo] = []
        var applied: [MigrationInfo] = []
        var unapplied: [MigrationInfo] = []
        for info in infos {
            if info.applied != nil {
                applied.append(info)
            } else if info.state == .belowBaseline || info.state == .baselineIgnored {
                belowBaseline.append(info)
            } else {
                unapplied.append(info)
            }
        }
        applied.sort { ($0.installedRank ?? 0) < ($1.installedRank ?? 0) }
        return sortedByVersion(belowBaseline) + applied + sortedByVersion(unapplied)
    }

    /// Sorts positions, then picks the entries: moving whole `MigrationInfo`s during the sort retained and
    /// released every string they hold (a tenth of applying 1000 migrations, in callgrind).
    private static func sortedByVersion(_ infos: [MigrationInfo]) -> [MigrationInfo] {
        let files = infos.map(\.resolved)
        return infos.indices.sorted { left, right in
            switch (files[left], files[right]) {
            case (let leftFile?, let rightFile?): return MigrationDiscovery.flywayOrder(leftFile, rightFile)
            case (let leftFile, _): return leftFile != nil
            }
        }.map { infos[$0] }
    }
}

/// Fills the Undoable column: `Yes` when an undo file or undo row exists for the version and the entry did
/// not fail, `No` otherwise, empty for repeatables, markers, undo entries and deleted or undone rows.
enum UndoableColumn {
    static func filled(_ infos: [MigrationInfo]) -> [MigrationInfo] {
        let undoable = Set(infos.filter { HistoryType.isUndo($0.type) }.compactMap(\.version))
        return infos.map { info in
            var info = info
            guard let version = info.version, info.type != HistoryType.delete, info.state != .deleted,
                !HistoryType.isUndo(info.type), info.state != .undone
            else { return info }
            info.undoable = !info.state.isFailed && undoable.contains(version) ? "Yes" : "No"
            return info
        }
    }
}

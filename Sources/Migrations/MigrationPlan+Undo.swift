import Diagnostics

/// What `undo` would do: the applied versions to undo, most recently applied first, each with its `U` file.
public struct UndoPlan: Sendable, Equatable {
    public struct Step: Sendable, Equatable {
        /// The applied versioned migration being undone.
        public var applied: MigrationInfo
        /// Its `U<version>__….sql` file.
        public var undo: ResolvedMigration
    }

    public var steps: [Step]
    /// The highest version still applied afterwards; nil when none is.
    public var resultingVersion: MigrationVersion?
}

extension MigrationPlan {
    /// The undo of the most recently applied version (`target` nil), or of the applied versions in the reverse
    /// of their applied order until one at or below `target`, as Flyway Teams' `undo` does ("Undoes the most
    /// recently applied versioned migration"; the target itself stays applied).
    ///
    /// Baseline rows and repeatables are never undone.
    ///
    /// - Throws: one diagnostic per version to undo that has no undo file; then nothing may run.
    public func undoPlan(target: MigrationVersion?) throws(DiagnosticList) -> UndoPlan {
        let applied: [(version: MigrationVersion, info: MigrationInfo)] = allInfo.compactMap { info in
            guard let version = info.version, info.category == .versioned, info.applied != nil,
                info.state == .success || info.state == .outOfOrder
            else { return nil }
            return (version, info)
        }.sorted { ($0.info.installedRank ?? 0) > ($1.info.installedRank ?? 0) }
        let chosen = Array(target.map { target in applied.prefix { $0.version > target } } ?? applied.prefix(1))
        var undoFiles: [MigrationVersion: ResolvedMigration] = [:]
        for file in allInfo.compactMap(\.resolved) where file.kind == .undo {
            if let version = file.version { undoFiles[version] = file }
        }
        var steps: [UndoPlan.Step] = []
        var missing: [Diagnostic] = []
        for (version, info) in chosen {
            if let undo = undoFiles[version] {
                steps.append(UndoPlan.Step(applied: info, undo: undo))
            } else {
                missing.append(Diagnostic(
                    category: .validation,
                    location: info.resolved.map { SourceLocation(file: $0.path, line: 1, column: 1) },
                    code: "no-undo-file",
                    message: "version \(version) (\(info.script)) cannot be undone: it has no undo file",
                    hint: "add U\(version.description.replacingOccurrences(of: ".", with: "_"))__"
                        + "\(info.description.replacingOccurrences(of: " ", with: "_")).sql that reverses it, "
                        + "or undo to a higher --target"))
            }
        }
        guard missing.isEmpty else { throw DiagnosticList(missing) }
        let undone = Set(chosen.map(\.version))
        // Baseline rows count as applied versions too, as for Flyway's current version.
        let baselines = allInfo.filter { $0.state == .baseline }.compactMap(\.version)
        let remaining = (applied.map(\.version) + baselines).filter { !undone.contains($0) }.max()
        return UndoPlan(steps: steps, resultingVersion: remaining)
    }
}

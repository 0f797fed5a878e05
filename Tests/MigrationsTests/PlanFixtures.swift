import Migrations

/// Builders for planner scenarios: files by name, history rows by rank.
enum PlanFixtures {
    /// A resolved migration from a file name (which must be valid) and its text.
    static func file(_ name: String, _ text: String = "SELECT 1;") -> ResolvedMigration {
        guard case .migration(let parsed) = MigrationName.parse(name) else {
            return ResolvedMigration(kind: .versioned, version: nil, description: "INVALID \(name)", script: name,
                                     path: "/m/" + name, text: text, checksum: 0)
        }
        return ResolvedMigration(
            kind: parsed.kind, version: parsed.version, description: parsed.description, script: name,
            path: "/m/" + name, text: text, checksum: Checksum.flyway(text), canonicalFileName: parsed.canonicalFileName)
    }

    /// The history row Flyway writes after applying `file`.
    static func row(_ rank: Int, _ file: ResolvedMigration, success: Bool = true, checksum: Int32? = nil) -> AppliedMigration {
        AppliedMigration(
            installedRank: rank, version: file.version?.description, description: file.description, type: file.type,
            script: file.script, checksum: checksum ?? file.effectiveChecksum, installedBy: "app",
            installedOn: "2024-01-15 10:00:00", executionTime: 12, success: success)
    }

    /// A marker or hand-made row.
    static func marker(_ rank: Int, _ version: String?, _ description: String, type: String, script: String? = nil,
                       checksum: Int32? = nil, success: Bool = true) -> AppliedMigration {
        AppliedMigration(
            installedRank: rank, version: version, description: description, type: type,
            script: script ?? description, checksum: checksum, success: success)
    }

    /// `Version-or-description: State` for each info line, for compact assertions.
    static func states(_ plan: MigrationPlan) -> [String] {
        plan.info.map { "\($0.version?.description ?? $0.description): \($0.state.displayName)" }
    }

    static func pending(_ plan: MigrationPlan) -> [String] {
        plan.pending.map { $0.version?.description ?? $0.description }
    }
}

import Diagnostics

/// Finds migrations that Flyway would refuse as duplicates: the same version twice (`1` and `1.0` count as the
/// same), the same repeatable description twice, or two callbacks with the same name.
enum DuplicateCheck {
    static func problems(
        migrations: [ResolvedMigration], callbacks: [SqlCallback], baseDirectory: String
    ) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var versions: [VersionKey: ResolvedMigration] = [:]
        var repeatables: [String: ResolvedMigration] = [:]
        for migration in migrations {
            if let version = migration.version {
                let key = VersionKey(version: version, kind: migration.kind)
                if let first = versions[key] {
                    problems.append(duplicate(
                        "found more than one migration with version \(version)", first.path, migration.path))
                } else {
                    versions[key] = migration
                }
            } else if let first = repeatables[migration.description] {
                problems.append(duplicate(
                    "found more than one repeatable migration with description '\(migration.description)'",
                    first.path, migration.path))
            } else {
                repeatables[migration.description] = migration
            }
        }
        var callbackNames: [String: SqlCallback] = [:]
        for callback in callbacks {
            let fileName = callback.script.split(separator: "/").last.map(String.init) ?? callback.script
            // Flyway compares callbacks by file name without the suffix (e.g. `afterMigrate__v1.2`).
            let name = fileName.lastIndex(of: ".").map { String(fileName[..<$0]) } ?? fileName
            if let first = callbackNames[name] {
                problems.append(duplicate("found more than one SQL callback called '\(name)'", first.path, callback.path))
            } else {
                callbackNames[name] = callback
            }
        }
        return problems
    }

    /// A version together with the kind it is unique within (a `V1` and its `U1` are no duplicates).
    private struct VersionKey: Hashable {
        let version: MigrationVersion
        let kind: MigrationKind
    }

    private static func duplicate(_ message: String, _ first: String, _ second: String) -> Diagnostic {
        Diagnostic(
            category: .input, location: SourceLocation(file: second, line: 1, column: 1),
            code: "duplicate-migration", message: message,
            notes: ["first: \(first)", "second: \(second)"],
            hint: "give one of them another version or description, or delete one")
    }
}

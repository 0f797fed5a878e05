import Diagnostics
import Foundation

/// Finds migrations and SQL callbacks in locations on disk.
public enum MigrationDiscovery {
    /// The existing directories the locations name, absolute, as ``discover(locations:baseDirectory:naming:)``
    /// resolves them (for watching them).
    public static func directories(locations: [String], baseDirectory: String) -> [String] {
        locations.compactMap { LocationPath($0, baseDirectory: baseDirectory)?.absolute }
    }

    /// Walks each location recursively (in sorted order, skipping hidden directories), reads and checksums every
    /// migration and callback, and checks names and duplicates.
    ///
    /// A location is a directory, optionally written `filesystem:dir`; `classpath:dir` is looked up in Maven's
    /// `src/main/resources`, then `src/test/resources`. Relative locations are relative to `baseDirectory`.
    ///
    /// - Throws: every error at once (badly named `.sql` files unless naming says `warning`, bad `.conf` files,
    ///   undecodable files, duplicate versions or repeatable descriptions, a missing first location), together
    ///   with the warnings.
    public static func discover(
        locations: [String], baseDirectory: String, naming: NamingOptions = NamingOptions()
    ) throws(DiagnosticList) -> DiscoveredMigrations {
        var problems: [Diagnostic] = []
        var migrations: [ResolvedMigration] = []
        var callbacks: [SqlCallback] = []
        // Once per run: working out the prefixes for every file was half of a no-op migrate's instructions.
        let names = MigrationName.Parser(naming: naming)
        for (position, location) in locations.enumerated() {
            guard let root = LocationPath(location, baseDirectory: baseDirectory) else {
                problems.append(missingLocation(location, baseDirectory: baseDirectory, isFirst: position == 0))
                continue
            }
            let listing = root.sqlCandidateFiles()
            // Skipping what cannot be read would leave a migration out of the plan without a word.
            for entry in listing.unreadable {
                let file = LocatedFile(root: root, relativePath: entry.path)
                if case .notSQL = names.parse(file.fileName), !entry.isDirectory { continue }
                problems.append(file.unreadable(entry.reason))
            }
            for relative in listing.files {
                let file = LocatedFile(root: root, relativePath: relative)
                switch names.parse(file.fileName) {
                case .notSQL:
                    continue
                case .invalid(var diagnostic):
                    diagnostic.location = SourceLocation(file: file.displayPath, line: 1, column: 1)
                    if naming.badNames == .warning { diagnostic.severity = .warning }
                    problems.append(diagnostic)
                case .migration(let name):
                    // Flyway's history table holds a version of at most 50 characters: say so before anything runs.
                    if let version = name.version, version.description.utf16.count > HistoryText.versionLength {
                        problems.append(Diagnostic(
                            category: .input, location: SourceLocation(file: file.displayPath, line: 1, column: 1),
                            code: "version-too-long",
                            message: "the version \(version.description.prefix(20))… has "
                                + "\(version.description.utf16.count) characters; the history table's version column "
                                + "holds \(HistoryText.versionLength)",
                            hint: "give the file a shorter version"))
                        continue
                    }
                    do {
                        let (text, config) = try file.read(defaultEncoding: naming.encoding)
                        migrations.append(ResolvedMigration(
                            kind: name.kind, version: name.version, description: name.description,
                            script: relative, path: file.absolutePath, text: text, checksum: Checksum.flyway(text),
                            config: config, canonicalFileName: name.canonicalFileName))
                    } catch {
                        problems += error.diagnostics
                    }
                case .callback(let name):
                    do {
                        let (text, config) = try file.read(defaultEncoding: naming.encoding)
                        if CallbackEvent.neverFired.contains(name.event) {
                            problems.append(Diagnostic(
                                .warning, category: .input, location: SourceLocation(file: relative, line: 1, column: 1),
                                code: "callback-never-fires",
                                message: "callback \(relative) is for the \(name.event.rawValue) event, which Slipway does not fire",
                                hint: "use an event Slipway fires (see the README's callbacks section), or remove the file"))
                        }
                        callbacks.append(SqlCallback(
                            event: name.event, description: name.description, script: relative,
                            path: file.absolutePath, text: text, config: config))
                    } catch {
                        problems += error.diagnostics
                    }
                }
            }
        }
        // Sorting positions, comparing the migrations in place: moving or copying whole migrations was a tenth
        // of a no-op migrate's work.
        let order = migrations.withUnsafeBufferPointer { all in
            all.indices.sorted { flywayOrder(all[$0], all[$1]) }
        }
        migrations = order.map { migrations[$0] }
        callbacks.sort { ($0.script.split(separator: "/").last ?? "").utf16.lexicographicallyPrecedes(
            ($1.script.split(separator: "/").last ?? "").utf16) }
        problems += DuplicateCheck.problems(migrations: migrations, callbacks: callbacks, baseDirectory: baseDirectory)
        guard !problems.contains(where: { $0.severity == .error }) else { throw DiagnosticList(problems) }
        return DiscoveredMigrations(migrations: migrations, callbacks: callbacks, warnings: problems)
    }

    /// The checksum Flyway stores for a repeatable: over the text after placeholder replacement (with
    /// `${flyway:filename}` set to the file's name), or over the raw text when replacement is off for the file.
    public static func repeatableChecksum(
        of migration: ResolvedMigration, placeholders: Placeholders
    ) throws(DiagnosticList) -> Int32 {
        Checksum.flyway(try migration.executableText(placeholders: placeholders))
    }

    /// Flyway's order of resolved migrations: by version (regular, then baseline, then undo), then repeatables
    /// by description (UTF-16 order, as Java's `String.compareTo`).
    static func flywayOrder(_ left: ResolvedMigration, _ right: ResolvedMigration) -> Bool {
        switch (left.version, right.version) {
        case (let l?, let r?):
            if l != r { return l < r }
            if left.kind != right.kind { return kindRank(left.kind) < kindRank(right.kind) }
            return left.path.utf8.lexicographicallyPrecedes(right.path.utf8)
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil):
            if left.description != right.description {
                return left.description.utf16.lexicographicallyPrecedes(right.description.utf16)
            }
            return left.path.utf8.lexicographicallyPrecedes(right.path.utf8)
        }
    }

    private static func kindRank(_ kind: MigrationKind) -> Int {
        switch kind {
        case .versioned, .repeatable: 0
        case .baselineMigration: 1
        case .undo: 2
        }
    }

    private static func missingLocation(_ location: String, baseDirectory: String, isFirst: Bool) -> Diagnostic {
        Diagnostic(
            isFirst ? .error : .warning, category: .input, code: "missing-location",
            message: "migration location '\(location)' does not exist or is not a readable directory",
            notes: ["relative locations are resolved against \(baseDirectory)"],
            hint: isFirst
                ? "create the directory, or point locations (FLYWAY_LOCATIONS / --locations) at your migrations"
                : "remove it from locations if it is not needed")
    }
}

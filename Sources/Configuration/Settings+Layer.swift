import Diagnostics
import Foundation

extension Settings {
    /// Flyway's prefix for filesystem locations, which Slipway drops.
    private static let filesystemPrefix = "filesystem:"
    private static let classpathPrefix = "classpath:"

    /// Takes every setting that `layer` has over the defaults; invalid values become errors.
    ///
    /// - Parameter currentDirectory: where a Maven project's `src/main/resources` (its class path) is looked for.
    mutating func apply(_ layer: SettingsLayer, currentDirectory: String, errors: inout [Diagnostic]) {
        schemas = layer.list(.schemas) ?? schemas
        // Flyway keeps the history in defaultSchema and adds it to the managed schemas when they lack it;
        // Slipway keeps the history in the first schema, so the default one goes first.
        if let defaultSchema = layer.text(.defaultSchema) {
            schemas = [defaultSchema] + schemas.filter { $0 != defaultSchema }
        }
        dryRunOutput = layer.text(.dryRunOutput) ?? dryRunOutput
        table = layer.text(.table) ?? table
        locations = layer.list(.locations).map {
            readLocations($0, origin: layer.values[.locations]?.origin, currentDirectory: currentDirectory, errors: &errors)
        } ?? locations
        placeholders = layer.placeholders
        placeholderReplacement = layer.flag(.placeholderReplacement) ?? placeholderReplacement
        outOfOrder = layer.flag(.outOfOrder) ?? outOfOrder
        baselineOnMigrate = layer.flag(.baselineOnMigrate) ?? baselineOnMigrate
        baselineVersion = layer.text(.baselineVersion) ?? baselineVersion
        baselineDescription = layer.text(.baselineDescription) ?? baselineDescription
        validateOnMigrate = layer.flag(.validateOnMigrate) ?? validateOnMigrate
        validateMigrationNaming = layer.flag(.validateMigrationNaming) ?? validateMigrationNaming
        mixed = layer.flag(.mixed) ?? mixed
        target = layer.text(.target) ?? target
        cleanDisabled = layer.flag(.cleanDisabled) ?? cleanDisabled
        installedBy = layer.text(.installedBy) ?? installedBy
        ignoreMigrationPatterns = layer.list(.ignoreMigrationPatterns) ?? ignoreMigrationPatterns
        cherryPick = layer.list(.cherryPick) ?? cherryPick
        sqlMigrationPrefix = layer.text(.sqlMigrationPrefix) ?? sqlMigrationPrefix
        undoSqlMigrationPrefix = layer.text(.undoSqlMigrationPrefix) ?? undoSqlMigrationPrefix
        repeatableSqlMigrationPrefix = layer.text(.repeatableSqlMigrationPrefix) ?? repeatableSqlMigrationPrefix
        baselineMigrationPrefix = layer.text(.baselineMigrationPrefix) ?? baselineMigrationPrefix
        sqlMigrationSeparator = layer.text(.sqlMigrationSeparator) ?? sqlMigrationSeparator
        sqlMigrationSuffixes = layer.list(.sqlMigrationSuffixes) ?? sqlMigrationSuffixes
        encoding = layer.text(.encoding) ?? encoding
        environment = layer.text(.environment) ?? environment
        secretEnv = layer.text(.secretEnv) ?? secretEnv
        dialect = layer.text(.dialect).flatMap { readDialect($0, origin: layer.values[.dialect]?.origin, errors: &errors) }
        lockTimeout = layer.number(.lockTimeout) ?? lockTimeout
        statementTimeout = layer.number(.statementTimeout) ?? statementTimeout
        connectRetries = layer.number(.connectRetries) ?? connectRetries
        connectRetriesInterval = layer.number(.connectRetriesInterval) ?? connectRetriesInterval
        redshiftIamRole = layer.text(.redshiftIamRole) ?? redshiftIamRole
        testDataS3Bucket = layer.text(.testDataS3Bucket) ?? testDataS3Bucket
        s3Root = layer.text(.s3Root) ?? s3Root
        coverageMin = layer.number(.coverageMin) ?? coverageMin
    }

    /// Drops `filesystem:`. `classpath:X` is a Maven project's `src/main/resources/X` when that directory
    /// exists (what Maven puts on the class path); otherwise it is an error, as Slipway has no Java class path.
    private func readLocations(
        _ values: [String], origin: SettingOrigin?, currentDirectory: String, errors: inout [Diagnostic]
    ) -> [String] {
        values.compactMap { location in
            if location.lowercased().hasPrefix(Self.classpathPrefix) {
                let resources = "src/main/resources/" + location.dropFirst(Self.classpathPrefix.count)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(
                    atPath: SettingsLoader.absolute(resources, in: currentDirectory), isDirectory: &isDirectory),
                    isDirectory.boolValue {
                    return resources
                }
                errors.append(Diagnostic(
                    category: .input, location: origin?.location, code: "classpath-location",
                    message: "location '\(location)' in \(origin?.description ?? "locations") is on the Java class path, which Slipway does not have",
                    hint: "use the directory that holds the files, e.g. filesystem:src/main/resources/"
                        + location.dropFirst(Self.classpathPrefix.count)))
                return nil
            }
            return location.lowercased().hasPrefix(Self.filesystemPrefix)
                ? String(location.dropFirst(Self.filesystemPrefix.count)) : location
        }
    }

    private func readDialect(_ text: String, origin: SettingOrigin?, errors: inout [Diagnostic]) -> DatabaseDialect? {
        guard let dialect = DatabaseDialect(rawValue: text.lowercased()) else {
            errors.append(Diagnostic(
                category: .input, location: origin?.location, code: "bad-dialect",
                message: "\(origin?.description ?? "dialect") names an unknown dialect",
                hint: "use one of: \(DatabaseDialect.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        }
        return dialect
    }
}

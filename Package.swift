// swift-tools-version: 6.0
import PackageDescription

// The data's path, one direction: files → plan → database → results → reports.
let package = Package(
    name: "Slipway",
    products: [
        .executable(name: "slipway", targets: ["slipway"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "Diagnostics"),
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        .target(name: "EmbeddedPostgres", dependencies: ["PostgresClient", "Diagnostics", "RedshiftEmulation"]),
        .target(name: "SQLScanner", dependencies: ["Diagnostics"]),
        .target(name: "Configuration", dependencies: ["Diagnostics", "Migrations", "TOMLKit"]),
        // The one seam that talks HTTP to AWS: credentials, SigV4, Secrets Manager, Redshift credentials, S3.
        .target(name: "AWS", dependencies: ["Diagnostics", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "SourceFiles"),
        // Which files changed below some folders (inotify), for `slipway test --watch`.
        .target(name: "FileWatching"),
        .target(name: "Migrations", dependencies: ["Diagnostics", "SourceFiles"]),
        .target(name: "Dialect", dependencies: ["SQLScanner"]),
        // Redshift SQL on PostgreSQL: token rewrites, refusals, and the installed functions' SQL.
        .target(name: "RedshiftEmulation", dependencies: ["SQLScanner", "Diagnostics"]),
        // Flags risky statements in pending migrations; rules are data over the scanner's words.
        .target(name: "Lint", dependencies: ["SQLScanner", "Dialect", "Diagnostics"]),
        // pg_dump --schema-only, found and run with the connection in its environment; output made stable for diffs.
        .target(name: "SchemaDump", dependencies: ["Diagnostics"]),
        .target(name: "TargetDatabase", dependencies: ["Configuration", "EmbeddedPostgres", "PostgresClient", "Dialect", "Diagnostics", "RedshiftEmulation"]),
        // What a migration run did, as values: pure, so reports need no database client.
        .target(name: "MigrationResults", dependencies: ["Migrations", "Dialect", "Diagnostics"]),
        // The database a run changes: history store, lock protocol, session facts; one driver per lock family.
        .target(name: "MigrationDrivers", dependencies: [
            "Migrations", "SQLScanner", "Dialect", "PostgresClient", "Diagnostics", "RedshiftEmulation",
        ]),
        // Sequences the plan, the callbacks and the change writer; holds no SQL of its own.
        .target(name: "Migrator", dependencies: [
            "Migrations", "MigrationResults", "MigrationDrivers", "Dialect", "PostgresClient", "Diagnostics", "RedshiftEmulation",
        ]),
        .target(name: "MigrationReports", dependencies: ["Migrations", "MigrationResults", "Dialect", "Diagnostics"]),
        // The regular expressions of `fails: {message}`, matched without backtracking.
        .target(name: "MessagePattern"),
        .target(name: "Specs", dependencies: ["Diagnostics", "SourceFiles", "MessagePattern", "SQLScanner", "Yams"]),
        .target(name: "TestResults", dependencies: ["MessagePattern"]),
        .target(name: "JUnitReport", dependencies: ["TestResults", "Diagnostics"]),
        .target(name: "SpecRunner", dependencies: ["Specs", "TestResults", "PostgresClient", "Dialect", "Diagnostics", "RedshiftEmulation"]),
        // Coverage of PL/pgSQL routines in lines of their migration files, and its Cobertura and LCOV reports: pure.
        .target(name: "Coverage", dependencies: ["SQLScanner", "Diagnostics"]),
        // The plpgsql_check extension in a database: routines, profiles, static check.
        .target(name: "RoutineProfiler", dependencies: ["Coverage", "PostgresClient", "Diagnostics"]),
        .target(name: "Workflows", dependencies: [
            "Configuration", "TargetDatabase", "Migrations", "MigrationResults", "Migrator", "Specs", "SpecRunner", "TestResults",
            "JUnitReport", "Diagnostics", "Lint", "SchemaDump", "AWS", "RedshiftEmulation", "Coverage", "RoutineProfiler",
            "FileWatching", "PostgresClient", "Dialect",
        ]),
        .executableTarget(name: "slipway", dependencies: [
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            "Workflows", "TargetDatabase", "Configuration", "MigrationResults", "Migrator", "MigrationReports", "SpecRunner", "TestResults",
            "JUnitReport", "Diagnostics", "Lint", "Coverage",
        ]),
        // Starts one embedded PostgreSQL per test process and hands out fresh databases.
        .target(name: "TestSupport", dependencies: ["EmbeddedPostgres", "PostgresClient"], path: "Tests/TestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "AWSTests", dependencies: ["AWS", "Diagnostics", "TestSupport", "PostgresClient"]),
        .testTarget(name: "SourceFilesTests", dependencies: ["SourceFiles", "TestSupport"]),
        .testTarget(name: "SQLScannerTests", dependencies: ["SQLScanner", "TestSupport"]),
        .testTarget(name: "ConfigurationTests", dependencies: ["Configuration", "TestSupport"]),
        .testTarget(name: "MigrationsTests", dependencies: ["Migrations", "TestSupport"]),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "EmbeddedPostgres", "TestSupport"]),
        .testTarget(name: "EmbeddedPostgresTests", dependencies: ["EmbeddedPostgres", "PostgresClient"]),
        .testTarget(name: "DialectTests", dependencies: ["Dialect", "SQLScanner"]),
        .testTarget(name: "RedshiftEmulationTests", dependencies: [
            "RedshiftEmulation", "SQLScanner", "TestSupport", "PostgresClient", "AWS", "Workflows", "Configuration",
            "TargetDatabase", "TestResults", "Diagnostics",
        ]),
        .testTarget(name: "LintTests", dependencies: ["Lint", "Dialect", "Diagnostics"]),
        .testTarget(name: "SchemaDumpTests", dependencies: ["SchemaDump", "TestSupport", "PostgresClient"]),
        .testTarget(name: "MigratorTests", dependencies: [
            "Migrator", "MigrationResults", "MigrationDrivers", "Migrations", "TestSupport", "PostgresClient", "Dialect",
        ]),
        .testTarget(name: "MigrationDriversTests", dependencies: [
            "MigrationDrivers", "Migrations", "TestSupport", "PostgresClient", "Dialect",
        ]),
        .testTarget(name: "MigrationReportsTests", dependencies: ["MigrationReports", "MigrationResults", "Migrations", "Dialect"]),
        .testTarget(name: "SpecsTests", dependencies: ["Specs", "Diagnostics", "TestSupport"]),
        .testTarget(name: "TestResultsTests", dependencies: ["TestResults"]),
        .testTarget(name: "MessagePatternTests", dependencies: ["MessagePattern"]),
        .testTarget(name: "SpecRunnerTests", dependencies: ["SpecRunner", "Specs", "TestResults", "Dialect", "TestSupport", "PostgresClient", "AWS"]),
        .testTarget(name: "CoverageTests", dependencies: ["Coverage", "TestSupport"], exclude: ["Schemas"]),
        .testTarget(name: "RoutineProfilerTests", dependencies: ["RoutineProfiler", "Coverage", "TestSupport", "PostgresClient"]),
        .testTarget(name: "JUnitReportTests", dependencies: ["JUnitReport", "TestResults", "Diagnostics", "TestSupport"],
                    exclude: ["Schemas"]),
        // The repository's scripts: the fresh-machine install, the tools tests run, the release bundle.
        .testTarget(name: "ScriptsTests", dependencies: ["TestSupport"]),
        .testTarget(name: "SlipwayCLITests", dependencies: ["slipway", "TestSupport", "PostgresClient", "Yams"]),
    ]
)

import Foundation
import PostgresClient
import Testing
import TestSupport

/// The repository's buildspecs, run phase by phase as CodeBuild runs them, against a test database that takes a
/// password over TCP with TLS, as a Redshift cluster does (the buildspecs build `jdbc:redshift://` URLs, which
/// require SSL).
///
/// What is not the shipped file: INSTALL's first command, which fetches the release bundle and unpacks it into
/// /opt/slipway, is replaced by putting this build's debug `slipway` on PATH (ScriptsTests/BundleTests runs the
/// bundle itself); INSTALL's second command, `slipway --version`, runs as written, as do PRE_BUILD and BUILD.
@Suite(.serialized) struct BuildspecTests {
    static let password = "Cb-t3st-pw"
    static let server = Result { try PasswordServer(role: "codebuild", password: password, ssl: true) }

    /// The checkout CodeBuild would see: the example project and the buildspec, with the story's TEST_* variables
    /// that the stack's test project fills from Secrets Manager.
    static func checkout() throws -> (project: ExampleProject, environment: [String: String]) {
        let project = try ExampleProject()
        for file in ["buildspec_test.yml", "buildspec_prod.yml"] {
            try FileManager.default.createDirectory(atPath: project.directory + "/buildspecs", withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                atPath: CLI.repositoryRoot + "/buildspecs/" + file, toPath: project.directory + "/buildspecs/" + file)
        }
        let server = try server.get()
        let environment = CLI.environment([
            "TEST_HOST": "127.0.0.1", "TEST_PORT": "\(server.port)", "TEST_DB_NAME": try server.createDatabase(),
            "TEST_JDBC_USER": "codebuild", "TEST_JDBC_PASSWORD": password,
        ])
        return (project, environment)
    }

    /// Runs `buildspec` in `project`'s checkout with the install substitution the suite's comment describes.
    static func build(_ buildspec: Buildspec, _ project: ExampleProject, _ environment: [String: String]) throws -> BuildRun {
        let shipped = try #require(buildspec.phases.first { $0.name == "install" }?.commands)
        let debugBin = URL(fileURLWithPath: CLI.executable).deletingLastPathComponent().path
        let install = ["export PATH=\"\(debugBin):$PATH\""] + shipped.dropFirst()
        return try BuildspecRunner.run(buildspec, in: project.directory, environment: environment, replacing: ["install": install])
    }

    @Test("the test buildspec runs slipway test on the test database and its report group holds parseable JUnit files")
    func testBuildspecPasses() throws {
        let (project, environment) = try Self.checkout()
        let buildspec = try Buildspec(file: project.directory + "/buildspecs/buildspec_test.yml")
        let run = try Self.build(buildspec, project, environment)
        #expect(run.phases.map(\.name) == ["install", "pre_build", "build"], "\(run.log)")
        #expect(run.succeeded, "\(run.log)")
        #expect(run.log.contains("Tests: 10 passed, 0 failed, 0 errored, 0 skipped (4 suites,"), "\(run.log)")
        #expect(!run.log.contains(Self.password))
        let group = try #require(buildspec.reports.first { $0.name == "SlipwayReports" })
        #expect(group.fileFormat == "JUNITXML")
        let files = try #require(run.reports["SlipwayReports"])
        #expect(files == ["TEST-gen_orders.xml", "TEST-merge_staged_products.xml", "TEST-order_amounts.xml", "TEST-schema.xml"])
        // --coverage on the test database (emulated Redshift on a PostgreSQL with plpgsql_check): line-level.
        let coverage = try #require(buildspec.reports.first { $0.name == "SlipwayCoverage" })
        #expect(coverage.fileFormat == "COBERTURAXML")
        #expect(run.reports["SlipwayCoverage"] == ["cobertura.xml"])
        #expect(try project.read(coverage.baseDirectory + "/cobertura.xml").contains("filename=\"db/migration/R__gen_orders.sql\""))
        for file in files {
            let path = project.directory + "/" + group.baseDirectory + "/" + file
            try ReportChecks.validate(path)
            let cases = try ReportChecks.testCases(try String(contentsOfFile: path, encoding: .utf8))
            #expect(!cases.isEmpty && cases.values.allSatisfy { $0 == "passed" }, "\(file): \(cases)")
        }
    }

    @Test("a failing spec fails BUILD, POST_BUILD still runs seeing the failure, and the reports are still collected")
    func failingSpecFailsBuild() throws {
        let (project, environment) = try Self.checkout()
        try project.write("spec/broken.yml", """
            suite: broken
            tests:
              - name: no product is free
                then:
                  - query: SELECT 1
                    equals: 2
            """)
        var buildspec = try Buildspec(file: project.directory + "/buildspecs/buildspec_test.yml")
        // The shipped file has no POST_BUILD (Slipway cleans up its own S3 objects); this one records what CodeBuild
        // tells a POST_BUILD about the build.
        buildspec.phases.append(.init(
            name: "post_build", commands: ["echo \"post_build: CODEBUILD_BUILD_SUCCEEDING=$CODEBUILD_BUILD_SUCCEEDING\""],
            finally: [], continuesOnFailure: false))
        let run = try Self.build(buildspec, project, environment)
        #expect(run.phases.map(\.name) == ["install", "pre_build", "build", "post_build"], "\(run.log)")
        #expect(run.status(of: "build") == 1, "\(run.log)")
        #expect(run.status(of: "post_build") == 0)
        #expect(run.log.contains("post_build: CODEBUILD_BUILD_SUCCEEDING=0"), "\(run.log)")
        let files = try #require(run.reports["SlipwayReports"])
        #expect(files.contains("TEST-broken.xml"), "\(files)")
        let broken = try project.read("target/slipway-reports/TEST-broken.xml")
        #expect(try ReportChecks.testCases(broken) == ["no product is free": "failed"])
    }

    @Test("a failed PRE_BUILD ends the build: BUILD and POST_BUILD do not run")
    func failedPreBuildAborts() throws {
        let (project, environment) = try Self.checkout()
        var buildspec = try Buildspec(file: project.directory + "/buildspecs/buildspec_test.yml")
        buildspec.phases.append(.init(name: "post_build", commands: ["echo post_build ran"], finally: [], continuesOnFailure: false))
        // The stack did not set TEST_HOST: the shipped PRE_BUILD's ${TEST_HOST:?} stops it.
        let run = try Self.build(buildspec, project, environment.filter { $0.key != "TEST_HOST" })
        #expect(run.phases.map(\.name) == ["install", "pre_build"], "\(run.log)")
        #expect(run.status(of: "pre_build") != 0)
        #expect(!run.log.contains("post_build ran"))
        #expect(run.log.contains("TEST_HOST"), "\(run.log)")
    }

    @Test("the prod buildspec migrates the database its PROD_ variables (here the TEST_ fallbacks) name")
    func prodBuildspecMigrates() throws {
        let (project, environment) = try Self.checkout()
        let buildspec = try Buildspec(file: project.directory + "/buildspecs/buildspec_prod.yml")
        let run = try Self.build(buildspec, project, environment)
        #expect(run.succeeded, "\(run.log)")
        #expect(!run.log.contains(Self.password))
        let database = try Connection(conninfo: "host=127.0.0.1 port=\(environment["TEST_PORT"] ?? "") dbname="
            + "\(environment["TEST_DB_NAME"] ?? "") user=codebuild password=\(Self.password) sslmode=require")
        defer { database.close() }
        // Four versioned and two repeatable migrations in db/migration.
        #expect(try database.execute("SELECT count(*) FROM flyway_schema_history WHERE success").rows == [["6"]])
    }

    @Test("report globs follow CodeBuild's: **/ spans any directories, also none; * stays in one name")
    func globs() throws {
        let directory = try TemporaryDirectory()
        for file in ["r/a.xml", "r/sub/deep/b.xml", "r/c.txt", "r/sub/d.xmlx"] { _ = try directory.write(file, "") }
        let all = Buildspec.ReportGroup(name: "g", baseDirectory: "r", files: ["**/*.xml"], fileFormat: "JUNITXML")
        #expect(try BuildspecRunner.collect(all, in: directory.path) == ["a.xml", "sub/deep/b.xml"])
        let top = Buildspec.ReportGroup(name: "g", baseDirectory: "r", files: ["*.xml"], fileFormat: "JUNITXML")
        #expect(try BuildspecRunner.collect(top, in: directory.path) == ["a.xml"])
    }
}

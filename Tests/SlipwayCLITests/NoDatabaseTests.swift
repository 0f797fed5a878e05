import Testing
import TestSupport

/// With no database configured, the commands that change one refuse instead of changing a throwaway server and
/// exiting 0 (a deploy stage with misnamed variables must not go green); the others keep the embedded default.
@Suite struct NoDatabaseTests {
    @Test("migrate, baseline, repair, undo and clean refuse with exit 4 when no database is configured, also in CI",
          arguments: [["migrate"], ["baseline"], ["repair"], ["undo"], ["clean", "--clean-enabled"]])
    func refuses(arguments: [String]) throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(arguments, environment: ["CI": "true", "CODEBUILD_BUILD_ID": "build:1"])
        #expect(run.status == 4, "\(run.output)")
        #expect(run.stderr.hasPrefix("error: \(arguments[0]) changes a database, and none is configured"), "\(run.output)")
        #expect(run.stderr.contains("--ephemeral"))
        #expect(!run.stdout.contains("Applied"))
    }

    @Test("--ephemeral runs them on the embedded server")
    func ephemeral() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["migrate", "--ephemeral"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Applied 5 migrations"))
    }

    @Test("test, info, validate, lint and a dry run keep the embedded default",
          arguments: [["test"], ["info"], ["validate"], ["lint"], ["migrate", "--dry-run"]])
    func embeddedDefault(arguments: [String]) throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(arguments)
        #expect(!run.stderr.contains("none is configured"), "\(run.output)")
        #expect([0, 2].contains(run.status), "\(run.output)")
    }
}

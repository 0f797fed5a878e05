import Testing
import TestSupport

/// `migrate`, `info` and `validate` are parsed as ArgumentParser's root when they can be (a start-up cost): what a
/// user reads must stay what the whole command tree prints.
@Suite struct RootParseTests {
    @Test("help for migrate, info and validate names slipway and reads as `slipway help <command>` does",
          arguments: ["migrate", "info", "validate"])
    func help(command: String) throws {
        let flag = try CLI.run([command, "--help"], in: CLI.repositoryRoot)
        let word = try CLI.run(["help", command], in: CLI.repositoryRoot)
        #expect(flag.status == 0, "\(flag.output)")
        #expect(flag.stdout.contains("USAGE: slipway \(command) "), "\(flag.stdout)")
        #expect(flag.stdout == word.stdout)
    }

    @Test("an option without its value is a usage error that names the command",
          arguments: ["migrate", "info", "validate"])
    func missingValue(command: String) throws {
        let run = try CLI.run([command, "--url"], in: CLI.repositoryRoot)
        #expect(run.status == 64, "\(run.output)")
        #expect(run.stderr.contains("Missing value for '--url <url>'"), "\(run.stderr)")
        #expect(run.stderr.contains("Usage: slipway \(command) "), "\(run.stderr)")
    }
}

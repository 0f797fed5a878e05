import ArgumentParser
import Diagnostics

/// The documented exit codes: `slipway --help` lists them from here, and every command ends with one of them.
enum ExitStatus: Int32, CaseIterable {
    case success = 0
    case testsFailed = 1
    case validation = 2
    case migration = 3
    case input = 4
    case connection = 5
    case lintFindings = 6
    /// ArgumentParser's own code for a bad command line (EX_USAGE).
    case usage = 64
    /// Standard output or error could not be written (sysexits' EX_IOERR).
    case outputFailed = 74
    case interrupted = 130

    var meaning: String {
        switch self {
        case .success: "success"
        case .testsFailed: "tests failed (slipway test)"
        case .validation: "validation failed: applied migrations differ from the files"
        case .migration: "a migration failed on the server"
        case .input: "bad input: config, file names, placeholders, specs, or no test selected"
        case .connection: "could not connect, or the embedded server could not start"
        case .lintFindings: "findings at or above --fail-on (lint) or --check-fail-on (test)"
        case .usage: "bad command line"
        case .outputFailed: "output or a report could not be written (a closed pipe, a full disk)"
        case .interrupted: "interrupted (SIGINT/SIGTERM)"
        }
    }

    var code: ExitCode { ExitCode(rawValue) }

    /// The table `--help` shows.
    static var helpText: String {
        "Exit codes:\n" + allCases.map { status in
            let number = String(status.rawValue)
            return "  " + number + String(repeating: " ", count: 5 - number.count) + status.meaning
        }.joined(separator: "\n")
    }

    /// The code for a run that ended with these diagnostics: the first error's category decides.
    static func code(for diagnostics: [Diagnostic]) -> ExitCode {
        let worst = diagnostics.first { $0.severity == .error } ?? diagnostics.first
        return code(for: worst?.category ?? .input)
    }

    static func code(for category: Diagnostic.Category) -> ExitCode {
        let status: ExitStatus = switch category {
        case .testsFailed: .testsFailed
        case .validation: .validation
        case .migration: .migration
        case .input: .input
        case .connection: .connection
        case .output: .outputFailed
        }
        return status.code
    }
}

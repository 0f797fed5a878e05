import ArgumentParser
import Diagnostics

/// The documented exit codes (see `slipway --help`).
enum ExitStatus {
    static let testsFailed = ExitCode(1)
    static let lintFindings = ExitCode(6)
    static let interrupted = ExitCode(130)
    /// Standard output or error could not be written (sysexits' EX_IOERR).
    static let outputFailed = ExitCode(74)

    /// The code for a run that ended with these diagnostics: the first error's category decides.
    static func code(for diagnostics: [Diagnostic]) -> ExitCode {
        let worst = diagnostics.first { $0.severity == .error } ?? diagnostics.first
        return code(for: worst?.category ?? .input)
    }

    static func code(for category: Diagnostic.Category) -> ExitCode {
        switch category {
        case .testsFailed: return ExitCode(1)
        case .validation: return ExitCode(2)
        case .migration: return ExitCode(3)
        case .input: return ExitCode(4)
        case .connection: return ExitCode(5)
        }
    }
}

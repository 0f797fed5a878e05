import Configuration
import Diagnostics
import Foundation
import MigrationReports
import MigrationResults
import Migrator

/// Everything the command line prints goes through here: secrets are masked, colour only on a terminal
/// without `NO_COLOR`, and `--quiet` / `--verbose` decide what is shown.
struct Console {
    let redactor: Redactor
    let quiet: Bool
    let verbose: Bool
    let colour: Bool

    init(redactor: Redactor, output: OutputOptions, environment: [String: String]) {
        self.redactor = redactor
        quiet = output.quiet
        verbose = output.verbose
        colour = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// Normal progress and results (stdout); hidden by `--quiet`.
    func say(_ text: String) {
        if !quiet { write(text, to: FileHandle.standardOutput) }
    }

    /// Output that is the command's product (tables, JSON); shown even with `--quiet`.
    func result(_ text: String) {
        write(text, to: FileHandle.standardOutput)
    }

    /// Shown only with `--verbose`.
    func detail(_ text: String) {
        if verbose { write(text, to: FileHandle.standardError) }
    }

    /// Errors and warnings always (stderr); notes, e.g. a setting that has no effect, not with `--quiet`.
    func problem(_ diagnostic: Diagnostic) {
        if quiet, diagnostic.severity == .note { return }
        write(paint(diagnostic.description, severity: diagnostic.severity), to: FileHandle.standardError)
    }

    func paint(_ text: String, severity: Diagnostic.Severity) -> String {
        guard colour else { return text }
        let code = severity == .error ? "31" : severity == .warning ? "33" : "36"
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    private func write(_ text: String, to handle: FileHandle) {
        handle.write(Data((redactor.redact(text) + "\n").utf8))
    }
}

extension Console {
    func show(_ event: MigrationEvent) {
        switch MigrationText.line(for: event) {
        case .progress(let text): say(text)
        case .problem(let diagnostic): problem(diagnostic)
        case .detail(let text): detail(text)
        }
    }

    func say(_ text: String?) {
        if let text { say(text) }
    }
}

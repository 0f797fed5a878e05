import Configuration
import Diagnostics
import Foundation
import MigrationReports
import MigrationResults
import Migrator
import Synchronization

/// Everything the command line prints goes through here: secrets are masked, colour only on a terminal
/// without `NO_COLOR`, and `--quiet` / `--verbose` decide what is shown.
struct Console {
    let redactor: Redactor
    let quiet: Bool
    let verbose: Bool
    let colour: Bool
    /// Which migration runs, on a terminal (stderr) without `--quiet`.
    let progress: ProgressLine?

    /// The first write to standard output or error that failed (a closed pipe, a full disk), by descriptor, in the
    /// system's words; the run goes on (stopping mid-migration would help nobody) and ends with ``ExitStatus/outputFailed``.
    static let writeFailures = Mutex<[Int32: String]>([:])

    init(redactor: Redactor, output: OutputOptions, environment: [String: String]) {
        // A closed pipe must fail the write (EPIPE), not kill the process without a word.
        signal(SIGPIPE, SIG_IGN)
        self.redactor = redactor
        quiet = output.quiet
        verbose = output.verbose
        colour = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        progress = isatty(STDERR_FILENO) == 1 && !output.quiet && environment["TERM"] != "dumb" ? ProgressLine() : nil
    }

    /// Normal progress and results (stdout); hidden by `--quiet`.
    func say(_ text: String) {
        if !quiet { write(text, to: STDOUT_FILENO) }
    }

    /// Output that is the command's product (tables, JSON); shown even with `--quiet`.
    func result(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// Shown only with `--verbose`.
    func detail(_ text: String) {
        if verbose { write(text, to: STDERR_FILENO) }
    }

    /// Errors and warnings always (stderr); notes, e.g. a setting that has no effect, not with `--quiet`.
    func problem(_ diagnostic: Diagnostic) {
        if quiet, diagnostic.severity == .note { return }
        write(paint(diagnostic.description, severity: diagnostic.severity), to: STDERR_FILENO)
    }

    func paint(_ text: String, severity: Diagnostic.Severity) -> String {
        guard colour else { return text }
        let code = severity == .error ? "31" : severity == .warning ? "33" : "36"
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// Writes with write(2), not `FileHandle.write(_:)`, which traps on an error; after a failure on a
    /// descriptor nothing more is written to it.
    private func write(_ text: String, to descriptor: Int32) {
        guard let progress else { return writeAll(text, to: descriptor) }
        progress.around { writeAll(text, to: descriptor) }
    }

    private func writeAll(_ text: String, to descriptor: Int32) {
        guard Self.writeFailures.withLock({ $0[descriptor] == nil }) else { return }
        var bytes = Array((redactor.redact(text) + "\n").utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                Self.writeFailures.withLock { $0[descriptor] = $0[descriptor] ?? reason }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// The diagnostic for the first failed write, if any: what could not be written, and why.
    static var writeFailure: Diagnostic? {
        let failures = writeFailures.withLock { $0 }
        guard let (descriptor, reason) = failures.min(by: { $0.key < $1.key }) else { return nil }
        return Diagnostic(
            category: .input, code: "output",
            message: "could not write to standard \(descriptor == STDOUT_FILENO ? "output" : "error"): \(reason)",
            hint: "the command's work is done, but its output is incomplete; check where stdout and stderr go")
    }
}

extension Console {
    func show(_ event: MigrationEvent) {
        switch event {
        case .applying(let script): progress?.start(script)
        case .applied, .appliedElsewhere: progress?.stop()
        default: break
        }
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

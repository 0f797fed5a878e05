import ArgumentParser
import Configuration
import Diagnostics
import Dispatch
import Foundation
import TargetDatabase
import Workflows

/// Runs one command's body with settings loaded, signals handled and errors rendered as diagnostics with
/// the documented exit codes.
enum CommandRunner {
    static func run(
        _ connection: ConnectionOptions,
        _ output: OutputOptions,
        extraSettings: [String: String] = [:],
        body: (Workflow, Console) throws -> Void
    ) throws {
        let environment = ProcessInfo.processInfo.environment
        let invocation = Invocation(
            commandLine: try connection.settings().merging(extraSettings) { _, new in new },
            environment: environment, currentDirectory: FileManager.default.currentDirectoryPath,
            ephemeral: connection.ephemeral, keep: connection.keep, embeddedPort: connection.embeddedPort)
        // Before settings exist there are no known secrets, but a password flag is one already.
        var console = Console(
            redactor: Redactor(secrets: [connection.password].compactMap { $0 }), output: output,
            environment: environment)
        let workflow: Workflow
        do {
            workflow = try Workflow(invocation)
        } catch {
            throw fail(error, console: console, interrupted: false)
        }
        console = Console(redactor: workflow.redactor, output: output, environment: environment)
        workflow.settings.warnings.forEach(console.problem)
        workflow.notices = { [console] in console.problem($0) }
        workflow.databaseOpened = { [console] in console.detail("database: \($0)") }
        let signals = SignalForwarder(interruption: workflow.interruption)
        defer { signals.stop() }
        do {
            try body(workflow, console)
            if let kept = workflow.keptServer {
                console.result("The embedded PostgreSQL is still running (--keep).\n\(kept)")
            }
        } catch {
            throw fail(error, console: console, interrupted: workflow.interruption.isInterrupted)
        }
        if let failure = Console.writeFailure {
            console.problem(failure)
            throw ExitStatus.outputFailed.code
        }
    }

    /// Prints the error and returns the exit code to throw.
    static func fail(_ error: Error, console: Console, interrupted: Bool) -> ExitCode {
        let diagnostics: [Diagnostic]
        switch error {
        case let diagnostic as Diagnostic: diagnostics = [diagnostic]
        case let list as DiagnosticList: diagnostics = list.diagnostics
        case let exit as ExitCode: return exit
        default:
            diagnostics = [Diagnostic(category: .input, message: String(describing: error))]
        }
        diagnostics.forEach(console.problem)
        if interrupted {
            console.problem(Diagnostic(category: .migration, code: "interrupted", message: "interrupted"))
            return ExitStatus.interrupted.code
        }
        return ExitStatus.code(for: diagnostics)
    }
}

/// Turns SIGINT/SIGTERM into a cancel of the running statement; a second signal exits at once (the embedded
/// server's watchdog still removes it).
final class SignalForwarder {
    private var sources: [DispatchSourceSignal] = []

    init(interruption: Interruption) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if interruption.isInterrupted { exit(ExitStatus.interrupted.rawValue) }
                interruption.interrupt()
            }
            source.resume()
            sources.append(source)
        }
    }

    func stop() {
        sources.forEach { $0.cancel() }
    }
}

import Diagnostics
import MigrationResults
import Migrator

extension Workflow {
    /// The diagnostic with its file shown relative to the working directory, as users see it in the repository.
    func relativeToWorkingDirectory(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        if let file = diagnostic.location?.file {
            diagnostic.location?.file = DisplayPath.relative(file, to: invocation.currentDirectory)
        }
        return diagnostic
    }

    /// Runs a command that changes the database with every diagnostic it reports or throws shown with relative
    /// paths, as `validate` shows them.
    func withRelativePaths<T>(
        _ events: @escaping (MigrationEvent) -> Void, _ body: (@escaping (MigrationEvent) -> Void) throws -> T
    ) throws -> T {
        let relativeEvents: (MigrationEvent) -> Void = { [self] event in
            if case .warning(let diagnostic) = event { events(.warning(relativeToWorkingDirectory(diagnostic))) } else { events(event) }
        }
        do {
            return try body(relativeEvents)
        } catch let diagnostic as Diagnostic {
            throw relativeToWorkingDirectory(diagnostic)
        } catch let list as DiagnosticList {
            throw DiagnosticList(list.diagnostics.map(relativeToWorkingDirectory))
        }
    }
}

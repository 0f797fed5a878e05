import Diagnostics

extension Workflow {
    /// The diagnostic with its file shown relative to the working directory, as users see it in the repository.
    func relativeToWorkingDirectory(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        if let file = diagnostic.location?.file {
            diagnostic.location?.file = DisplayPath.relative(file, to: invocation.currentDirectory)
        }
        return diagnostic
    }
}

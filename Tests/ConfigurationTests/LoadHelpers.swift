import Configuration
import Diagnostics
import Testing
import TestSupport

/// Loads settings for a test; the directory defaults to one with no config file.
func load(
    _ commandLine: [String: String] = [:], environment: [String: String] = [:], in directory: TemporaryDirectory
) throws(DiagnosticList) -> Settings {
    try SettingsLoader.load(commandLine: commandLine, environment: environment, currentDirectory: directory.path)
}

/// The diagnostics that loading throws, or an empty list (and a recorded issue) when it succeeds.
func loadErrors(
    _ commandLine: [String: String] = [:], environment: [String: String] = [:], in directory: TemporaryDirectory,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
    do {
        _ = try load(commandLine, environment: environment, in: directory)
        Issue.record("loading succeeded, but errors were expected", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

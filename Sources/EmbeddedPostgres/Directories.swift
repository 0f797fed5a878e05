import Diagnostics
import Foundation

/// File-system steps of the embedded server: private directories, tree copies and removals.
enum Directories {
    /// Creates a fresh directory, mode 0700, named `prefix` plus random characters, inside `parent`.
    static func makePrivate(in parent: String, prefix: String) throws(Diagnostic) -> String {
        var template = Array("\(parent)/\(prefix)XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else {
            throw .embeddedServer(
                "could not create a directory in \(parent): \(String(cString: strerror(errno)))",
                hint: "check that \(parent) exists and is writable"
            )
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Copies the tree at `source` to `destination`, which must not exist yet; it gets `source`'s mode.
    static func copyTree(_ source: String, to destination: String) throws(Diagnostic) {
        try runTool(ChildProcess(executable: "cp", arguments: ["-R", source, destination]))
    }

    /// Removes a tree; a tree that is already gone is fine.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs a system tool that prints nothing on success; failure becomes a diagnostic with its output.
    static func runTool(_ tool: ChildProcess) throws(Diagnostic) {
        let (termination, output) = try tool.run()
        guard termination.succeeded else {
            throw .embeddedServer(
                "`\(([tool.executable] + tool.arguments).joined(separator: " "))` failed (\(termination.summary))",
                notes: output.split(separator: "\n").suffix(5).map(String.init),
                hint: "check free space and permissions there"
            )
        }
    }
}

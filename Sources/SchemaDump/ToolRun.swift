import Diagnostics
import Foundation

/// One run of a command-line tool to completion, with what it printed.
struct ToolRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Runs `path` with `arguments` and exactly `environment`. Output goes to temporary files, not pipes, so a
    /// large dump can never block on a full pipe.
    static func run(_ path: String, _ arguments: [String], environment: [String: String]) throws(Diagnostic) -> ToolRun {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-tool-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let out = directory.appendingPathComponent("stdout")
            let err = directory.appendingPathComponent("stderr")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = arguments
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            process.waitUntilExit()
            return ToolRun(
                status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                stderr: try String(contentsOf: err, encoding: .utf8))
        } catch {
            throw Diagnostic(
                category: .input, code: "tool-failed", message: "could not run \(path): \(error.localizedDescription)",
                hint: "check that \(path) is installed and executable")
        }
    }
}

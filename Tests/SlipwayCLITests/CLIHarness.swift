import Foundation
import Testing

/// What one run of the `slipway` binary did.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
    var output: String { stdout + stderr }
}

/// Runs the built `slipway` executable the way a user or a pipeline does: a separate process, in a directory.
enum CLI {
    /// The executable SwiftPM built next to this test bundle.
    static let executable: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("slipway").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return repositoryRoot + "/.build/debug/slipway"
    }()

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// Runs slipway with the test process's environment, less any FLYWAY_/SLIPWAY_/PG variables, plus `environment`.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> CLIRun {
        var base = ProcessInfo.processInfo.environment.filter {
            !$0.key.hasPrefix("FLYWAY_") && !$0.key.hasPrefix("SLIPWAY_") && !$0.key.hasPrefix("PG")
        }
        base["NO_COLOR"] = "1"
        return try runExecutable(
            executable, arguments, in: directory, environment: base.merging(environment) { _, new in new })
    }

    /// Runs any program to completion; `stdin` names a file to read standard input from.
    static func runExecutable(
        _ path: String, _ arguments: [String], in directory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment, stdin: String? = nil
    ) throws -> CLIRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        if let stdin { process.standardInput = FileHandle(forReadingAtPath: stdin) }
        // Files, not pipes: a chatty child can never block on a full pipe, and no reader threads are needed.
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outputs) }
        let out = outputs.appendingPathComponent("stdout")
        let err = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return CLIRun(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}

/// A copy of the repository's example project (db/, spec/, slipway.toml) in a temporary directory.
final class ExampleProject {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for item in ["db", "spec", "slipway.toml"] {
            try FileManager.default.copyItem(atPath: CLI.repositoryRoot + "/" + item, toPath: directory + "/" + item)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIRun {
        try CLI.run(arguments, in: directory, environment: environment)
    }

    func write(_ relativePath: String, _ text: String) throws {
        try text.write(toFile: directory + "/" + relativePath, atomically: true, encoding: .utf8)
    }

    func read(_ relativePath: String) throws -> String {
        try String(contentsOfFile: directory + "/" + relativePath, encoding: .utf8)
    }
}

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

    /// A PostgreSQL project (the example before it was written in Redshift SQL), for tests of PostgreSQL behaviour.
    static let postgresqlProject = repositoryRoot + "/Tests/Projects/postgresql"

    /// Runs slipway with the test process's environment, less any FLYWAY_/SLIPWAY_/PG variables (but SLIPWAY_PG_BIN), plus
    /// `environment`.
    static func run(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> CLIRun {
        try start(arguments, in: directory, environment: environment).wait()
    }

    /// Starts slipway as ``run(_:in:environment:)`` does, without waiting for it.
    static func start(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws
        -> RunningProcess
    {
        try RunningProcess(executable, arguments, in: directory, environment: self.environment(environment))
    }

    /// The test process's environment less any FLYWAY_/SLIPWAY_/PG variables (but SLIPWAY_PG_BIN), plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var base = ProcessInfo.processInfo.environment.filter {
            // SLIPWAY_PG_BIN stays: the compatibility matrix points the whole suite at another server with it.
            !$0.key.hasPrefix("FLYWAY_") && !$0.key.hasPrefix("PG")
                && (!$0.key.hasPrefix("SLIPWAY_") || $0.key == "SLIPWAY_PG_BIN")
        }
        base["NO_COLOR"] = "1"
        return base.merging(extra) { _, new in new }
    }

    /// Runs any program to completion; `stdin` names a file to read standard input from.
    static func runExecutable(
        _ path: String, _ arguments: [String], in directory: String,
        environment: [String: String] = ProcessInfo.processInfo.environment, stdin: String? = nil
    ) throws -> CLIRun {
        try RunningProcess(path, arguments, in: directory, environment: environment, stdin: stdin).wait()
    }
}

/// A program running in the background, its output going to files: a chatty child can never block on a full
/// pipe, and no reader threads are needed.
final class RunningProcess {
    let process = Process()
    private let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-out-\(UUID().uuidString)")

    init(_ path: String, _ arguments: [String], in directory: String, environment: [String: String], stdin: String? = nil)
        throws
    {
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        if let stdin { process.standardInput = FileHandle(forReadingAtPath: stdin) }
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: outputs.appendingPathComponent("stdout").path, contents: nil)
        _ = FileManager.default.createFile(atPath: outputs.appendingPathComponent("stderr").path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outputs.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: outputs.appendingPathComponent("stderr"))
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: outputs)
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// What the process wrote to standard output so far.
    var stdoutSoFar: String { soFar("stdout") }

    /// What the process wrote to standard error so far.
    var stderrSoFar: String { soFar("stderr") }

    private func soFar(_ stream: String) -> String {
        (try? String(contentsOf: outputs.appendingPathComponent(stream), encoding: .utf8)) ?? ""
    }

    func wait() throws -> CLIRun {
        process.waitUntilExit()
        return CLIRun(
            status: process.terminationStatus,
            stdout: try String(contentsOf: outputs.appendingPathComponent("stdout"), encoding: .utf8),
            stderr: try String(contentsOf: outputs.appendingPathComponent("stderr"), encoding: .utf8))
    }
}

/// A copy of a project in a temporary directory: the repository's example (db/, spec/, sampledata/,
/// slipway.toml), or a plain PostgreSQL project of the same tables for tests of PostgreSQL's own behaviour.
final class ExampleProject {
    enum Kind {
        /// The repository's example: Redshift SQL, emulated on the embedded server.
        case example
        /// `Tests/Projects/postgresql`: the same tables and procedures in PostgreSQL's SQL, fixtures from CSV files
        /// (and the example's portable merge procedure).
        case postgresql
    }

    let directory: String

    init(_ kind: Kind = .example) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let (source, items) = switch kind {
        case .example: (CLI.repositoryRoot, ["db", "spec", "sampledata", "slipway.toml"])
        case .postgresql: (CLI.postgresqlProject, ["db", "spec", "slipway.toml"])
        }
        for item in items {
            try FileManager.default.copyItem(atPath: source + "/" + item, toPath: directory + "/" + item)
        }
        if kind == .postgresql {
            // The merge procedure is portable SQL: the example's own file, the same on both dialects.
            let merge = "db/migration/R__merge_staged_products.sql"
            try FileManager.default.copyItem(atPath: CLI.repositoryRoot + "/" + merge, toPath: directory + "/" + merge)
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

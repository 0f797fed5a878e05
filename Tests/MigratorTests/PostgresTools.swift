import EmbeddedPostgres
import Foundation
import TestSupport

/// The PostgreSQL client programs a user would run against the test server: psql and pg_dump.
enum PostgresTools {
    /// The one beside the server under test, whichever major version that is: an older pg_dump refuses a newer
    /// server (compatibility matrix).
    static func pgDump() throws -> String {
        try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment).directory + "/pg_dump"
    }

    /// Runs a script with psql (stopping at the first error, as the script asks); returns psql's output.
    @discardableResult
    static func runScript(_ script: String, database: String) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-dry-\(UUID().uuidString).sql")
        try script.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run(try OutsideTool.require("/usr/bin/psql"), ["--no-psqlrc", "--quiet", "--file", file.path, try TestServer.url(database: database)])
    }

    /// `pg_dump --schema-only`, without the random `\restrict` key lines newer pg_dumps write.
    static func schema(of database: String) throws -> String {
        let dump = try run(try pgDump(), ["--schema-only", "--no-owner", try TestServer.url(database: database)])
        return dump.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\restrict") && !$0.hasPrefix("\\unrestrict") }.joined(separator: "\n")
    }

    private static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-tool-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let text = try String(contentsOf: output, encoding: .utf8)
        guard process.terminationStatus == 0 else { throw ToolFailure(program: program, output: text) }
        return text
    }

    struct ToolFailure: Error, CustomStringConvertible {
        var program: String
        var output: String
        var description: String { "\(program) failed:\n\(output)" }
    }
}

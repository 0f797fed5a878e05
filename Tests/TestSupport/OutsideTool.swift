import Foundation

/// The programs from outside the repository that tests run, looked up in `scripts/test-tools`, the list
/// `scripts/test` installs from. A missing tool fails its test naming the Debian/Ubuntu package that provides it;
/// a tool the list does not name fails too, so the list, and with it a fresh machine's install, stays complete.
public enum OutsideTool {
    public struct Missing: Error, CustomStringConvertible {
        public let description: String
    }

    /// `scripts/test-tools` of this checkout.
    public static let listPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/test-tools").path

    /// `path` (e.g. `/usr/bin/xmllint`) once it is an executable file; `list` is the file naming its package.
    public static func require(_ path: String, list: String = listPath) throws -> String {
        let package = try package(kind: "program", of: path, list: list)
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Missing(description: "\(path) is not installed: install the package \(package)\(installHint)")
        }
        return path
    }

    /// The system Python (`/usr/bin/python3`) once it can import `module`.
    public static func requirePython(module: String) throws -> String {
        let package = try package(kind: "python", of: module, list: listPath)
        let python = try require("/usr/bin/python3")
        guard try run(python, ["-c", "import \(module)"]).status == 0 else {
            throw Missing(description: "\(python) cannot import \(module): install the package \(package)\(installHint)")
        }
        return python
    }

    public struct Run: Sendable {
        public var status: Int32
        public var output: String
    }

    /// Runs `executable` to completion; stdout and stderr are captured together.
    public static func run(_ executable: String, _ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    private static let installHint = " (scripts/test installs what the suite needs, then runs it)"

    /// The package the list names for `what`; lines are `kind what package`, `#` starts a comment line.
    private static func package(kind: String, of what: String, list: String) throws -> String {
        for line in try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            if fields.count == 3, fields[0] == kind, fields[1] == what { return String(fields[2]) }
        }
        throw Missing(description: "\(what) is not listed in \(list): add `\(kind) \(what) <package>` so scripts/test installs it")
    }
}

import Foundation
import Testing
import TestSupport

/// Checks a JUnit report the way CI servers read it: both XML schemas, and a real JUnit consumer.
enum ReportChecks {
    static let schemas = ["surefire-test-report-3.0.xsd", "junit-10.xsd"].map {
        CLI.repositoryRoot + "/Tests/JUnitReportTests/Schemas/" + $0
    }

    static func validate(_ file: String) throws {
        for schema in schemas {
            let run = try tool(try OutsideTool.require("/usr/bin/xmllint"), ["--noout", "--schema", schema, file])
            #expect(run.status == 0, "\(file) against \(schema): \(run.output)")
        }
    }

    /// Test name → passed / failed / error / skipped, as Python's junitparser reads the file.
    static func testCases(_ xml: String) throws -> [String: String] {
        let script = """
            import sys, junitparser
            suite = junitparser.TestSuite.fromstring(sys.stdin.read())
            for case in suite:
                kinds = [type(r).__name__.lower() for r in case.result]
                state = "failed" if "failure" in kinds else "error" if "error" in kinds else "skipped" if "skipped" in kinds else "passed"
                print(case.name + "\\t" + state)
            """
        let run = try tool(try OutsideTool.requirePython(module: "junitparser"), ["-c", script], input: xml)
        #expect(run.status == 0, "junitparser: \(run.output)")
        var cases: [String: String] = [:]
        for line in run.stdout.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if parts.count == 2 { cases[parts[0]] = parts[1] }
        }
        return cases
    }

    static func tool(_ path: String, _ arguments: [String], input: String? = nil) throws -> CLIRun {
        let directory = FileManager.default.temporaryDirectory.path
        if let input {
            let file = directory + "/slipway-input-\(UUID().uuidString)"
            try input.write(toFile: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: file) }
            return try CLI.runExecutable(path, arguments, in: directory, stdin: file)
        }
        return try CLI.runExecutable(path, arguments, in: directory, stdin: nil)
    }
}

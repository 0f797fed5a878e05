import Foundation
import Testing
import TestResults
import TestSupport
@testable import JUnitReport

/// Written reports must satisfy both schemas CI servers judge JUnit XML by, and parse back with the counts.
@Suite struct ReportValidationTests {
    /// The schemas ship beside the tests (see Schemas/README.md), so a fresh clone validates on its own.
    static let schemas = ["surefire-test-report-3.0.xsd", "junit-10.xsd"].map {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas/\($0)").path
    }

    /// Writes every fixture suite into a fresh directory; returns the directory and the files in suite order.
    static func writeFixtures() throws -> (directory: String, files: [String]) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("junit-validation-\(UUID().uuidString)").path
        return (directory, try JUnitXMLWriter.write(Fixtures.all, to: directory, properties: [("hostname", "ci-1")]))
    }

    @Test("every report validates against both schemas with xmllint", arguments: schemas)
    func validates(schema: String) throws {
        let xmllint = try OutsideTool.require("/usr/bin/xmllint")
        let (directory, files) = try Self.writeFixtures()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(files.count == Fixtures.all.count)
        for file in files {
            let run = try OutsideTool.run(xmllint, ["--noout", "--schema", schema, file])
            #expect(run.status == 0, "\(file) against \(schema):\n\(run.output)")
        }
    }

    @Test("the check can fail: Surefire's schema rejects a timestamp attribute on testsuite")
    func rejectsTimestampAttribute() throws {
        let xmllint = try OutsideTool.require("/usr/bin/xmllint")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("junit-bad-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let xml = JUnitXMLWriter.document(for: Fixtures.small)
            .replacingOccurrences(of: "name=\"orders\" time=", with: "name=\"orders\" timestamp=\"x\" time=")
        try Data(xml.utf8).write(to: file)
        let run = try OutsideTool.run(xmllint, ["--noout", "--schema", Self.schemas[0], file.path])
        #expect(run.status != 0)
        #expect(run.output.contains("'timestamp': The attribute 'timestamp' is not allowed"))
    }

    @Test("junitparser reads back the counts of every suite")
    func parsesBack() throws {
        let python = try OutsideTool.requirePython(module: "junitparser")
        let (directory, files) = try Self.writeFixtures()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = """
            import sys, junitparser
            from junitparser import JUnitXml, TestSuite, Failure, Error, Skipped
            for path in sys.argv[1:]:
                suite = JUnitXml.fromfile(path)
                suites = [suite] if isinstance(suite, TestSuite) else list(suite)
                for s in suites:
                    kinds = [type(r).__name__ for case in s for r in case.result]
                    cases = len(list(s))
                    print(s.tests, s.failures, s.errors, s.skipped, cases,
                          kinds.count('Failure'), kinds.count('Error'), kinds.count('Skipped'))
            """
        let run = try OutsideTool.run(python, ["-c", script] + files)
        #expect(run.status == 0, "\(run.output)")
        let expected = Fixtures.all.map { suite in
            let c = suite.counts
            return "\(c.tests) \(c.failures) \(c.errors) \(c.skipped) \(c.tests) \(c.failures) \(c.errors) \(c.skipped)"
        }
        #expect(run.output.split(separator: "\n").map(String.init) == expected)
    }

    @Test("the weird-character suite round-trips through xmllint unchanged but for forbidden characters")
    func weirdRoundTrip() throws {
        let xmllint = try OutsideTool.require("/usr/bin/xmllint")
        let (directory, files) = try Self.writeFixtures()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let run = try OutsideTool.run(xmllint, ["--xpath", "string(/testsuite/testcase/failure/@message)", files[4]])
        #expect(run.status == 0)
        // xmllint ends its answer with a line feed of its own.
        #expect(run.output == "tab\there & <b> \"q\" 'a' ]]> bell\\x07 nul\\x00 esc\\x1B cr\r ffff\\u{FFFF} é 日本 🚀\n")
    }
}

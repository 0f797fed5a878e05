import Foundation
import Testing
import TestResults
@testable import JUnitReport

@Suite struct PreviousReportsTests {
    @Test("a run removes the reports Slipway wrote before, and keeps other tools' files and the ones it is told to keep")
    func removesOnlyOwnReports() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("junit-previous-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let suite = { (name: String) in SuiteResult(name: name, file: "f", tests: [], duration: 0, timestamp: Fixtures.may1Noon) }
        try JUnitXMLWriter.write([suite("old"), suite("older")], to: directory)
        try JUnitXMLWriter.write([suite("shard2")], to: directory)
        // Maven Surefire's report of the same layout, a file that only looks alike, and a cut-short write of ours.
        let surefire = JUnitXMLWriter.document(for: suite("maven")).replacingOccurrences(of: JUnitXMLWriter.signature + "\n", with: "")
        try surefire.write(toFile: directory + "/TEST-maven.xml", atomically: false, encoding: .utf8)
        try "TEST".write(toFile: directory + "/TEST-notes.txt", atomically: false, encoding: .utf8)
        try "<?xml".write(toFile: directory + "/.TEST-old.xml.partial", atomically: false, encoding: .utf8)

        let removed = JUnitXMLWriter.removePreviousReports(in: directory, keeping: ["TEST-shard2.xml"])
        #expect(removed == [".TEST-old.xml.partial", "TEST-old.xml", "TEST-older.xml"])
        let left = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(left == ["TEST-maven.xml", "TEST-notes.txt", "TEST-shard2.xml"])
        #expect(JUnitXMLWriter.removePreviousReports(in: directory) == ["TEST-shard2.xml"])
    }
}

import Foundation
import Testing
import TestResults
import Diagnostics
@testable import JUnitReport

@Suite struct ReportFileNamesTests {
    @Test("names keep only A-Z a-z 0-9 . _ - and never collide")
    func naming() {
        let names = ReportFileNames.assign(["orders", "a/b", "a:b", "A_B", "orders", "", "é", "orders-2"])
        #expect(names == [
            "TEST-orders.xml", "TEST-a_b.xml", "TEST-a_b-2.xml", "TEST-A_B-3.xml", "TEST-orders-2.xml",
            "TEST-suite.xml", "TEST-_.xml", "TEST-orders-2-2.xml",
        ])
    }

    @Test("very long names are shortened")
    func longNames() {
        let name = ReportFileNames.assign([String(repeating: "x", count: 5_000)])[0]
        #expect(name.utf8.count == 5 + ReportFileNames.maximumStemLength + 4)
    }

    @Test("suites that sanitise alike are written to separate files, and only .xml files are written")
    func writesSeparateFiles() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("junit-names-\(UUID().uuidString)/nested").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let suites = ["a/b", "a:b"].map {
            SuiteResult(name: $0, file: "f", tests: [], duration: 0, timestamp: Fixtures.may1Noon)
        }
        let written = try JUnitXMLWriter.write(suites, to: directory)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["TEST-a_b-2.xml", "TEST-a_b.xml"])
        #expect(written.map { URL(fileURLWithPath: $0).lastPathComponent } == ["TEST-a_b.xml", "TEST-a_b-2.xml"])
        let second = try String(contentsOfFile: written[1], encoding: .utf8)
        #expect(second.contains("name=\"a:b\""))
    }

    @Test("a directory that cannot be created is an input diagnostic naming it")
    func unwritableDirectory() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("junit-file-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let directory = file + "/reports"
        #expect {
            try JUnitXMLWriter.write([Fixtures.small], to: directory)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.category == .input && diagnostic.message.contains(directory)
                && diagnostic.hint?.contains("writable") == true
        }
    }
}

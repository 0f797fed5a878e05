import Diagnostics
import Foundation
import Testing
@testable import Specs
import TestSupport

@Suite struct DiscoverTests {
    @Test("finds *.yml and *.yaml files recursively, sorted by path, skipping other and hidden files")
    func findsSpecs() throws {
        let directory = try TemporaryDirectory()
        try directory.write("spec/b.yml", "tests:\n  - name: t\n    when: SELECT 1\n")
        try directory.write("spec/a/z.yaml", "suite: zed\ntests: []\n")
        try directory.write("spec/a/c.yml", "tests: []\n")
        try directory.write("spec/notes.txt", "not a spec")
        try directory.write("spec/.hidden/x.yml", "not: [valid")
        let suites = try SpecLoader.discover(directory: directory.path + "/spec")
        #expect(suites.map(\.name) == ["c", "zed", "b"])
        #expect(suites.map(\.file) == ["a/c.yml", "a/z.yaml", "b.yml"].map { "\(directory.path)/spec/\($0)" })
    }

    @Test("reports every problem in every file at once, and suite names used twice")
    func allProblems() throws {
        let directory = try TemporaryDirectory()
        let spec = directory.path + "/spec"
        try directory.write("spec/a_one.yml", "tests: []\n")
        try directory.write("spec/b_bad.yml", "tests:\n  - name: t\n    when: SELECT 1\n    than: []\n")
        try directory.write("spec/c_two.yml", "tests: [\n")
        try directory.write("spec/d_three.yml", "suite: a_one\ntests: []\n")
        let error = try #require(throws: DiagnosticList.self) { try SpecLoader.discover(directory: spec) }
        #expect(error.diagnostics.map(\.description.firstLine) == [
            "\(spec)/b_bad.yml:4:5: error: unknown key 'than' in the test; did you mean 'then'?",
            "\(spec)/c_two.yml:2:1: error: invalid YAML: did not find expected node content (while parsing a flow node at line 2, column 1)",
            "\(spec)/d_three.yml:1:1: error: the suite name 'a_one' is also used by \(spec)/a_one.yml",
        ].map(\.firstLine))
    }

    @Test("a missing folder is reported")
    func missingFolder() {
        let error = #expect(throws: DiagnosticList.self) { try SpecLoader.discover(directory: "/nonexistent/spec") }
        #expect(error?.diagnostics.map(\.message) == ["the spec folder '/nonexistent/spec' does not exist"])
    }

    @Test("a CSV fixture's problems point into the CSV file and name the step that loads it")
    func csvProblems() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("spec/s.yml", "setup:\n  - load: {table: t, csv: data/t.csv}\ntests: []\n")
        let csv = try directory.write("spec/data/t.csv", "a,b\n1,2\n3\n")
        let error = try #require(throws: DiagnosticList.self) { try SpecLoader.load(file: file) }
        let diagnostic = try #require(error.diagnostics.first)
        #expect(error.diagnostics.count == 1)
        #expect(diagnostic.location == Diagnostics.SourceLocation(file: csv, line: 3, column: 1))
        #expect(diagnostic.message == "this row has 1 fields, but the header has 2")
        #expect(diagnostic.notes == ["loaded by the step at \(file):2:11"])
    }

    @Test("`columns` renames a CSV file's header columns and must match their number")
    func columnsOverride() throws {
        let directory = try TemporaryDirectory()
        try directory.write("spec/fixtures/t.csv", "A,B\n1,2\n")
        let good = try directory.write("spec/good.yml", "setup:\n  - load: {table: t, columns: [a, b]}\ntests: []\n")
        let bad = try directory.write("spec/bad.yml", "setup:\n  - load: {table: t, columns: [a]}\ntests: []\n")
        let fixture = try #require(try SpecLoader.load(file: good).setup.first)
        guard case .load(let loaded) = fixture else {
            Issue.record("expected a load step")
            return
        }
        #expect(loaded.columns == ["a", "b"])
        #expect(loaded.rows == [["1", "2"]])
        let error = try #require(throws: DiagnosticList.self) { try SpecLoader.load(file: bad) }
        #expect(error.diagnostics.map(\.message) == ["'columns' names 1 columns, but the header of 'fixtures/t.csv' has 2"])
    }

    @Test("a spec file that is not UTF-8 is reported at the bad byte")
    func invalidUTF8() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write("s.yml", Data([0x74, 0x3A, 0x0A, 0x20, 0x20, 0xFF]))
        let error = try #require(throws: DiagnosticList.self) { try SpecLoader.load(file: file) }
        #expect(error.diagnostics.map(\.description) == [
            "\(file):2:3: error: the file is not valid UTF-8 (byte 0xFF)\n  code: invalid-utf8\n  hint: save the file as UTF-8",
        ])
    }

    @Test("the closest valid name is suggested only for plausible typos", arguments: [
        ("equal", "equals"), ("wehn", "when"), ("beforeEach", "before_each"), ("row", "rows"), ("xyz", nil),
        ("expect", nil),
    ] as [(String, String?)])
    func suggestion(name: String, expected: String?) {
        let keys = SpecDecoder.suiteKeys + SpecDecoder.testKeys + SpecDecoder.assertionKeys
        #expect(ClosestName.suggestion(for: name, among: keys) == expected)
    }
}

private extension String {
    var firstLine: Substring { prefix { $0 != "\n" } }
}

import Diagnostics
import Foundation
import Testing
@testable import Specs
import TestSupport

@Suite struct CSVReaderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var header: [String]
        var rows: [[String?]]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain fields with LF", text: "a,b\n1,2\n3,4\n", header: ["a", "b"], rows: [["1", "2"], ["3", "4"]]),
        Case(name: "CRLF line ends", text: "a,b\r\n1,2\r\n", header: ["a", "b"], rows: [["1", "2"]]),
        Case(name: "lone CR line ends", text: "a,b\r1,2\r3,4", header: ["a", "b"], rows: [["1", "2"], ["3", "4"]]),
        Case(name: "no final newline", text: "a,b\n1,2", header: ["a", "b"], rows: [["1", "2"]]),
        Case(name: "blank trailing lines ignored", text: "a\n1\n\n\r\n", header: ["a"], rows: [["1"]]),
        Case(name: "UTF-8 byte order mark skipped", text: "\u{FEFF}a,b\n1,2\n", header: ["a", "b"], rows: [["1", "2"]]),
        Case(name: "unquoted empty is NULL, quoted empty is the empty string",
             text: "a,b,c\n,\"\",x\n", header: ["a", "b", "c"], rows: [[nil, "", "x"]]),
        Case(name: "trailing comma is a NULL last field", text: "a,b\n1,\n", header: ["a", "b"], rows: [["1", nil]]),
        Case(name: "quoted comma, doubled quote and newlines",
             text: "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",\"cr\r\nlf\"\n",
             header: ["a", "b"], rows: [["x,y", "say \"hi\""], ["line1\nline2", "cr\r\nlf"]]),
        Case(name: "non-ASCII text", text: "name\nZürich 東京 🚢\n", header: ["name"], rows: [["Zürich 東京 🚢"]]),
        Case(name: "spaces are kept", text: "a,b\n 1 , 2\n", header: ["a", "b"], rows: [[" 1 ", " 2"]]),
        Case(name: "header only", text: "a,b\n", header: ["a", "b"], rows: []),
        Case(name: "quoted header names", text: "\"a,1\",b\n1,2\n", header: ["a,1", "b"], rows: [["1", "2"]]),
    ]

    @Test("reads each CSV form into header and rows", arguments: cases)
    func reads(_ testCase: Case) throws {
        let table = try CSVReader.parse(testCase.text, file: "f.csv")
        #expect(table.header == testCase.header)
        #expect(table.rows == testCase.rows)
    }

    @Test("rows remember the line they start on")
    func rowLines() throws {
        let table = try CSVReader.parse("a\n\"x\ny\"\nz\n", file: "f.csv")
        #expect(table.rowLines == [2, 4])
    }

    struct Problem: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var expected: [String]
        var testDescription: String { name }
        init(_ name: String, _ text: String, _ expected: [String]) {
            self.init(name, Array(text.utf8), expected)
        }
        init(_ name: String, _ bytes: [UInt8], _ expected: [String]) {
            self.name = name
            self.bytes = bytes
            self.expected = expected
        }
    }

    static let problems: [Problem] = [
        Problem("ragged rows, each reported with its line", "a,b\n1,2\n3\n4,5,6\n\"x\ny\"\n",
                ["3:1: this row has 1 fields, but the header has 2", "4:1: this row has 3 fields, but the header has 2",
                 "5:1: this row has 1 fields, but the header has 2"]),
        Problem("stray quote in an unquoted field", "a,b\n1,ab\"c\n", ["2:5: a quote inside an unquoted field"]),
        Problem("text after a closing quote", "a,b\n\"x\"y,2\n",
                ["2:4: unexpected text after a closing quote; expected a comma or the end of the line"]),
        Problem("unterminated quote", "a,b\n1,\"open\n2,3\n", ["2:3: a quoted field is never closed"]),
        Problem("invalid UTF-8", [0x61, 0x0A, 0x62, 0xC3, 0x28, 0x0A], ["2:2: the file is not valid UTF-8 (byte 0xC3)"]),
        Problem("empty file", "", ["1:1: the CSV file is empty; expected a header line with the column names"]),
        Problem("header with an empty name", "a,,c\n", ["1:1: column 2 of the header has no name"]),
        Problem("header with a repeated name", "a,b,a\n", ["1:1: the header names column 'a' twice"]),
        Problem("column counts characters, not bytes", "a\nü\"\n", ["2:2: a quote inside an unquoted field"]),
    ]

    @Test("each malformed input is reported with its line and column", arguments: problems)
    func problem(_ problem: Problem) {
        do {
            let table = try CSVReader.parse(problem.bytes, file: "f.csv")
            Issue.record("expected problems, read \(table)")
        } catch {
            #expect(error.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0): \($0.message)" }
                == problem.expected)
            #expect(error.diagnostics.allSatisfy { $0.location?.file == "f.csv" && $0.category == .input })
        }
    }

    @Test("reads a file from disk")
    func readsFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("x.csv", "id,name\n1,a\n")
        #expect(try CSVReader.read(file: path) == CSVTable(header: ["id", "name"], rows: [["1", "a"]], rowLines: [2]))
    }
}

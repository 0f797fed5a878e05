import Foundation
import Testing
@testable import Specs
import TestSupport

@Suite struct CSVRoundTripTests {
    /// Pieces that fields are built from: the characters CSV treats specially, spaces and non-ASCII text.
    static let pieces = ["a", "Z", "7", ",", "\"", "\n", "\r\n", "\r", " ", "é", "東京", "🚢", "\"\"", "x y", "\u{FEFF}"]

    /// A field: NULL, the empty string, or a few random pieces.
    static func randomField(_ random: inout SeededGenerator) -> String? {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return nil
        case 1: return ""
        default:
            let count = Int.random(in: 1...6, using: &random)
            return (0..<count).map { _ in pieces.randomElement(using: &random) ?? "a" }.joined()
        }
    }

    /// Writes CSV the way the reader expects: NULL unquoted and empty, everything else quoted when it must be.
    static func write(header: [String], rows: [[String?]], lineEnd: String) -> String {
        func field(_ value: String?) -> String {
            guard let value else { return "" }
            let special = value.isEmpty || value.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) } || value.hasPrefix("\u{FEFF}")
            return special ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        let lines = [header.map(field)] + rows.map { $0.map(field) }
        return lines.map { $0.joined(separator: ",") }.joined(separator: lineEnd) + lineEnd
    }

    @Test("random tables written as CSV read back equal (500 tables, seed 20241124)")
    func roundTrip() throws {
        var random = SeededGenerator(seed: 20_241_124)
        for _ in 0..<500 {
            let width = Int.random(in: 1...5, using: &random)
            let header = (0..<width).map { "c\($0)_" + (Self.randomField(&random) ?? "n") }
            var rows = (0..<Int.random(in: 0...8, using: &random)).map { _ in
                (0..<width).map { _ in Self.randomField(&random) }
            }
            // A one-column row holding only NULL is a blank line, which the reader treats as the end when last.
            if width == 1 { rows = rows.map { $0 == [nil] ? [""] : $0 } }
            let lineEnd = ["\n", "\r\n", "\r"].randomElement(using: &random) ?? "\n"
            let text = Self.write(header: header, rows: rows, lineEnd: lineEnd)
            let table = try CSVReader.parse(text, file: "random.csv")
            #expect(table.header == header, Comment(rawValue: text.debugDescription))
            #expect(table.rows == rows, Comment(rawValue: text.debugDescription))
        }
    }
}

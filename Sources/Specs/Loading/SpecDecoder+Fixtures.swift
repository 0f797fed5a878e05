import Diagnostics
import Foundation
import Yams

/// `load:` steps: fixtures written inline or read from CSV files.
extension SpecDecoder {
    static let loadKeys = ["table", "csv", "columns", "rows"]

    /// A fixture: `load: <table>` (CSV from `fixtures/<table>.csv`), or a mapping with `table` and either
    /// `csv` or `columns` with `rows`.
    ///
    /// With `csv`, `columns` (if given) replaces the header's names and must have as many entries.
    mutating func fixture(_ node: Node) throws(Reported) -> Fixture {
        let location = location(of: node)
        if case .scalar = node {
            let table = try text(node, for: "load")
            return try csvFixture(table: table, path: "fixtures/\(table).csv", columns: nil, at: node, location)
        }
        let fields = try fields(of: node, context: "load step", validKeys: SpecDecoder.loadKeys)
        let table = try text(try required("table", in: fields, "the table to load into"), for: "table")
        let columns = try fields["columns"].map { columns throws(Reported) in try textList(columns, for: "columns") }
        switch (fields.entry("csv"), fields.entry("rows")) {
        case (let csv?, nil):
            return try csvFixture(table: table, path: try text(csv.value, for: "csv"), columns: columns,
                                  at: csv.value, location)
        case (nil, let rows?):
            guard let columns else {
                throw report(node, code: "missing-key", "the load step has 'rows' but no 'columns'",
                             hint: "name the columns that the values go into: `columns: [name, price]`")
            }
            let values = try inlineRows(rows.value, width: columns.count)
            return Fixture(table: table, columns: columns, rows: values, source: .inline, location: location)
        case (_?, let rows?):
            throw report(rows.keyNode, code: "conflicting-keys", "a load step has either 'csv' or 'rows', not both")
        case (nil, nil):
            return try csvFixture(table: table, path: "fixtures/\(table).csv", columns: columns, at: node, location)
        }
    }

    /// Inline rows, each with exactly `width` values.
    private mutating func inlineRows(_ node: Node, width: Int) throws(Reported) -> [[String?]] {
        let rows = try rows(node, for: "rows")
        // `rows` already holds every row to the first one's width, so checking the first is enough.
        if let first = rows.first, first.count != width, case .sequence(let items) = node, let firstNode = items.first {
            throw report(firstNode, code: "fixture-width",
                         "this row has \(first.count) values, but 'columns' names \(width) columns")
        }
        return rows
    }

    /// A fixture read from the CSV file at `path`, relative to the spec file's folder unless absolute; an `s3:`
    /// path is read by the server at run time.
    private mutating func csvFixture(
        table: String, path: String, columns: [String]?, at node: Node, _ location: SourceLocation
    ) throws(Reported) -> Fixture {
        if path.lowercased().hasPrefix("s3:") {
            return Fixture(table: table, columns: columns ?? [], rows: [], source: .s3(location: path), location: location)
        }
        let resolved = path.hasPrefix("/") || directory.isEmpty ? path : "\(directory)/\(path)"
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw report(node, code: "missing-file", "the fixture file '\(path)' does not exist",
                         notes: ["looked for: \(resolved)"],
                         hint: "create it, or name another file with `load: {table: \(table), csv: <path>}`")
        }
        let csv = try csvTable(resolved, loadedAt: location)
        if let columns, columns.count != csv.header.count {
            throw report(node, code: "fixture-width",
                         "'columns' names \(columns.count) columns, but the header of '\(path)' has \(csv.header.count)")
        }
        return Fixture(table: table, columns: columns ?? csv.header, rows: csv.rows,
                       source: .csv(path: resolved), location: location)
    }

    /// The parsed CSV file, after recording its problems (which point into the CSV file).
    private mutating func csvTable(_ path: String, loadedAt location: SourceLocation) throws(Reported) -> CSVTable {
        do {
            return try CSVReader.read(file: path)
        } catch {
            for var diagnostic in error.diagnostics {
                diagnostic.notes.append("loaded by the step at \(location)")
                record(diagnostic)
            }
            throw Reported()
        }
    }
}

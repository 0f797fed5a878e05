import Diagnostics

/// A single pass over valid UTF-8 CSV bytes that splits records and fields and collects diagnostics.
///
/// Works on bytes because every byte with a meaning in CSV (`,` `"` CR LF) is ASCII, which never occurs inside
/// a multi-byte UTF-8 sequence.
struct CSVParser {
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let lineFeed = UInt8(ascii: "\n")

    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    /// The byte offset just after the last byte that is not a line break: blank lines after it are ignored.
    private let contentEnd: Int
    /// The 1-based number of the physical line that `index` is on.
    private var line = 1
    /// The byte offset where the current physical line starts.
    private var lineStart = 0
    private(set) var diagnostics: [Diagnostic] = []

    init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
        contentEnd = (bytes.lastIndex { $0 != Self.lineFeed && $0 != Self.carriageReturn } ?? -1) + 1
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
            lineStart = 3
        }
    }

    /// Parses the header and the rows; nil when there is no header line.
    mutating func parseTable() -> CSVTable? {
        guard let header = nextRecord() else {
            diagnostics.append(diagnostic(line: 1, column: 1, code: "csv-syntax",
                                          "the CSV file is empty; expected a header line with the column names"))
            return nil
        }
        let names = headerNames(header)
        var rows: [[String?]] = []
        var rowLines: [Int] = []
        while let record = nextRecord() {
            guard let fields = record.fields else { continue }
            if let width = header.fields?.count, fields.count != width {
                diagnostics.append(diagnostic(
                    line: record.line, column: 1, code: "csv-ragged",
                    "this row has \(fields.count) fields, but the header has \(width)"
                ))
                continue
            }
            rows.append(fields)
            rowLines.append(record.line)
        }
        return CSVTable(header: names, rows: rows, rowLines: rowLines)
    }

    /// The header's column names, reporting empty and repeated ones.
    private mutating func headerNames(_ header: Record) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        for (position, field) in (header.fields ?? []).enumerated() {
            let name = field ?? ""
            if name.isEmpty {
                diagnostics.append(diagnostic(line: header.line, column: 1, code: "csv-syntax",
                                              "column \(position + 1) of the header has no name"))
            } else if !seen.insert(name).inserted {
                diagnostics.append(diagnostic(line: header.line, column: 1, code: "csv-syntax",
                                              "the header names column '\(name)' twice"))
            }
            names.append(name)
        }
        return names
    }

    /// One record: the line it starts on, and its fields, or nil fields when it had a syntax error.
    private struct Record {
        var line: Int
        var fields: [String?]?
    }

    /// The next record, or nil at the end of the input (blank lines at the end count as the end).
    private mutating func nextRecord() -> Record? {
        guard index < contentEnd else { return nil }
        let startLine = line
        var fields: [String?] = []
        while true {
            guard let field = nextField() else {
                skipRestOfLine()
                return Record(line: startLine, fields: nil)
            }
            fields.append(field)
            guard index < bytes.count else { break }
            if bytes[index] == Self.comma {
                index += 1
                continue
            }
            consumeLineBreak()
            break
        }
        return Record(line: startLine, fields: fields)
    }

    /// The field at `index`: `.some(nil)` for an unquoted empty field, nil after reporting a syntax error.
    private mutating func nextField() -> String?? {
        if index < bytes.count, bytes[index] == Self.quote {
            return quotedField()
        }
        let start = index
        while index < bytes.count, bytes[index] != Self.comma, !isLineBreak(bytes[index]) {
            if bytes[index] == Self.quote {
                diagnostics.append(diagnostic(
                    line: line, column: column(of: index), code: "csv-syntax",
                    "a quote inside an unquoted field",
                    hint: "quote the whole field and double the quotes inside it: \"say \"\"hi\"\"\""
                ))
                return nil
            }
            index += 1
        }
        return .some(start == index ? nil : String(decoding: bytes[start..<index], as: UTF8.self))
    }

    /// The quoted field starting at `index`, with `""` turned into `"`; nil after reporting a syntax error.
    private mutating func quotedField() -> String?? {
        let openLine = line
        let openColumn = column(of: index)
        index += 1
        var value: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                    value.append(Self.quote)
                    index += 2
                    continue
                }
                index += 1
                guard index == bytes.count || bytes[index] == Self.comma || isLineBreak(bytes[index]) else {
                    diagnostics.append(diagnostic(
                        line: line, column: column(of: index), code: "csv-syntax",
                        "unexpected text after a closing quote; expected a comma or the end of the line",
                        hint: "write a quote inside a quoted field as two quotes (\"\")"
                    ))
                    return nil
                }
                return .some(String(decoding: value, as: UTF8.self))
            }
            value.append(byte)
            noteLineBreak(at: index)
            index += 1
        }
        diagnostics.append(diagnostic(line: openLine, column: openColumn, code: "csv-syntax",
                                      "a quoted field is never closed", hint: "add the closing quote"))
        return nil
    }

    private func isLineBreak(_ byte: UInt8) -> Bool {
        byte == Self.lineFeed || byte == Self.carriageReturn
    }

    /// Counts a line break at `offset`: LF, or a CR not followed by LF (CRLF counts once, at its LF).
    private mutating func noteLineBreak(at offset: Int) {
        let byte = bytes[offset]
        let isBreak = byte == Self.lineFeed
            || (byte == Self.carriageReturn && (offset + 1 == bytes.count || bytes[offset + 1] != Self.lineFeed))
        if isBreak {
            line += 1
            lineStart = offset + 1
        }
    }

    /// Steps over one CRLF, LF or CR at `index`.
    private mutating func consumeLineBreak() {
        guard index < bytes.count, isLineBreak(bytes[index]) else { return }
        if bytes[index] == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.lineFeed {
            index += 1
        }
        noteLineBreak(at: index)
        index += 1
    }

    /// Steps to the start of the next physical line, after a syntax error.
    private mutating func skipRestOfLine() {
        while index < bytes.count, !isLineBreak(bytes[index]) { index += 1 }
        consumeLineBreak()
    }

    /// The 1-based column, in characters, of the byte at `offset` on the current line.
    private func column(of offset: Int) -> Int {
        String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
    }

    private func diagnostic(line: Int, column: Int, code: String, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(category: .input, location: SourceLocation(file: file, line: line, column: column),
                   code: code, message: message, hint: hint)
    }
}

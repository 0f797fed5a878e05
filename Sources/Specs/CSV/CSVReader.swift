import Diagnostics

/// Reads CSV fixture files: RFC 4180 with a header line, plus the conventions of PostgreSQL's and Redshift's
/// `COPY ... CSV`.
///
/// - The first record is the header; every later record must have as many fields.
/// - Fields are separated by `,`; records end with CRLF, LF or a lone CR; the last record may lack one.
/// - A field in double quotes may hold commas, line breaks, and `""` for one quote.
/// - An unquoted empty field is NULL (nil); a quoted empty field `""` is the empty string.
/// - A UTF-8 byte order mark at the start is skipped; blank lines at the end of the file are ignored.
/// - Errors: invalid UTF-8, a quote inside an unquoted field, text after a closing quote, an unterminated
///   quote, an empty or repeated header name, and rows whose width differs from the header's.
///
/// Runs in time linear in the file's size.
public enum CSVReader {
    /// Reads and parses the CSV file at `file`; every problem is reported at once with its line.
    public static func read(file: String) throws(DiagnosticList) -> CSVTable {
        let bytes: [UInt8]
        do {
            bytes = try TextFile.contents(file, what: "the CSV file")
        } catch {
            throw DiagnosticList([error])
        }
        return try parse(bytes, file: file)
    }

    /// Parses CSV text given as UTF-8 bytes; `file` names it in diagnostics.
    public static func parse(_ bytes: [UInt8], file: String) throws(DiagnosticList) -> CSVTable {
        do {
            _ = try TextFile.decode(bytes, file: file)
        } catch {
            throw DiagnosticList([error])
        }
        var parser = CSVParser(bytes: bytes, file: file)
        let table = parser.parseTable()
        guard parser.diagnostics.isEmpty, let table else {
            throw DiagnosticList(parser.diagnostics)
        }
        return table
    }

    /// Parses CSV text; `file` names it in diagnostics.
    public static func parse(_ text: String, file: String) throws(DiagnosticList) -> CSVTable {
        try parse(Array(text.utf8), file: file)
    }
}

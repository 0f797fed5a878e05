import Foundation

/// `UNLOAD ('query') TO 's3://bucket/prefix' ...` (r_UNLOAD.html): the query runs on the server and its rows are
/// written to the ``S3ObjectSource`` as Redshift writes them from one slice: `prefix0000_part_00`, or `prefix000`
/// with PARALLEL OFF (`.gz` added with GZIP); pipe-delimited text with NULL as an empty field, or CSV; HEADER,
/// DELIMITER, NULL AS, ADDQUOTES, ESCAPE, MANIFEST (`prefixmanifest`). An object it would overwrite stops it unless
/// ALLOWOVERWRITE. An option not emulated is an error that names it.
public struct S3Unload: Sendable, Equatable {
    /// The query to run, rewritten for emulated Redshift.
    public var query: String
    var bucket: String
    var prefix: String
    var delimiter: String?
    var null = ""
    var csv = false, header = false, addQuotes = false, escape = false, gzip = false, manifest = false
    var allowOverwrite = false, parallel = true

    /// nil when `sql` is not an UNLOAD to an `s3://` location.
    static func parse(_ source: TokenText) throws(S3Copy.Unsupported) -> S3Unload? {
        guard source.isWord(0, "UNLOAD"), source.isOpen(1), source.kind(2) == .string, source.closing[1] == 3,
            source.isWord(4, "TO"), source.kind(5) == .string, source.text(5).hasPrefix("'s3://")
        else { return nil }
        func unquoted(_ index: Int) -> String {
            String(source.text(index).dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        let (bucket, prefix) = S3Copy.location(unquoted(5))
        var unload = S3Unload(query: RedshiftEmulation.rewrite(unquoted(2)).text, bucket: bucket, prefix: prefix)
        var rest = Array((6..<source.count).filter { !source.isSymbol($0, ";") }.map { index in
            source.word(index) ?? (source.kind(index) == .string ? unquoted(index) : source.text(index))
        })[...]
        func value(of option: String) throws(S3Copy.Unsupported) -> String {
            if rest.first == "AS" { rest.removeFirst() }
            guard let value = rest.popFirst() else {
                throw S3Copy.Unsupported(message: "UNLOAD option \(option) has no value", hint: "write \(option) 'value'")
            }
            return value
        }
        while let option = rest.popFirst() {
            switch option {
            case "IAM_ROLE", "CREDENTIALS", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "SESSION_TOKEN", "REGION":
                _ = try value(of: option)
            case "CSV": unload.csv = true
            case "FORMAT":
                let format = try value(of: option).uppercased()
                guard format == "CSV" else { throw notEmulated("FORMAT \(format)") }
                unload.csv = true
            case "DELIMITER": unload.delimiter = S3Copy.character(try value(of: option))
            case "NULL": unload.null = try value(of: option)
            case "HEADER": unload.header = true
            case "ADDQUOTES": unload.addQuotes = true
            case "ESCAPE": unload.escape = true
            case "GZIP": unload.gzip = true
            case "ALLOWOVERWRITE": unload.allowOverwrite = true
            case "MANIFEST":
                guard rest.first != "VERBOSE" else { throw notEmulated("MANIFEST VERBOSE") }
                unload.manifest = true
            case "PARALLEL":
                if let next = rest.first, ["ON", "TRUE", "OFF", "FALSE"].contains(next) {
                    rest.removeFirst()
                    unload.parallel = next == "ON" || next == "TRUE"
                }
            default:
                throw notEmulated(option)
            }
        }
        return unload
    }

    private static func notEmulated(_ option: String) -> S3Copy.Unsupported {
        S3Copy.Unsupported(
            message: "UNLOAD option \(option) is not emulated on PostgreSQL",
            hint: "emulated: CSV, DELIMITER, NULL AS, HEADER, ADDQUOTES, ESCAPE, GZIP, MANIFEST, ALLOWOVERWRITE, PARALLEL "
                + "(IAM_ROLE, CREDENTIALS, REGION are ignored); test this UNLOAD on a cluster")
    }

    /// The key of the one data file.
    public var dataKey: String { prefix + (parallel ? "0000_part_00" : "000") + (gzip ? ".gz" : "") }

    /// Writes the query's result: the data file, then the manifest.
    public func write(columns: [String], rows: [[String?]], to objects: any S3ObjectSource) throws(S3Copy.Unsupported) {
        let manifestKey = prefix + "manifest"
        if !allowOverwrite {
            for key in [dataKey] + (manifest ? [manifestKey] : []) where try objects.object(bucket: bucket, key: key) != nil {
                throw S3Copy.Unsupported(
                    message: "UNLOAD would overwrite s3://\(bucket)/\(key) in \(objects.place)",
                    hint: "add ALLOWOVERWRITE, or unload to another prefix (r_UNLOAD.html)")
            }
        }
        var lines = header ? [columns.map { line(field: $0) }.joined(separator: separator)] : []
        lines += rows.map { row in row.map { $0.map(line(field:)) ?? quoted(null) }.joined(separator: separator) }
        var data = Data(lines.map { $0 + "\n" }.joined().utf8)
        if gzip { data = try S3Copy.gzip(data) }
        try objects.put(bucket: bucket, key: dataKey, data: data)
        if manifest {
            let entries = #"{"entries":[{"url":"s3://\#(bucket)/\#(dataKey)"}]}"#
            try objects.put(bucket: bucket, key: manifestKey, data: Data(entries.utf8))
        }
    }

    private var separator: String { delimiter ?? (csv ? "," : "|") }

    private func quoted(_ text: String) -> String { addQuotes ? "\"" + text + "\"" : text }

    /// A value as Redshift writes it: CSV quotes a field that holds the delimiter, a quote or a line break and
    /// doubles its quotes; ESCAPE puts a backslash before line breaks, the delimiter, backslashes and, with
    /// ADDQUOTES, quotes.
    private func line(field text: String) -> String {
        if csv {
            let special = text.contains(separator) || text.contains("\"") || text.contains("\n") || text.contains("\r")
            return special ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        guard escape else { return quoted(text) }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\\" || String(scalar) == separator
                || addQuotes && (scalar == "\"" || scalar == "'")
            {
                escaped.append("\\")
            }
            escaped.append(scalar)
        }
        return quoted(String(escaped))
    }
}

extension RedshiftEmulation {
    /// The UNLOAD to S3 that `sql` is; nil when `sql` is no such UNLOAD.
    public static func s3Unload(_ sql: String) throws(S3Copy.Unsupported) -> S3Unload? {
        guard let source = TokenText(sql) else { return nil }
        return try S3Unload.parse(source)
    }
}

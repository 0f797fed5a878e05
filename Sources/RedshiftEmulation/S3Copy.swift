import Foundation
import SQLScanner

/// `COPY table [(columns)] FROM 's3://bucket/key' ...` read from an ``S3ObjectSource`` (a local folder that stands
/// for the buckets, or an S3 endpoint), sent as `COPY ... FROM STDIN` with the objects' rows (r_COPY.html,
/// r_COPY_command_examples.html), or for JSON as an INSERT of the objects' fields.
///
/// As on Redshift the key is a prefix: every object whose key starts with it is loaded, in key order; with
/// MANIFEST the object is a list of the objects to load. The options Redshift needs to reach S3 (IAM_ROLE,
/// CREDENTIALS, REGION, ...) are accepted and ignored; an option not emulated is an error that names it, never a
/// load that differs silently.
public struct S3Copy: Sendable, Equatable {
    /// The statement to send: COPY ... FROM STDIN, or an INSERT that holds the rows itself.
    public var statement: String
    /// The rows for COPY FROM STDIN, each line ending in a line break; nil when the statement holds them.
    public var data: String?
    /// The objects read, as `bucket/key`.
    public var objects: [String]

    /// Why a COPY from S3 cannot be emulated: the message names the option or the missing object.
    public struct Unsupported: Error, Sendable, Equatable {
        public var message: String
        public var hint: String

        public init(message: String, hint: String) {
            self.message = message
            self.hint = hint
        }
    }

    /// nil when `sql` is not a COPY from an `s3://` location.
    static func parse(_ source: TokenText) -> Request? {
        guard source.isWord(0, "COPY"), let from = (1..<source.count).first(where: { source.isWord($0, "FROM") }),
            source.kind(from + 1) == .string, source.text(from + 1).hasPrefix("'s3://")
        else { return nil }
        var target = 1..<from
        var columns: Range<Int>?
        if let open = target.first(where: { source.isOpen($0) }), source.closing[open] == from - 1 {
            columns = (open + 1)..<(from - 1)
            target = 1..<open
        }
        func text(_ range: Range<Int>) -> String {
            range.isEmpty ? "" : String(decoding: source.bytes[source.byteRange(range.lowerBound, through: range.upperBound - 1)], as: UTF8.self)
        }
        return Request(
            table: text(target), columns: columns.map(text), url: unquoted(source.text(from + 1)),
            options: Array((from + 2)..<source.count).filter { !source.isSymbol($0, ";") }.map { index in
                source.word(index) ?? (source.kind(index) == .string ? unquoted(source.text(index)) : source.text(index))
            })
    }

    private static func unquoted(_ literal: String) -> String {
        String(literal.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
    }

    /// The COPY options that change what is loaded (copy-parameters-data-format.html,
    /// copy-parameters-data-conversion.html).
    struct Options {
        var csv = false, gzip = false, emptyAsNull = false, blanksAsNull = false, escape = false, manifest = false
        var delimiter: String?, null: String?, quote: String?
        var ignoreHeader = 0
        /// `JSON 'auto'` (false) or `JSON 'auto ignorecase'` (true); nil for text and CSV.
        var jsonIgnoringCase: Bool?

        init(_ words: [String]) throws(Unsupported) {
            var rest = words[...]
            func value(of option: String) throws(Unsupported) -> String {
                if rest.first == "AS" { rest.removeFirst() }
                guard let value = rest.popFirst() else {
                    throw Unsupported(message: "COPY option \(option) has no value", hint: "write \(option) 'value'")
                }
                return value
            }
            func json() throws(Unsupported) -> Bool {
                let argument = try value(of: "JSON")
                switch argument.lowercased().split(separator: " ").joined(separator: " ") {
                case "auto": return false
                case "auto ignorecase": return true
                default: throw S3Copy.notEmulated("JSON '\(argument)'")
                }
            }
            while let option = rest.popFirst() {
                switch option {
                case "IAM_ROLE", "CREDENTIALS", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "SESSION_TOKEN", "REGION",
                    "MASTER_SYMMETRIC_KEY":
                    // Only S3 needs them; the local objects do not.
                    _ = try value(of: option)
                case "WITH": continue
                // PostgreSQL's COPY writes the file's values into identity columns, as EXPLICIT_IDS asks.
                case "EXPLICIT_IDS": continue
                case "CSV": csv = true
                case "JSON": jsonIgnoringCase = try json()
                case "FORMAT":
                    let format = try value(of: option).uppercased()
                    switch format {
                    case "CSV": csv = true
                    case "JSON": jsonIgnoringCase = try json()
                    default: throw S3Copy.notEmulated("FORMAT \(format)")
                    }
                case "QUOTE": quote = try value(of: option)
                case "DELIMITER": delimiter = S3Copy.character(try value(of: option))
                case "NULL": null = try value(of: option)
                case "IGNOREHEADER":
                    guard let count = Int(try value(of: option)), count >= 0 else {
                        throw Unsupported(message: "IGNOREHEADER takes a number of lines", hint: "write IGNOREHEADER 1")
                    }
                    ignoreHeader = count
                case "GZIP": gzip = true
                case "EMPTYASNULL": emptyAsNull = true
                case "BLANKSASNULL": blanksAsNull = true
                case "MANIFEST": manifest = true
                case "ESCAPE": escape = true
                case "DATEFORMAT", "TIMEFORMAT":
                    let format = try value(of: option)
                    guard format.lowercased() == "auto" else { throw S3Copy.notEmulated("\(option) '\(format)'") }
                default:
                    throw S3Copy.notEmulated(option)
                }
            }
        }
    }

    /// A parsed COPY: its target and the option words and values as written (words upper-cased).
    struct Request {
        var table: String
        var columns: String?
        var url: String
        var options: [String]

        func load(from source: any S3ObjectSource) throws(Unsupported) -> S3Copy {
            let options = try Options(options)
            let objects = options.manifest ? try manifestObjects(source) : try prefixObjects(source)
            var texts: [String] = []
            for object in objects {
                guard let data = try source.object(bucket: object.bucket, key: object.key) else {
                    throw Unsupported(message: "s3://\(object.bucket)/\(object.key) disappeared while COPY read it",
                                      hint: "run again")
                }
                texts.append(try S3Copy.text(data, gzip: options.gzip, name: "s3://\(object.bucket)/\(object.key)"))
            }
            let names = objects.map { "\($0.bucket)/\($0.key)" }
            if let ignoringCase = options.jsonIgnoringCase {
                return S3Copy(statement: try jsonInsert(texts, ignoringCase: ignoringCase), data: nil, objects: names)
            }
            var data = texts.map { S3Copy.withoutHeader($0, lines: options.ignoreHeader) }.joined()
            let delimiter = options.delimiter ?? (options.csv ? "," : "|")
            // Redshift's text format takes backslashes literally unless ESCAPE is given; PostgreSQL's never does.
            let literalBackslashes = !options.csv && !options.escape
            var nullText = options.null ?? (options.emptyAsNull ? "" : options.csv ? nil : "\\N")
            if options.blanksAsNull {
                data = S3Copy.blanksAsNull(
                    data, csv: options.csv, escape: options.escape, delimiter: delimiter.utf8.first ?? UInt8(ascii: "|"),
                    quote: options.quote?.utf8.first ?? UInt8(ascii: "\""), null: nullText ?? "")
            }
            if literalBackslashes {
                data = data.replacingOccurrences(of: "\\", with: "\\\\")
                nullText = nullText?.replacingOccurrences(of: "\\", with: "\\\\")
            }
            var with = ["FORMAT \(options.csv ? "csv" : "text")", "DELIMITER \(RedshiftEmulation.literal(delimiter))"]
            if let nullText { with.append("NULL \(RedshiftEmulation.literal(nullText))") }
            if let quote = options.quote { with.append("QUOTE \(RedshiftEmulation.literal(quote))") }
            let target = table + (columns.map { " (\($0))" } ?? "")
            return S3Copy(
                statement: "COPY \(target) FROM STDIN WITH (\(with.joined(separator: ", ")))", data: data, objects: names)
        }

        private var location: (bucket: String, key: String) { S3Copy.location(url) }

        /// The objects whose key starts with the URL's key, in key order.
        private func prefixObjects(_ source: any S3ObjectSource) throws(Unsupported) -> [(bucket: String, key: String)] {
            let (bucket, key) = location
            let keys = try source.keys(bucket: bucket, prefix: key)
            guard !keys.isEmpty else {
                throw Unsupported(
                    message: "no object of bucket '\(bucket)' in \(source.place) has a key that starts with '\(key)' (\(url))",
                    hint: source.missingHint(bucket: bucket, key: key))
            }
            return keys.map { (bucket, $0) }
        }

        /// The entries of the manifest the URL names exactly, in its order; a missing `mandatory` entry is an
        /// error, another is skipped (copy-parameters-data-source-s3.html).
        private func manifestObjects(_ source: any S3ObjectSource) throws(Unsupported) -> [(bucket: String, key: String)] {
            let (bucket, key) = location
            guard let data = try source.object(bucket: bucket, key: key) else {
                throw Unsupported(message: "the manifest \(url) is not in \(source.place)",
                                  hint: source.missingHint(bucket: bucket, key: key))
            }
            let hint = #"write {"entries": [{"url": "s3://bucket/key", "mandatory": true}, ...]}"#
            guard let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                let entries = manifest["entries"] as? [[String: Any]]
            else { throw Unsupported(message: "the manifest \(url) is not a JSON object with a list of entries", hint: hint) }
            var objects: [(bucket: String, key: String)] = []
            for entry in entries {
                guard let entryURL = entry["url"] as? String, entryURL.hasPrefix("s3://") else {
                    throw Unsupported(message: "an entry of the manifest \(url) has no s3:// url", hint: hint)
                }
                let object = S3Copy.location(entryURL)
                if try source.object(bucket: object.bucket, key: object.key) != nil {
                    objects.append(object)
                } else if entry["mandatory"] as? Bool == true {
                    throw Unsupported(message: "the manifest \(url) lists \(entryURL) as mandatory, and it is not in \(source.place)",
                                      hint: source.missingHint(bucket: object.bucket, key: object.key))
                }
            }
            return objects
        }

        /// An INSERT of the JSON objects' fields into the columns of the same names, case-sensitive for
        /// `'auto'`, not for `'auto ignorecase'` (copy-parameters-data-format.html#copy-json-auto).
        private func jsonInsert(_ texts: [String], ignoringCase: Bool) throws(Unsupported) -> String {
            var objects: [Substring] = []
            for text in texts { objects += try S3Copy.jsonObjects(text) }
            var document = "\(RedshiftEmulation.literal("[" + objects.joined(separator: ",") + "]"))::pg_catalog.json"
            if ignoringCase {
                document = "(SELECT pg_catalog.json_agg((SELECT pg_catalog.json_object_agg(pg_catalog.lower(k), v) "
                    + "FROM pg_catalog.json_each(o) AS e(k, v))) FROM pg_catalog.json_array_elements(\(document)) AS a(o))"
            }
            let rows = "pg_catalog.json_populate_recordset(NULL::\(table), \(document))"
            guard let columns else { return "INSERT INTO \(table) SELECT * FROM \(rows)" }
            return "INSERT INTO \(table) (\(columns)) SELECT \(columns) FROM \(rows)"
        }
    }

    static func notEmulated(_ option: String) -> Unsupported {
        Unsupported(
            message: "COPY option \(option) is not emulated on PostgreSQL",
            hint: "emulated: CSV, DELIMITER, NULL AS, IGNOREHEADER, GZIP, EMPTYASNULL, BLANKSASNULL, ESCAPE, QUOTE, "
                + "MANIFEST, EXPLICIT_IDS, JSON 'auto' and 'auto ignorecase', DATEFORMAT/TIMEFORMAT 'auto' "
                + "(IAM_ROLE, CREDENTIALS, REGION are ignored); test this COPY on a cluster")
    }

    /// A delimiter as Redshift reads it: `'\t'` is a tab, `'\011'` an octal code (copy-parameters-data-format.html).
    static func character(_ text: String) -> String {
        if text == "\\t" { return "\t" }
        if text.count == 4, text.hasPrefix("\\"), let code = UInt8(text.dropFirst(), radix: 8) {
            return String(UnicodeScalar(code))
        }
        return text
    }

    /// `s3://bucket/key` as its bucket and key.
    static func location(_ url: String) -> (bucket: String, key: String) {
        let path = url.dropFirst("s3://".count)
        let bucket = String(path.prefix { $0 != "/" })
        return (bucket, String(path.dropFirst(bucket.count + 1)))
    }

    /// The text of an object, gunzipped with GZIP.
    static func text(_ data: Data, gzip: Bool, name: String) throws(Unsupported) -> String {
        guard gzip else { return String(decoding: data, as: UTF8.self) }
        do {
            return String(decoding: try run(gzip: ["-dc"], data), as: UTF8.self)
        } catch {
            throw Unsupported(message: "\(name) is not a gzip file (GZIP was given): \(error.message)",
                              hint: "compress it with gzip, or drop GZIP")
        }
    }

    /// `data` compressed with gzip (UNLOAD's GZIP).
    static func gzip(_ data: Data) throws(Unsupported) -> Data {
        try run(gzip: ["-c"], data)
    }

    /// gzip with `arguments` over a file of ours: it ends with the file, so the wait is bounded by its size.
    private static func run(gzip arguments: [String], _ data: Data) throws(Unsupported) -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-s3-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = arguments + [file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try data.write(to: file)
            try process.run()
        } catch {
            throw Unsupported(message: "could not run gzip: \(error)", hint: "install gzip")
        }
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Unsupported(message: "gzip failed (status \(process.terminationStatus))", hint: "check the data")
        }
        return result
    }

    /// The text after its first `lines` lines, ending in a line break in the file's own style: COPY wants one
    /// style throughout. Lines are cut at `\n` bytes: a Swift Character would take `\r\n` (the sample's files) as one.
    static func withoutHeader(_ text: String, lines: Int) -> String {
        let bytes = Array(text.utf8)
        var start = 0
        for _ in 0..<lines {
            start = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
        }
        var rest = String(decoding: bytes[start...], as: UTF8.self)
        if start < bytes.count && bytes.last != UInt8(ascii: "\n") {
            let crlf = bytes.firstIndex(of: UInt8(ascii: "\n")).map { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\r") } ?? false
            rest += crlf ? "\r\n" : "\n"
        }
        return rest
    }

    /// Fields of only spaces and tabs become `null` (BLANKSASNULL, copy-parameters-data-conversion.html); quoted
    /// CSV fields and escaped characters are kept as they are.
    static func blanksAsNull(_ text: String, csv: Bool, escape: Bool, delimiter: UInt8, quote: UInt8, null: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var field: [UInt8] = []
        var inQuotes = false
        func flush() {
            let carriageReturn = field.last == UInt8(ascii: "\r")
            let content = carriageReturn ? field.dropLast() : field[...]
            if !content.isEmpty && content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                output += Array(null.utf8)
                if carriageReturn { output.append(UInt8(ascii: "\r")) }
            } else {
                output += field
            }
            field.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if csv && byte == quote {
                inQuotes.toggle()
            } else if !csv && escape && byte == UInt8(ascii: "\\") && index < bytes.count {
                field.append(byte)
                field.append(bytes[index])
                index += 1
                continue
            } else if !inQuotes && (byte == delimiter || byte == UInt8(ascii: "\n")) {
                flush()
                output.append(byte)
                continue
            }
            field.append(byte)
        }
        if !field.isEmpty { flush() }
        return String(decoding: output, as: UTF8.self)
    }

    /// The JSON objects of a file, one after another as Redshift reads them (whitespace between them, no commas);
    /// each must be an object (copy-usage_notes-copy-from-json.html).
    static func jsonObjects(_ text: String) throws(Unsupported) -> [Substring] {
        var objects: [Substring] = []
        var depth = 0
        var inString = false
        var escaped = false
        var start: String.Index?
        for index in text.indices {
            let character = text[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{", "[":
                if depth == 0 {
                    guard character == "{" else {
                        throw Unsupported(message: "a JSON array at the top level needs a JSONPaths file, which is not emulated",
                                          hint: "write one JSON object per record")
                    }
                    start = index
                }
                depth += 1
            case "}", "]":
                depth -= 1
                if depth == 0, let first = start { objects.append(text[first...index]) }
            default:
                guard depth > 0 || character.isWhitespace else {
                    throw Unsupported(message: "the JSON data has '\(character)' outside an object",
                                      hint: "write one JSON object per record, separated by whitespace")
                }
            }
        }
        return objects
    }
}

extension RedshiftEmulation {
    /// One statement to send: with its COPY data, or as the query of an UNLOAD whose rows go to S3.
    public struct Sent: Sendable {
        public var sql: String
        public var copyData: String?
        public var unload: S3Unload?
    }

    /// The statements of `sql` that must go one by one: each COPY from and UNLOAD to S3 apart, since a COPY reads
    /// its objects when it runs (after an UNLOAD before it wrote them); text without S3 stays one piece.
    public static func pieces(_ sql: String) -> [String] {
        guard sql.range(of: "s3://", options: .caseInsensitive) != nil,
            let statements = try? SQLScanner.statements(in: sql, file: "")
        else { return [sql] }
        return statements.map(\.text)
    }

    /// What to send for one piece of ``pieces(_:)``: a COPY from S3 as the statement that loads its objects'
    /// rows, an UNLOAD to S3 as its query, anything else rewritten.
    public static func sent(_ piece: String, objects: (any S3ObjectSource)?) throws(S3Copy.Unsupported) -> Sent {
        if let copy = try s3Copy(piece, objects: objects) { return Sent(sql: copy.statement, copyData: copy.data) }
        if let unload = try s3Unload(piece) {
            guard objects != nil else { throw noPlace(for: "UNLOAD to s3://\(unload.bucket)/\(unload.prefix)") }
            return Sent(sql: unload.query, unload: unload)
        }
        return Sent(sql: rewrite(piece).text)
    }

    /// The COPY from S3 that `sql` is, read from `objects`; nil when `sql` is no such COPY.
    public static func s3Copy(_ sql: String, objects: (any S3ObjectSource)?) throws(S3Copy.Unsupported) -> S3Copy? {
        guard let source = TokenText(sql), let request = S3Copy.parse(source) else { return nil }
        guard let objects else { throw noPlace(for: "COPY from \(request.url)") }
        return try request.load(from: objects)
    }

    private static func noPlace(for statement: String) -> S3Copy.Unsupported {
        S3Copy.Unsupported(
            message: "\(statement) needs a local folder that stands for S3 on this PostgreSQL, or an S3 endpoint",
            hint: "set --s3-root DIR (s3Root in slipway.toml, SLIPWAY_S3_ROOT; the object is DIR/bucket/key), "
                + "or AWS_ENDPOINT_URL_S3 to an S3 endpoint")
    }
}

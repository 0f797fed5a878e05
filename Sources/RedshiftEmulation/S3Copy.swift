import Foundation
import SQLScanner

/// `COPY table [(columns)] FROM 's3://bucket/key' ...` read from a local folder that stands for the buckets
/// (`DIR/bucket/key`), sent as `COPY ... FROM STDIN` with the objects' rows (r_COPY.html,
/// r_COPY_command_examples.html).
///
/// As on Redshift the key is a prefix: every object whose key starts with it is loaded, in key order. The options
/// Redshift needs to reach S3 (IAM_ROLE, CREDENTIALS, REGION, ...) are accepted and ignored; an option not
/// emulated is an error that names it, never a load that differs silently.
public struct S3Copy: Sendable, Equatable {
    /// The COPY ... FROM STDIN statement to send.
    public var statement: String
    /// The rows, each line ending in `\n`.
    public var data: String
    /// The files read, relative to the root.
    public var objects: [String]

    /// Why a COPY from S3 cannot be emulated: the message names the option or the missing object.
    public struct Unsupported: Error, Sendable, Equatable {
        public var message: String
        public var hint: String
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

    /// A parsed COPY: its target and the option words and values as written (words upper-cased).
    struct Request {
        var table: String
        var columns: String?
        var url: String
        var options: [String]

        func load(root: String) throws(Unsupported) -> S3Copy {
            var csv = false, gzip = false, emptyAsNull = false, escape = false
            var delimiter: String?, null: String?, quote: String?
            var ignoreHeader = 0
            var rest = options[...]
            func value(of option: String) throws(Unsupported) -> String {
                if rest.first == "AS" { rest.removeFirst() }
                guard let value = rest.popFirst() else {
                    throw Unsupported(message: "COPY option \(option) has no value", hint: "write \(option) 'value'")
                }
                return value
            }
            while let option = rest.popFirst() {
                switch option {
                case "IAM_ROLE", "CREDENTIALS", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "SESSION_TOKEN", "REGION",
                    "MASTER_SYMMETRIC_KEY":
                    // Only S3 needs them; the local folder does not.
                    _ = try value(of: option)
                case "WITH": continue
                case "CSV": csv = true
                case "FORMAT":
                    let format = try value(of: option).uppercased()
                    guard format == "CSV" else { throw Self.notEmulated("FORMAT \(format)") }
                    csv = true
                case "QUOTE": quote = try value(of: option)
                case "DELIMITER": delimiter = try value(of: option)
                case "NULL": null = try value(of: option)
                case "IGNOREHEADER":
                    guard let count = Int(try value(of: option)), count >= 0 else {
                        throw Unsupported(message: "IGNOREHEADER takes a number of lines", hint: "write IGNOREHEADER 1")
                    }
                    ignoreHeader = count
                case "GZIP": gzip = true
                case "EMPTYASNULL": emptyAsNull = true
                case "ESCAPE": escape = true
                case "DATEFORMAT", "TIMEFORMAT":
                    let format = try value(of: option)
                    guard format.lowercased() == "auto" else { throw Self.notEmulated("\(option) '\(format)'") }
                default:
                    throw Self.notEmulated(option)
                }
            }
            let objects = try Self.objects(root: root, url: url)
            var data = ""
            for object in objects {
                // Lines are cut at `\n` bytes: a Swift Character would take `\r\n` (the sample's files) as one.
                let bytes = Array(try Self.read("\(root)/\(object)", gzip: gzip).utf8)
                var start = 0
                for _ in 0..<ignoreHeader {
                    start = bytes[start...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.count
                }
                data += String(decoding: bytes[start...], as: UTF8.self)
                // A last line without a break gets one in the file's own style: COPY wants one style throughout.
                if start < bytes.count && bytes.last != UInt8(ascii: "\n") {
                    let crlf = bytes.firstIndex(of: UInt8(ascii: "\n")).map { $0 > 0 && bytes[$0 - 1] == UInt8(ascii: "\r") } ?? false
                    data += crlf ? "\r\n" : "\n"
                }
            }
            // Redshift's text format takes backslashes literally unless ESCAPE is given; PostgreSQL's never does.
            let literalBackslashes = !csv && !escape
            if literalBackslashes { data = data.replacingOccurrences(of: "\\", with: "\\\\") }
            var nullText = null ?? (emptyAsNull ? "" : csv ? nil : "\\N")
            if literalBackslashes { nullText = nullText?.replacingOccurrences(of: "\\", with: "\\\\") }
            var with = ["FORMAT \(csv ? "csv" : "text")", "DELIMITER \(Self.literal(delimiter ?? (csv ? "," : "|")))"]
            if let nullText { with.append("NULL \(Self.literal(nullText))") }
            if let quote { with.append("QUOTE \(Self.literal(quote))") }
            let target = table + (columns.map { " (\($0))" } ?? "")
            return S3Copy(
                statement: "COPY \(target) FROM STDIN WITH (\(with.joined(separator: ", ")))", data: data,
                objects: objects)
        }

        private static func notEmulated(_ option: String) -> Unsupported {
            Unsupported(
                message: "COPY option \(option) is not emulated on PostgreSQL",
                hint: "emulated: CSV, DELIMITER, NULL AS, IGNOREHEADER, GZIP, EMPTYASNULL, ESCAPE, QUOTE, "
                    + "DATEFORMAT/TIMEFORMAT 'auto' (IAM_ROLE, CREDENTIALS, REGION are ignored); test this COPY on a cluster")
        }

        private static func literal(_ text: String) -> String {
            "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        }

        /// The objects under `root/bucket` whose key starts with the URL's key, in key order.
        private static func objects(root: String, url: String) throws(Unsupported) -> [String] {
            let path = url.dropFirst("s3://".count)
            let bucket = String(path.prefix { $0 != "/" })
            let key = String(path.dropFirst(bucket.count + 1))
            let bucketDirectory = "\(root)/\(bucket)"
            let keys = (FileManager.default.enumerator(atPath: bucketDirectory)?.allObjects as? [String] ?? [])
                .filter { $0.hasPrefix(key) }
                .filter { var isDirectory: ObjCBool = false
                    return FileManager.default.fileExists(atPath: "\(bucketDirectory)/\($0)", isDirectory: &isDirectory) && !isDirectory.boolValue }
                .sorted()
            guard !keys.isEmpty else {
                throw Unsupported(
                    message: "no object in \(bucketDirectory) has a key that starts with '\(key)' (\(url))",
                    hint: "put the file at \(bucketDirectory)/\(key), or point --s3-root (s3Root, SLIPWAY_S3_ROOT) "
                        + "at the folder that holds the bucket folders")
            }
            return keys.map { "\(bucket)/\($0)" }
        }

        private static func read(_ path: String, gzip: Bool) throws(Unsupported) -> String {
            guard gzip else {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw Unsupported(message: "could not read \(path)", hint: "check the file's permissions")
                }
                return String(decoding: data, as: UTF8.self)
            }
            // gzip reads the local file and ends with it: the wait is bounded by the file's size.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/gzip")
            process.arguments = ["-dc", path]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch {
                throw Unsupported(message: "could not run gzip to read \(path): \(error)", hint: "install gzip")
            }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Unsupported(message: "\(path) is not a gzip file (GZIP was given)", hint: "compress it with gzip, or drop GZIP")
            }
            return String(decoding: data, as: UTF8.self)
        }
    }
}

extension RedshiftEmulation {
    /// What to send for `sql` (one statement or several): each COPY from S3 as a COPY FROM STDIN with its rows,
    /// every other statement rewritten.
    public static func sent(_ sql: String, s3Root: String?) throws(S3Copy.Unsupported) -> [(sql: String, copyData: String?)] {
        guard sql.range(of: "s3://", options: .caseInsensitive) != nil,
            let statements = try? SQLScanner.statements(in: sql, file: "")
        else { return [(rewrite(sql).text, nil)] }
        var sent: [(sql: String, copyData: String?)] = []
        for statement in statements {
            if let copy = try s3Copy(statement.text, root: s3Root) {
                sent.append((copy.statement, copy.data))
            } else {
                sent.append((rewrite(statement.text).text, nil))
            }
        }
        return sent
    }

    /// The COPY from S3 that `sql` is, read from the local folder `root`; nil when `sql` is no such COPY.
    public static func s3Copy(_ sql: String, root: String?) throws(S3Copy.Unsupported) -> S3Copy? {
        guard let source = TokenText(sql), let request = S3Copy.parse(source) else { return nil }
        guard let root else {
            throw S3Copy.Unsupported(
                message: "COPY from \(request.url) needs a local folder that stands for S3 on this PostgreSQL",
                hint: "set --s3-root DIR (s3Root in slipway.toml, SLIPWAY_S3_ROOT); the object is DIR/bucket/key")
        }
        return try request.load(root: root)
    }
}

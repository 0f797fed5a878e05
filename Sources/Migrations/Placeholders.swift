import Diagnostics
import Foundation

/// Values for `${name}` placeholders in migrations, replaced the way Flyway's `PlaceholderReplacingReader` does.
///
/// Names are case-insensitive. Replacement happens everywhere in the text, including string literals and
/// comments, exactly as in Flyway. One Flyway quirk is kept so that texts and checksums stay identical: a `$` that
/// is not followed by `{` also passes the character after it through unexamined, so `$${x}` is left as it is.
public struct Placeholders: Sendable {
    /// The Flyway name of the built-in that holds the migration's file name.
    public static let fileNameKey = "flyway:filename"

    /// Values by lowercased name.
    private var values: [String: String]
    /// Whether replacement happens at all (Flyway's `placeholderReplacement`); a script's config overrides it.
    public var isEnabled: Bool

    /// Creates placeholders from user values and built-ins (see ``builtIns(defaultSchema:user:database:timestamp:workingDirectory:table:environment:)``).
    public init(_ values: [String: String] = [:], isEnabled: Bool = true) {
        self.values = Dictionary(values.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.isEnabled = isEnabled
    }

    /// The value of a placeholder, looked up case-insensitively.
    public func value(for name: String) -> String? {
        values[name.lowercased()]
    }

    /// Flyway's built-in placeholders (`flyway:defaultSchema`, `flyway:user`, ...), to merge with user values.
    ///
    /// As in Flyway, a `nil` user or environment becomes an empty value, while a `nil` default schema or database
    /// leaves the placeholder undefined (so using it is an error). `flyway:filename` is set per file by
    /// ``replace(in:fileName:file:)``.
    public static func builtIns(
        defaultSchema: String?, user: String?, database: String?, timestamp: String,
        workingDirectory: String, table: String, environment: String?
    ) -> [String: String] {
        var result = [
            "flyway:user": user ?? "",
            "flyway:timestamp": timestamp,
            "flyway:workingDirectory": workingDirectory,
            "flyway:table": table,
            "flyway:environment": environment ?? "",
        ]
        if let defaultSchema { result["flyway:defaultSchema"] = defaultSchema }
        if let database { result["flyway:database"] = database }
        return result
    }

    /// `${flyway:timestamp}`'s text for a moment: `yyyy-MM-dd HH:mm:ss` in the given time zone (local by default).
    public static func timestamp(_ date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        let year = String(parts.year ?? 0)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(parts.month))-\(two(parts.day)) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))"
    }

    /// Replaces every `${name}` in `text`.
    ///
    /// - Parameters:
    ///   - fileName: the value of `${flyway:filename}` for this text (Flyway's rebuilt file name), if any.
    ///   - file: the path used in diagnostics.
    /// - Throws: one diagnostic per placeholder without a value (or without its closing `}`), each at the
    ///   1-based line and column (in characters) of its `$`.
    public func replace(in text: String, fileName: String? = nil, file: String) throws(DiagnosticList) -> String {
        var text = text
        let result: Result<String, DiagnosticList> = text.withUTF8 { bytes in
            var output: [UInt8] = []
            var missing: [(offset: Int, name: String, unterminated: Bool)] = []
            var runStart = 0
            var index = 0
            let count = bytes.count
            while index < count {
                guard bytes[index] == UInt8(ascii: "$"), index + 1 < count else {
                    index += 1
                    continue
                }
                guard bytes[index + 1] == UInt8(ascii: "{") else {
                    index += 2
                    continue
                }
                output.append(contentsOf: bytes[runStart..<index])
                var end = index + 2
                while end < count, bytes[end] != UInt8(ascii: "}") { end += 1 }
                let name = String(decoding: bytes[(index + 2)..<end], as: UTF8.self)
                if end == count {
                    missing.append((index, name, true))
                } else if let value = lookUp(name, fileName: fileName) {
                    output.append(contentsOf: value.utf8)
                } else {
                    missing.append((index, name, false))
                }
                index = min(end + 1, count)
                runStart = index
            }
            guard missing.isEmpty else {
                return .failure(diagnostics(for: missing, in: bytes, file: file))
            }
            if runStart == 0 { return .success(String(decoding: bytes, as: UTF8.self)) }
            output.append(contentsOf: bytes[runStart..<count])
            return .success(String(decoding: output, as: UTF8.self))
        }
        return try result.get()
    }

    private func lookUp(_ name: String, fileName: String?) -> String? {
        if let fileName, name.lowercased() == Self.fileNameKey { return fileName }
        return value(for: name)
    }

    private func diagnostics(
        for missing: [(offset: Int, name: String, unterminated: Bool)], in bytes: UnsafeBufferPointer<UInt8>,
        file: String
    ) -> DiagnosticList {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = LineIndex(text)
        return DiagnosticList(missing.map { item in
            // Diagnostics count characters (scalars), so convert the byte offset.
            let scalarOffset = String(decoding: bytes[..<item.offset], as: UTF8.self).unicodeScalars.count
            let (line, column) = lines.position(ofOffset: scalarOffset)
            let location = SourceLocation(file: file, line: line, column: column)
            if item.unterminated {
                return Diagnostic(
                    category: .input, location: location, code: "unterminated-placeholder",
                    message: "placeholder '${' has no closing '}'",
                    hint: "close the placeholder, or set placeholderReplacement=false in \(file).conf")
            }
            let builtIn = item.name.lowercased().hasPrefix("flyway:")
            return Diagnostic(
                category: .input, location: location, code: "missing-placeholder",
                message: builtIn
                    ? "no value for the built-in placeholder ${\(item.name)}"
                    : "no value provided for placeholder ${\(item.name)}",
                notes: ["placeholders are replaced everywhere, including comments and string literals"],
                hint: builtIn
                    ? "this built-in is only known once connected (e.g. flyway:database); check its spelling"
                    : "set it (placeholders.\(item.name) in the config, or FLYWAY_PLACEHOLDERS_\(item.name.uppercased())), "
                        + "or set placeholderReplacement=false in \(file.split(separator: "/").last.map(String.init) ?? file).conf")
        })
    }
}

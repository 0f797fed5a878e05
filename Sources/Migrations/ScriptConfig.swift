import Diagnostics

/// The settings of one migration from its `<script>.conf` file (e.g. `V3__index.sql.conf`).
///
/// A `nil` setting is not set in the file, so the global setting applies.
public struct ScriptConfig: Sendable, Equatable {
    /// Whether the migration runs inside a transaction (`executeInTransaction=false` for e.g. `VACUUM`).
    public var executeInTransaction: Bool?
    /// The file's character encoding, by its Java name (e.g. `ISO-8859-1`); `nil` means UTF-8.
    public var encoding: String?
    /// Whether `${...}` placeholders are replaced in this file.
    public var placeholderReplacement: Bool?

    public init(executeInTransaction: Bool? = nil, encoding: String? = nil, placeholderReplacement: Bool? = nil) {
        self.executeInTransaction = executeInTransaction
        self.encoding = encoding
        self.placeholderReplacement = placeholderReplacement
    }

    /// Parses `key=value` lines; blank lines and lines starting with `#` are skipped.
    ///
    /// Every problem (unknown key, a line without `=`, a value that is not `true`/`false`) is reported at once,
    /// each at its 1-based line and column in `file`.
    public static func parse(_ text: String, file: String) throws(DiagnosticList) -> ScriptConfig {
        var config = ScriptConfig()
        var problems: [Diagnostic] = []
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .enumerated()
        {
            let line = rawLine.drop(while: \.isWhitespace)
            guard !line.isEmpty, line.first != "#" else { continue }
            let column = rawLine.count - line.count + 1
            let at = SourceLocation(file: file, line: offset + 1, column: column)
            guard let equals = line.firstIndex(of: "=") else {
                problems.append(problem(at, "expected 'key=value', found '\(line)'", hint: "write e.g. executeInTransaction=false"))
                continue
            }
            let key = line[..<equals].trimmingWhitespace()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            switch key {
            case "executeInTransaction", "placeholderReplacement":
                guard let flag = Bool(value.lowercased()) else {
                    problems.append(problem(at, "\(key) must be true or false, found '\(value)'", hint: "write \(key)=true or \(key)=false"))
                    continue
                }
                if key == "executeInTransaction" { config.executeInTransaction = flag }
                else { config.placeholderReplacement = flag }
            case "encoding":
                config.encoding = value
            default:
                problems.append(problem(
                    at, "unknown script setting '\(key)'",
                    hint: "the settings are executeInTransaction, encoding and placeholderReplacement"))
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return config
    }

    private static func problem(_ location: SourceLocation, _ message: String, hint: String) -> Diagnostic {
        Diagnostic(category: .input, location: location, code: "bad-script-config", message: message, hint: hint)
    }
}

extension Substring {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        // By index: the reversed views' generic types cost the runtime a conformance scan each on first use.
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}

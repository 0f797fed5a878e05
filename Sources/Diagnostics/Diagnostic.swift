/// A problem a user can act on: where it is, what it is, and what to do next.
///
/// Every module reports user-facing problems as `Diagnostic`s; the command line renders them and maps
/// their ``Category`` to an exit code. Libraries never print.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Equatable {
        case error, warning, note
    }

    /// What kind of failure this is; decides the process exit code.
    public enum Category: String, Sendable, Equatable {
        /// Bad configuration, command line, file names, specs or other input: nothing was run.
        case input
        /// Applied migrations disagree with the files (checksum, missing, failed rows).
        case validation
        /// A migration's SQL failed on the server.
        case migration
        /// The database could not be reached or the embedded server could not start.
        case connection
        /// Tests ran and some failed (only `slipway test`).
        case testsFailed
        /// A file the run writes (a report, the dry-run script) could not be written: a full disk, an I/O error.
        case output
    }

    public var severity: Severity
    public var category: Category
    /// Where the problem is, when it is in a file.
    public var location: SourceLocation?
    /// A machine-readable code: the server's SQLSTATE, or one of ours (e.g. `bad-name`).
    public var code: String?
    public var message: String
    /// Further lines, each shown indented under the message (e.g. `detail: ...`, `context: ...`).
    public var notes: [String]
    /// What the user should do next.
    public var hint: String?

    public init(
        _ severity: Severity = .error,
        category: Category,
        location: SourceLocation? = nil,
        code: String? = nil,
        message: String,
        notes: [String] = [],
        hint: String? = nil
    ) {
        self.severity = severity
        self.category = category
        self.location = location
        self.code = code
        self.message = message
        self.notes = notes
        self.hint = hint
    }

    /// Compiler-style text: `file:line:column: error: message`, then indented notes and the hint.
    public var description: String {
        var head = ""
        if let location { head += "\(location): " }
        head += "\(severity.rawValue): \(message)"
        var lines = [head]
        if let code { lines.append("  code: \(code)") }
        lines += notes.map { "  \($0)" }
        if let hint { lines.append("  hint: \(hint)") }
        return lines.joined(separator: "\n")
    }
}

/// A place in a text file: 1-based line and column, columns counted in characters.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// Several diagnostics reported together, e.g. every badly named migration at once.
public struct DiagnosticList: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

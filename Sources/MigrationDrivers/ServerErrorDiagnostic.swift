import Diagnostics
import PostgresClient
import RedshiftEmulation
import SQLScanner

/// Turns a database error into a ``Diagnostic`` that points at the file, line and column of the failing
/// statement and carries every field the server sent.
package enum ServerErrorDiagnostic {
    /// - Parameters:
    ///   - script: the text the statements were scanned from (after placeholder replacement), for line numbers.
    ///   - file: the path shown to the user.
    package static func make(
        _ error: PostgresError,
        statement: SQLStatement?,
        script: LineIndex?,
        file: String?,
        category: Diagnostic.Category,
        hint: String?
    ) -> Diagnostic {
        var location: SourceLocation?
        if let file, let statement {
            var offset = statement.offset
            if case .server(let message) = error, let position = message.position {
                offset = statement.scriptOffset(ofPosition: position)
            }
            if let script {
                let place = script.position(ofOffset: offset)
                location = SourceLocation(file: file, line: place.line, column: place.column)
            } else {
                location = SourceLocation(file: file, line: statement.line, column: statement.column)
            }
        } else if let file {
            location = SourceLocation(file: file, line: 1, column: 1)
        }
        switch error {
        case .server(let message):
            var notes: [String] = []
            if let detail = message.detail { notes.append("detail: \(detail)") }
            if let serverHint = message.hint { notes.append("server hint: \(serverHint)") }
            if let context = message.context { notes.append("context: \(context.replacingOccurrences(of: "\n", with: "\n    "))") }
            if let statement { notes.append("statement: \(Self.excerpt(statement.text))") }
            return Diagnostic(
                category: category, location: location, code: message.sqlstate,
                message: message.message, notes: notes, hint: hint)
        case .connectionLost(let text):
            return Diagnostic(
                category: .connection, location: location, code: "connection-lost",
                message: PostgresError.lostConnectionMessage(text),
                notes: statement.map { ["statement: \(Self.excerpt($0.text))"] } ?? [],
                hint: "check that the server is up, then run the same command again")
        case .connectionFailed(let text), .client(let text):
            return Diagnostic(category: .connection, location: location, message: text, hint: hint)
        }
    }

    /// The first line of a statement, cut to a readable length.
    package static func excerpt(_ sql: String) -> String {
        let firstLine = sql.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first
            .map(String.init) ?? sql
        let limit = 120
        let cut = firstLine.count > limit ? String(firstLine.prefix(limit)) + "…" : firstLine
        return cut + (firstLine.count < sql.count && firstLine.count <= limit ? " …" : "")
    }
}

extension Diagnostic {
    /// Adds a note naming the `dialect` setting when a script that was not emulated failed at a Redshift-only word.
    package func notingRedshiftSetting(_ error: PostgresError, in script: PreparedScript) -> Diagnostic {
        guard !script.emulatesRedshift, case .server(let message) = error,
            let setting = RedshiftWords.settingHint(sqlstate: message.sqlstate, message: message.message)
        else { return self }
        var noted = self
        noted.notes.append("note: \(setting)")
        return noted
    }
}

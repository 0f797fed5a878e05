import Foundation
import SQLScanner

/// Where a migration file defines a function or procedure: the `CREATE [OR REPLACE] FUNCTION|PROCEDURE`
/// statement and the string that holds its body, so that a line of the body can be shown as a line of the file.
public struct RoutineSource: Sendable, Equatable {
    /// The migration file, as shown in reports (relative to the working directory).
    public var file: String
    /// The schema the statement names, folded as PostgreSQL folds it; nil when unqualified.
    public var schema: String?
    /// The routine's name, folded as PostgreSQL folds it (unquoted: lower case).
    public var name: String
    /// The 1-based line of the file where the body string opens: the body's line 1, as plpgsql numbers it.
    public var bodyLine: Int
    /// The 1-based column, in characters, of the body's first character (just after the opening quote).
    public var bodyColumn: Int
    /// The body as the server stores it (`prosrc`).
    public var body: String
    /// A `PROCEDURE` (else a `FUNCTION`).
    public var isProcedure: Bool

    public init(
        file: String, schema: String?, name: String, bodyLine: Int, bodyColumn: Int, body: String,
        isProcedure: Bool = false
    ) {
        self.file = file
        self.schema = schema
        self.name = name
        self.bodyLine = bodyLine
        self.bodyColumn = bodyColumn
        self.body = body
        self.isProcedure = isProcedure
    }

    /// The file's line of the body's 1-based line `line`.
    public func fileLine(ofBodyLine line: Int) -> Int {
        bodyLine + max(line, 1) - 1
    }

    /// The file's column of the first non-blank character on the body's line `line` (1-based, characters).
    public func firstColumn(ofBodyLine line: Int) -> Int {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return 1 }
        let indent = lines[line - 1].prefix { $0 == " " || $0 == "\t" }.count
        return (line == 1 ? bodyColumn : 1) + indent
    }

    /// The routines `text` defines, in file order; a file the scanner cannot split defines none (migrate reports it).
    public static func find(in text: String, file: String) -> [RoutineSource] {
        guard let statements = try? SQLScanner.statements(in: text, file: file) else { return [] }
        return statements.compactMap { statement in
            let words = statement.words
            guard words.first == "CREATE" else { return nil }
            let kind = words.dropFirst(words.starts(with: ["CREATE", "OR", "REPLACE"]) ? 3 : 1).first
            guard kind == "FUNCTION" || kind == "PROCEDURE" else { return nil }
            return routine(in: statement, file: file).map { routine in
                var routine = routine
                routine.isProcedure = kind == "PROCEDURE"
                return routine
            }
        }
    }

    private static func routine(in statement: SQLStatement, file: String) -> RoutineSource? {
        guard let tokens = try? SQLScanner.tokens(in: statement.text, file: file) else { return nil }
        let bytes = Array(statement.text.utf8)
        let text = { (token: SQLToken) in String(decoding: bytes[token.range], as: UTF8.self) }
        // The name: the word after FUNCTION or PROCEDURE, and after a `.` when schema-qualified.
        guard let kindIndex = tokens.firstIndex(where: { ["FUNCTION", "PROCEDURE"].contains(text($0).uppercased()) }),
            kindIndex + 1 < tokens.count
        else { return nil }
        var names = [tokens[kindIndex + 1]]
        if kindIndex + 3 < tokens.count, tokens[kindIndex + 2].kind == .symbol(UInt8(ascii: ".")) {
            names.append(tokens[kindIndex + 3])
        }
        let folded = names.map { token in
            token.kind == .quotedIdentifier
                ? String(text(token).dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
                : text(token).lowercased()
        }
        // The body: the first string after AS, when there is an AS (a BEGIN ATOMIC body is SQL, not PL/pgSQL).
        guard let asIndex = tokens[kindIndex...].firstIndex(where: { $0.kind == .word && text($0).uppercased() == "AS" }),
            asIndex + 1 < tokens.count
        else { return nil }
        let bodyToken = tokens[asIndex + 1]
        let body: String
        let opening: Int
        switch bodyToken.kind {
        case .dollarQuoted(let delimiterLength):
            opening = delimiterLength
            body = String(decoding: bytes[(bodyToken.range.lowerBound + delimiterLength)..<(bodyToken.range.upperBound - delimiterLength)], as: UTF8.self)
        case .string where bytes[bodyToken.range.lowerBound] == UInt8(ascii: "'"):
            opening = 1
            body = String(text(bodyToken).dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        default:
            return nil
        }
        let before = String(decoding: bytes[..<(bodyToken.range.lowerBound + opening)], as: UTF8.self)
        let breaks = before.unicodeScalars.filter { $0 == "\n" }.count
        let lastLine = before.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).last ?? []
        let column = (breaks == 0 ? statement.column - 1 : 0) + lastLine.count + 1
        return RoutineSource(
            file: file, schema: folded.count == 2 ? folded[0] : nil, name: folded.last ?? "",
            bodyLine: statement.line + breaks, bodyColumn: column, body: body)
    }
}

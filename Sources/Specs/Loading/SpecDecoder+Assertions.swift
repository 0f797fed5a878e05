import Diagnostics
import MessagePattern
import Foundation
import Yams

/// The assertions of a test's `then:` list.
extension SpecDecoder {
    static let assertionKeys = ["description", "query", "sql", "params"] + AssertionCheck.allCases.map(\.rawValue)
    static let failsKeys = ["sqlstate", "message"]

    /// A list of assertions; a single assertion mapping is a list of one. Each is decoded on its own.
    mutating func assertions(_ node: Node) throws(Reported) -> [Assertion] {
        guard case .sequence(let items) = node else {
            return [try assertion(node)]
        }
        let assertions = items.map { item in attempt { decoder throws(Reported) in try decoder.assertion(item) } }
        guard assertions.allSatisfy({ $0 != nil }) else { throw Reported() }
        return assertions.compactMap { $0 }
    }

    /// One assertion: exactly one check key, with the `query:` or `sql:` that check needs.
    mutating func assertion(_ node: Node) throws(Reported) -> Assertion {
        let fields = try fields(of: node, context: "assertion", validKeys: SpecDecoder.assertionKeys)
        let checks = fields.entries.compactMap { entry in AssertionCheck(rawValue: entry.key).map { (check: $0, entry: entry) } }
        guard let (check, entry) = checks.first else {
            // A misspelt check key was already reported as unknown, with a suggestion.
            if fields.hasUnknownKeys { throw Reported() }
            throw report(node, code: "missing-key", "the assertion has no check",
                         notes: ["expected one of: \(AssertionCheck.allCases.map(\.rawValue).joined(separator: ", "))"])
        }
        if checks.count > 1 {
            throw report(checks[1].entry.keyNode, code: "conflicting-keys",
                         "an assertion checks one thing, but this one has both '\(check.rawValue)' and '\(checks[1].check.rawValue)'",
                         hint: "write each check as its own assertion")
        }
        let description = try fields["description"].map { node throws(Reported) in try text(node, for: "description") }
        let kind = try kind(check, entry.value, fields)
        return Assertion(description: description, kind: kind, location: location(of: node))
    }

    private mutating func kind(_ check: AssertionCheck, _ value: Node, _ fields: MappingFields) throws(Reported) -> AssertionKind {
        let key = check.rawValue
        switch check {
        case .equals:
            return .equals(query: try subject(of: check, in: fields), expected: try self.value(value, for: key))
        case .rows:
            return .rows(query: try subject(of: check, in: fields), expected: try rows(value, for: key))
        case .rowsAnyOrder:
            return .rowsAnyOrder(query: try subject(of: check, in: fields), expected: try rows(value, for: key))
        case .rowsAsSet:
            return .rowsAsSet(query: try subject(of: check, in: fields), expected: try rows(value, for: key))
        case .count:
            return .count(query: try subject(of: check, in: fields), expected: try count(value, for: key))
        case .empty, .notEmpty, .isNull, .notNull, .succeeds:
            return try flagKind(check, value, fields)
        case .sameRowsAs:
            return .sameRowsAs(query: try subject(of: check, in: fields), expected: try sqlText(value, params: nil, for: key))
        case .sameRowsAnyOrderAs:
            return .sameRowsAnyOrderAs(query: try subject(of: check, in: fields),
                                       expected: try sqlText(value, params: nil, for: key))
        case .fails:
            let statement = try subject(of: check, in: fields)
            let expected = try failure(value)
            return .fails(statement: statement, sqlstate: expected.sqlstate, message: expected.message)
        case .tableExists, .columnExists, .procedureExists, .functionExists:
            return try catalogKind(check, value, fields)
        }
    }

    /// The checks whose value is only the switch `true`.
    private mutating func flagKind(_ check: AssertionCheck, _ value: Node, _ fields: MappingFields) throws(Reported) -> AssertionKind {
        let sql = try subject(of: check, in: fields)
        try flag(value, for: check.rawValue)
        switch check {
        case .empty: return .empty(query: sql)
        case .notEmpty: return .notEmpty(query: sql)
        case .isNull: return .isNull(query: sql)
        case .notNull: return .notNull(query: sql)
        default: return .succeeds(statement: sql)
        }
    }

    /// The checks that look at the catalog and run no SQL of the author's.
    private mutating func catalogKind(_ check: AssertionCheck, _ value: Node, _ fields: MappingFields) throws(Reported) -> AssertionKind {
        for key in ["query", "sql", "params"] {
            if let entry = fields.entry(key) {
                throw report(entry.keyNode, code: "conflicting-keys",
                             "'\(check.rawValue)' looks the name up in the catalog and takes no '\(key)'")
            }
        }
        let name = try text(value, for: check.rawValue)
        switch check {
        case .tableExists: return .tableExists(name: name)
        case .procedureExists: return .procedureExists(name: name)
        case .functionExists: return .functionExists(name: name)
        default:
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else {
                throw report(value, code: "bad-value",
                             "expected 'table.column' (the table may be schema-qualified) for 'column_exists', found '\(name)'")
            }
            return .columnExists(table: String(name[..<dot]), column: String(name[name.index(after: dot)...]))
        }
    }

    /// The `query:` (or for `fails`/`succeeds` the `sql:`) that a check runs, with its `params:`.
    private mutating func subject(of check: AssertionCheck, in fields: MappingFields) throws(Reported) -> SQLText {
        let (wanted, other) = check.subject == .statement ? ("sql", "query") : ("query", "sql")
        let purpose = check.subject == .statement ? "runs the statement in 'sql'" : "checks the result of 'query'"
        if let wrong = fields.entry(other) {
            let message = fields.entry(wanted) == nil
                ? "'\(check.rawValue)' \(purpose), but this assertion has '\(other)'"
                : "an assertion has either 'query' or 'sql', not both"
            throw report(wrong.keyNode, code: "wrong-key", message,
                         hint: fields.entry(wanted) == nil ? "rename '\(other)' to '\(wanted)'" : nil)
        }
        guard let sql = fields[wanted] else {
            throw report(fields.node, code: "missing-key", "'\(check.rawValue)' \(purpose), but the assertion has no '\(wanted)'")
        }
        return try sqlText(sql, params: fields["params"], for: wanted)
    }

    /// What `fails:` expects: `true` for any error, or `{sqlstate: "23502", message: "regex"}` (either or both).
    private mutating func failure(_ node: Node) throws(Reported) -> (sqlstate: String?, message: String?) {
        if case .scalar = node {
            try flag(node, for: "fails")
            return (nil, nil)
        }
        let fields = try fields(of: node, context: "'fails' check", validKeys: SpecDecoder.failsKeys)
        if fields.hasUnknownKeys { throw Reported() }
        let sqlstate = try fields["sqlstate"].map { node throws(Reported) in try self.sqlstate(node) }
        let message = try fields["message"].map { node throws(Reported) in try pattern(node) }
        return (sqlstate, message)
    }

    /// A five-character SQLSTATE code such as `23502`.
    private mutating func sqlstate(_ node: Node) throws(Reported) -> String {
        let code = try text(node, for: "sqlstate")
        guard code.count == 5, code.allSatisfy({ ($0.isASCII && $0.isNumber) || ("A"..."Z").contains($0) }) else {
            throw report(node, code: "bad-value",
                         "expected a five-character SQLSTATE such as \"23502\" for 'sqlstate', found '\(code)'")
        }
        return code
    }

    /// A regular expression (``MessagePattern``'s syntax, matched without backtracking) that the error message
    /// must contain a match of.
    private mutating func pattern(_ node: Node) throws(Reported) -> String {
        let pattern = try text(node, for: "message")
        do {
            _ = try MessagePattern(pattern)
        } catch {
            throw report(node, code: "bad-value", "'message' is not a supported regular expression: \(error)",
                         notes: ["pattern: \(pattern)"],
                         hint: "escape characters such as ( ) [ ] . * with a backslash to match them literally; "
                            + "back-references and look-around are not supported")
        }
        return pattern
    }
}

import Diagnostics
import Yams

/// Scalars, lists and expected rows.
///
/// Values keep the text written in the file, because the runner compares them with the text the server returns:
/// `10.50` stays "10.50" and `007` stays "007". Only unquoted scalars get a meaning: `null`, `Null`, `NULL`, `~`
/// and nothing at all are SQL NULL (nil); `true`/`True`/`TRUE` and `false`/`False`/`FALSE` become "t" and "f",
/// PostgreSQL's text for booleans. YAML 1.1's `yes`/`no`/`on`/`off` stay text. Quote a value to keep it as
/// written: `"null"`, `"true"`, `""` (the empty string).
extension SpecDecoder {
    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let trueWords: Set<String> = ["true", "True", "TRUE"]
    private static let falseWords: Set<String> = ["false", "False", "FALSE"]

    /// Whether the scalar is an unquoted, untagged YAML null.
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        isPlain(scalar) && nullWords.contains(scalar.string)
    }

    /// Whether the scalar is written without quotes and without an explicit tag such as `!!str`.
    static func isPlain(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && scalar.tag.rawValue == Tag.Name.implicit.rawValue
    }

    /// An expected value or parameter: the scalar's text, nil for NULL, "t"/"f" for booleans.
    mutating func value(_ node: Node, for key: String) throws(Reported) -> String? {
        guard case .scalar(let scalar) = node else {
            throw report(node, code: "wrong-type",
                         "expected a value (text, number, true/false or null) in '\(key)', found \(describe(node))")
        }
        if SpecDecoder.isNull(scalar) { return nil }
        if let boolean = SpecDecoder.boolean(scalar) { return boolean ? "t" : "f" }
        return try string(scalar, at: node)
    }

    /// The scalar's text; a NUL (`"\0"`, `"\x00"`) is refused, because libpq sends text as C strings and would cut
    /// a value or SQL short there.
    mutating func string(_ scalar: Node.Scalar, at node: Node) throws(Reported) -> String {
        guard !scalar.string.unicodeScalars.contains("\0") else {
            throw report(node, code: "nul-character", "this text holds a NUL character (\\0)",
                         hint: "remove it: the server cannot receive a NUL, and it would end the text there")
        }
        return scalar.string
    }

    /// The scalar's meaning when it is an unquoted, untagged YAML boolean.
    static func boolean(_ scalar: Node.Scalar) -> Bool? {
        guard isPlain(scalar) else { return nil }
        if trueWords.contains(scalar.string) { return true }
        if falseWords.contains(scalar.string) { return false }
        return nil
    }

    /// Non-empty text exactly as written, e.g. a name or SQL.
    mutating func text(_ node: Node, for key: String) throws(Reported) -> String {
        guard case .scalar(let scalar) = node, !SpecDecoder.isNull(scalar) else {
            throw report(node, code: "wrong-type", "expected text for '\(key)', found \(describe(node))")
        }
        guard scalar.string.contains(where: { !$0.isWhitespace }) else {
            throw report(node, code: "wrong-type", "expected text for '\(key)', found only blanks")
        }
        return try string(scalar, at: node)
    }

    /// A list of texts; a single text is a list of one.
    mutating func textList(_ node: Node, for key: String) throws(Reported) -> [String] {
        guard case .sequence(let items) = node else {
            return [try text(node, for: key)]
        }
        var texts: [String] = []
        for item in items {
            texts.append(try text(item, for: key))
        }
        return texts
    }

    /// A switch that may only be turned on: the unquoted scalar `true`.
    mutating func flag(_ node: Node, for key: String) throws(Reported) {
        guard case .scalar(let scalar) = node, SpecDecoder.boolean(scalar) == true else {
            throw report(node, code: "wrong-type", "expected 'true' for '\(key)', found \(describe(node))",
                         hint: "remove '\(key)' to turn the check off")
        }
    }

    /// A whole number, zero or more.
    mutating func count(_ node: Node, for key: String) throws(Reported) -> Int {
        guard case .scalar(let scalar) = node, let number = Int(scalar.string), number >= 0 else {
            throw report(node, code: "wrong-type", "expected a whole number (0 or more) for '\(key)', found \(describe(node))")
        }
        return number
    }

    /// Expected rows: a list of rows, each a list of values; a single value stands for a one-column row.
    ///
    /// Every row must have as many values as the first.
    mutating func rows(_ node: Node, for key: String) throws(Reported) -> [[String?]] {
        guard case .sequence(let items) = node else {
            throw report(node, code: "wrong-type",
                         "expected a list of rows for '\(key)', e.g. [[Widget, 10.50], [Gadget, null]], found \(describe(node))")
        }
        var rows: [[String?]] = []
        var failed = false
        for item in items {
            guard let row = attempt({ decoder throws(Reported) in try decoder.row(item, for: key) }) else {
                failed = true
                continue
            }
            if let width = rows.first?.count, row.count != width {
                report(item, code: "row-width", "this row has \(row.count) values, but the first row has \(width)")
                failed = true
                continue
            }
            rows.append(row)
        }
        if failed { throw Reported() }
        return rows
    }

    /// One row of values: a list, or a single value for a one-column row.
    mutating func row(_ node: Node, for key: String) throws(Reported) -> [String?] {
        guard case .sequence(let cells) = node else {
            return [try value(node, for: key)]
        }
        var row: [String?] = []
        for cell in cells {
            row.append(try value(cell, for: key))
        }
        return row
    }
}

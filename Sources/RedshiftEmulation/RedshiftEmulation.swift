import Diagnostics
import Foundation
import SQLScanner

/// Redshift SQL on a PostgreSQL server: each statement as written is turned into the statement to send, with a
/// note per rewrite and the way back to the user's line and column, or refused as Redshift refuses it.
///
/// The rewrite works on the scanner's tokens (also inside routine bodies), never on a parse tree: what it does not
/// recognise goes through unchanged, and strings, comments and quoted names are never touched.
public enum RedshiftEmulation {
    /// The statement (or statements) `sql` as it goes to an emulating PostgreSQL server.
    public static func rewrite(_ sql: String) -> EmulatedSQL {
        let unchanged = EmulatedSQL(text: sql, notes: [], refusal: nil, map: SentTextMap(anchors: []))
        // Text the scanner cannot read goes as it is: the server reports the problem at its place.
        guard let source = TokenText(sql) else { return unchanged }
        let rewriter = Rewriter(source, inBody: false)
        rewriter.run()
        var offsets = ScalarOffsets(source.bytes)
        let notes = rewriter.notes.sorted { $0.byte < $1.byte }.map {
            RewriteNote(rule: $0.rule, offset: offsets.scalar(ofByte: $0.byte), page: $0.page)
        }
        if let refused = rewriter.refusal {
            var refusalOffsets = ScalarOffsets(source.bytes)
            let refusal = Refusal(
                rule: refused.rule, offset: refusalOffsets.scalar(ofByte: refused.byte),
                message: refused.message, page: refused.page)
            return EmulatedSQL(
                text: raising(refusal), notes: notes, refusal: refusal,
                map: SentTextMap(anchors: [.init(sent: 0, original: refusal.offset, replaced: true)]))
        }
        guard !rewriter.edits.isEmpty else { return unchanged }
        let (text, map) = rewriter.edits.apply(to: source.bytes)
        return EmulatedSQL(text: text, notes: notes, refusal: nil, map: map)
    }

    /// The statements of a script, each rewritten, keeping their place in the script; a COPY from S3 reads its
    /// objects from `objects` and becomes the statement that loads their rows.
    ///
    /// - Throws: a `Diagnostic` at a COPY from S3 that cannot be emulated (an option not emulated, no object).
    public static func rewrite(_ statements: [SQLStatement], file: String, objects: (any S3ObjectSource)?) throws(Diagnostic)
        -> (statements: [SQLStatement], changed: [(SQLStatement, EmulatedSQL)])
    {
        var rewritten: [SQLStatement] = []
        var changed: [(SQLStatement, EmulatedSQL)] = []
        for statement in statements {
            if let copy = try s3Copy(statement, file: file, objects: objects) {
                rewritten.append(copy)
                continue
            }
            let emulated = rewrite(statement.text)
            guard emulated.changed else {
                rewritten.append(statement)
                continue
            }
            var sent = statement
            sent.text = emulated.text
            sent.sentTextMap = emulated.map
            rewritten.append(sent)
            changed.append((statement, emulated))
        }
        return (rewritten, changed)
    }

    private static func s3Copy(_ statement: SQLStatement, file: String, objects: (any S3ObjectSource)?) throws(Diagnostic)
        -> SQLStatement?
    {
        do throws(S3Copy.Unsupported) {
            // A migration's statements are prepared before any runs, so an UNLOAD's rows are not there yet.
            if try s3Unload(statement.text) != nil {
                throw S3Copy.Unsupported(
                    message: "UNLOAD in a migration is not emulated on PostgreSQL",
                    hint: "emulated Redshift runs UNLOAD in a spec's step; test this migration's UNLOAD on a cluster")
            }
            guard let copy = try s3Copy(statement.text, objects: objects) else { return nil }
            var sent = statement
            sent.text = copy.statement
            sent.copyData = copy.data
            sent.sentTextMap = SentTextMap(anchors: [.init(sent: 0, original: 0, replaced: true)])
            return sent
        } catch {
            throw Diagnostic(
                category: .input, location: SourceLocation(file: file, line: statement.line, column: statement.column),
                code: "s3-copy", message: error.message, hint: error.hint)
        }
    }

    /// One note per rewrite and refusal, located in the file as written, for `--verbose`.
    public static func notes(_ changed: [(SQLStatement, EmulatedSQL)], file: String, lines: LineIndex) -> [Diagnostic] {
        changed.flatMap { statement, emulated in
            func located(_ offset: Int, _ message: String, code: String) -> Diagnostic {
                let place = lines.position(ofOffset: statement.offset + offset)
                return Diagnostic(
                    .note, category: .input, location: SourceLocation(file: file, line: place.line, column: place.column),
                    code: code, message: message)
            }
            return emulated.notes.map { located($0.offset, "emulated Redshift rewrote this: \($0.description)", code: "redshift-rewrite") }
                + (emulated.refusal.map {
                    [located($0.offset, "emulated Redshift refuses this: \($0.message) (\(RedshiftPages.url($0.page)))", code: "redshift-refusal")]
                } ?? [])
        }
    }

    /// A statement that fails as Redshift would: feature not supported (0A000), the rule and its page as hint.
    static func raising(_ refusal: Refusal) -> String {
        let hint = "Redshift refuses this (\(RedshiftPages.url(refusal.page))); emulated Redshift refuses it too, "
            + "so that a local run does not pass what the cluster fails"
        return "DO $slipway_refusal$BEGIN RAISE EXCEPTION USING ERRCODE = '0A000', MESSAGE = "
            + literal(refusal.message) + ", HINT = " + literal(hint) + "; END$slipway_refusal$"
    }
}

extension RedshiftEmulation {
    /// `text` as a SQL string literal.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

/// Byte offsets of a UTF-8 text turned into scalar offsets, for increasing offsets in one pass.
struct ScalarOffsets {
    private let bytes: [UInt8]
    private var byte = 0
    private var scalar = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func scalar(ofByte target: Int) -> Int {
        while byte < target {
            if bytes[byte] & 0xC0 != 0x80 { scalar += 1 }
            byte += 1
        }
        return scalar
    }
}

import Diagnostics
import MigrationResults
import Migrations

/// The lines a person reads while migrate, baseline and repair run, and their closing summaries.
public enum MigrationText {
    /// How an event should be shown.
    public enum Line: Equatable, Sendable {
        case progress(String)
        case problem(Diagnostic)
        /// Shown only with `--verbose`.
        case detail(String)
    }

    public static func line(for event: MigrationEvent) -> Line {
        switch event {
        case .createdSchemas(let schemas):
            return .progress("Created schema\(schemas.count == 1 ? "" : "s") \(schemas.map { "\"\($0)\"" }.joined(separator: ", "))")
        case .createdHistoryTable(let table):
            return .progress("Created schema history table \(table)")
        case .waitingForLock(let holder):
            return .progress("Waiting for the migration lock, held by \(holder)")
        case .baselined(let version):
            return .progress("Baselined at version \(version)")
        case .applying(let script):
            return .detail("Applying \(script)")
        case .applied(let step):
            return .progress(appliedLine(step))
        case .appliedElsewhere(let script):
            return .detail("Skipped \(script): another run applied it meanwhile")
        case .callback(let event, let script):
            return .detail("Running \(event) callback \(script)")
        case .warning(let diagnostic):
            // Notes (such as emulated Redshift's rewrites) are for `--verbose`.
            return diagnostic.severity == .note ? .detail(diagnostic.description) : .problem(diagnostic)
        case .serverNotice(let script, let message):
            return .progress("  \(script): \(message)")
        }
    }

    /// `  V 1.0.1   Products                 12 ms`, aligned for a run's column of lines.
    static func appliedLine(_ step: AppliedStep) -> String {
        let kind = step.version == nil ? "R" : step.type == HistoryType.undoSQL ? "U" : "V"
        let version = pad(step.version ?? "", to: 10)
        let note = step.transactional ? "" : "  (no transaction)"
        return "  \(kind) \(version) \(pad(step.description, to: 32)) \(String(step.executionTime).leftPadded(to: 6)) ms\(note)"
    }

    /// What was applied; on a no-op run Flyway's line, with the version: `Schema "public" is up to date at
    /// version 1.0.2. No migration necessary.`
    public static func summary(_ result: MigrateResult) -> String {
        guard result.applied.isEmpty else { return runSummary(result, verb: "Applied") }
        let version = result.finalVersion.map { " at version \($0)" } ?? ""
        return "Schema \"\(result.schema)\" is up to date\(version). No migration necessary."
    }

    /// After an undo, the one line a Flyway Community user needs: Flyway Teams writes UNDO_SQL rows too, but
    /// Community refuses a history that holds them.
    public static func undoSummary(_ result: MigrateResult) -> String {
        result.applied.isEmpty ? "Nothing to undo." : runSummary(result, verb: "Undid") + "\n" + communityNote
    }

    public static let communityNote = "note: Flyway Community cannot read a history with UNDO_SQL rows (Flyway "
        + "Teams can); run slipway repair --flyway-community before handing this database to Flyway Community"

    private static func runSummary(_ result: MigrateResult, verb: String) -> String {
        let count = result.applied.count
        let version = result.finalVersion.map { "now at version \($0)" } ?? "has no versioned migration applied"
        return "\(verb) \(count) migration\(count == 1 ? "" : "s") in \(result.totalTime) ms; "
            + "schema \"\(result.schema)\" \(version)"
    }

    public static func summary(_ result: RepairResult) -> String {
        var parts: [String] = []
        if !result.removedFailed.isEmpty { parts.append("removed failed rows of \(result.removedFailed.joined(separator: ", "))") }
        if !result.realigned.isEmpty { parts.append("realigned \(result.realigned.joined(separator: ", "))") }
        if !result.markedDeleted.isEmpty { parts.append("marked missing \(result.markedDeleted.joined(separator: ", ")) as deleted") }
        if !result.removedForCommunity.isEmpty {
            parts.append("removed \(result.removedForCommunity.count) undo and undone row(s) for Flyway Community")
        }
        return parts.isEmpty ? "Repair: nothing to repair." : "Repair: " + parts.joined(separator: "; ") + "."
    }

    static func pad(_ text: String, to width: Int) -> String {
        let length = characterCount(text)
        return length >= width ? text : text + String(repeating: " ", count: width - length)
    }

    /// The number of characters: the byte count for ASCII text, which needs no grapheme breaking (counting
    /// characters was a sixth of `info` with 1000 migrations).
    static func characterCount(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

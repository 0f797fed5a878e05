import Migrations
import MigrationResults

/// `info` as Flyway prints it: a boxed table with Category, Version, Description, Type, Installed On, State
/// and Undoable.
public enum InfoTable {
    static let headers = ["Category", "Version", "Description", "Type", "Installed On", "State", "Undoable"]

    public static func render(_ info: InfoResult) -> String {
        let rows = info.entries.map { entry in
            [
                entry.category.rawValue, entry.versionText, entry.description, entry.type,
                shortTimestamp(entry.installedOn), entry.state.displayName, entry.undoable,
            ]
        }
        var widths = headers.map(MigrationText.characterCount)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], MigrationText.characterCount(cell)) }
        }
        let border = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        func line(_ cells: [String]) -> String {
            var text = "|"
            text.reserveCapacity(border.utf8.count)
            for (cell, width) in zip(cells, widths) {
                text += " "
                text += MigrationText.pad(cell, to: width)
                text += " |"
            }
            return text
        }
        var lines = [
            "Schema version: \(info.currentVersion ?? "<< Empty Schema >>")",
            "Schema history: \(info.schema).\(info.table) on \(info.dialect.displayName(serverVersion: info.serverVersion))",
            "Server: \(info.serverVersion)",
            "",
            border, line(headers), border,
        ]
        lines += rows.isEmpty ? ["| No migrations found".padding(toLength: border.count - 1, withPad: " ", startingAt: 0) + "|"]
            : rows.map(line)
        lines.append(border)
        return lines.joined(separator: "\n")
    }

    /// `2026-11-24 17:38:23`: the server's timestamp without fractions of a second, as Flyway shows it.
    static func shortTimestamp(_ text: String?) -> String {
        guard let text else { return "" }
        return String(text[..<(text.utf8.firstIndex(of: UInt8(ascii: ".")) ?? text.endIndex)])
    }
}

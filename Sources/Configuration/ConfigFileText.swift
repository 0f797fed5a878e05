import Diagnostics
import Foundation

/// A config file's text, searched for where keys and `${env.…}` references stand, since TOMLKit keeps no
/// positions for values.
struct ConfigFileText: Sendable {
    /// The path used in diagnostics, as the user would write it.
    let file: String
    private let lines: [Substring]

    init(file: String, text: String) {
        self.file = file
        lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

    /// Where `key = …` is first written inside the table `section` (e.g. `["flyway"]`; empty for the top level).
    ///
    /// Searches from the table's header (`[flyway]`) when there is one, and also finds dotted keys written
    /// from an enclosing table (`flyway.locations = …`). Returns nil when the key cannot be found.
    func location(ofKey key: String, in section: [String]) -> SourceLocation? {
        let header = "[" + section.joined(separator: ".") + "]"
        let start = section.isEmpty ? 0 : (firstLine { $0.hasPrefix(header) } ?? 0)
        let candidates = (0..<section.count).reversed().map { section[$0...].joined(separator: ".") + "." + key } + [key]
        for candidate in candidates {
            let spellings = [candidate, "\"\(candidate)\""]
            if let index = firstLine(from: start, where: { line in
                spellings.contains { line.hasPrefix($0) && isAssignment(line.dropFirst($0.count)) }
            }) {
                return location(line: index, of: candidate)
            }
        }
        return nil
    }

    /// Where `needle` first appears anywhere in the text.
    func location(of needle: String) -> SourceLocation? {
        guard let index = firstLine(where: { $0.contains(needle) }) else { return nil }
        return location(line: index, of: needle)
    }

    private func isAssignment(_ rest: Substring) -> Bool {
        rest.drop { $0 == " " || $0 == "\t" }.first == "="
    }

    private func firstLine(from start: Int = 0, where matches: (Substring) -> Bool) -> Int? {
        guard start < lines.count else { return nil }
        return (start..<lines.count).first { matches(lines[$0].drop { $0 == " " || $0 == "\t" }) }
    }

    /// A 1-based location; the column counts characters up to `needle` on that line.
    private func location(line index: Int, of needle: String) -> SourceLocation {
        let line = lines[index]
        let column = line.range(of: needle).map { line.distance(from: line.startIndex, to: $0.lowerBound) + 1 } ?? 1
        return SourceLocation(file: file, line: index + 1, column: column)
    }
}

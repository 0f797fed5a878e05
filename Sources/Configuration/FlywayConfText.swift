/// The entries of a Flyway 8/9 `flyway.conf` file, read the way Flyway reads it (`ConfigUtils
/// .loadConfigurationFromString`, then `java.util.Properties.load`).
///
/// Flyway trims each line and doubles every backslash, so backslashes are literal, except that a line ending
/// in one continues on the next line when that line is neither blank nor another `flyway.` setting. Then
/// `${NAME}` is replaced by the environment variable (empty when unset), and the text is read as Java
/// properties: `#` and `!` start comment lines, and the key ends at the first `=`, `:` or blank.
struct FlywayConfText: Sendable {
    struct Entry: Sendable, Equatable {
        var key: String
        var value: String
        /// The 1-based line where the entry starts.
        var line: Int
        /// The 1-based column of the key on that line, counted in characters.
        var column: Int
    }

    /// The entries in file order; a key given twice appears twice (the later one wins when applied).
    let entries: [Entry]

    init(_ text: String, environment: [String: String]) {
        let lines = Self.flywayLines(text).map { Self.expandVariables($0, environment: environment) }
        entries = Self.properties(lines)
    }

    /// Flyway's preprocessing: trimmed lines, backslashes doubled, continuation backslashes restored.
    private static func flywayLines(_ text: String) -> [String] {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        // Java's split drops trailing empty strings.
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.indices.map { index in
            var line = trimmed(lines[index]).replacingOccurrences(of: "\\", with: "\\\\")
            if line.hasSuffix("\\\\"), index + 1 < lines.count, continues(onto: lines[index + 1]) {
                line.removeLast()
            }
            return line
        }
    }

    /// Whether a line ending in a backslash continues onto `next`, as Flyway decides it.
    private static func continues(onto next: String) -> Bool {
        if next.isEmpty { return false }
        if trimmed(next).hasPrefix("flyway."), next.contains("=") {
            // A line of a boolean expression (`shouldExecute` in a script's .conf) continues anyway.
            return !next.hasPrefix("shouldExecute") && (next.contains("==") || next.contains("!="))
        }
        return true
    }

    /// Java's `String.trim()`: drops characters up to U+0020 at both ends.
    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { $0.value > 0x20 }),
              let end = scalars.lastIndex(where: { $0.value > 0x20 }) else { return "" }
        return String(scalars[start...end])
    }

    /// `${NAME}` (letters, digits, `_`) replaced by the variable's value, or by nothing when it is unset.
    private static func expandVariables(_ line: String, environment: [String: String]) -> String {
        var result = ""
        var rest = Substring(line)
        while let open = rest.range(of: "${") {
            let afterOpen = rest[open.upperBound...]
            let name = afterOpen.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            guard !name.isEmpty, afterOpen.dropFirst(name.count).first == "}" else {
                result += rest[..<open.upperBound]
                rest = afterOpen
                continue
            }
            result += rest[..<open.lowerBound] + (environment[String(name)] ?? "")
            rest = afterOpen.dropFirst(name.count + 1)
        }
        return result + rest
    }

    /// Java's `Properties.load` over the preprocessed lines.
    private static func properties(_ lines: [String]) -> [Entry] {
        var entries: [Entry] = []
        var index = 0
        while index < lines.count {
            let start = index
            let natural = Substring(lines[index]).drop { isBlank($0) }
            index += 1
            guard let first = natural.first, first != "#", first != "!" else { continue }
            var logical = String(natural)
            while endsInContinuation(logical), index < lines.count {
                logical.removeLast()
                logical += lines[index].drop { isBlank($0) }
                index += 1
            }
            if endsInContinuation(logical) { logical.removeLast() }
            let column = lines[start].count - natural.count + 1
            let (key, value) = split(logical)
            entries.append(Entry(key: unescape(key), value: unescape(value), line: start + 1, column: column))
        }
        return entries
    }

    private static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\u{0C}"
    }

    /// True when the line ends in an odd number of backslashes.
    private static func endsInContinuation(_ line: String) -> Bool {
        line.reversed().prefix { $0 == "\\" }.count % 2 == 1
    }

    /// The raw key and value: the key ends at the first unescaped `=`, `:` or blank; one `=` or `:` after
    /// blanks belongs to the separator.
    private static func split(_ line: String) -> (Substring, Substring) {
        var escaped = false
        var keyEnd = line.endIndex
        for position in line.indices {
            let character = line[position]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "=" || character == ":" || isBlank(character) {
                keyEnd = position
                break
            }
        }
        var rest = line[keyEnd...].drop { isBlank($0) }
        if let separator = rest.first, separator == "=" || separator == ":" {
            rest = rest.dropFirst().drop { isBlank($0) }
        }
        return (line[..<keyEnd], rest)
    }

    /// Java's escapes: `\t`, `\n`, `\r`, `\f`, `\uXXXX`; any other escaped character stands for itself.
    private static func unescape(_ text: Substring) -> String {
        var result = ""
        var characters = text.makeIterator()
        while let character = characters.next() {
            guard character == "\\", let escaped = characters.next() else {
                if character != "\\" { result.append(character) }
                continue
            }
            switch escaped {
            case "t": result.append("\t")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "f": result.append("\u{0C}")
            case "u":
                let hex = String((0..<4).compactMap { _ in characters.next() })
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { result.unicodeScalars.append(scalar) }
            default: result.append(escaped)
            }
        }
        return result
    }
}

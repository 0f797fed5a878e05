import SQLScanner

/// Finds the captured names (`$email`) in a spec's SQL and turns them into positional parameters.
///
/// A reference is a `$` directly followed by a name, outside strings, comments, quoted names and dollar-quoted
/// bodies (the SQL scanner's tokens say where those are). PostgreSQL has no `$name` syntax of its own, so no valid
/// statement changes meaning.
enum CaptureReferences {
    /// The distinct names in order of first use, and the SQL with each one replaced by `$k`, where the first name
    /// is `$(parameterCount + 1)`; nil when the SQL names none (or cannot be scanned: the server will say why).
    static func bind(_ sql: String, parameterCount: Int) -> (names: [String], sql: String)? {
        // Most SQL has no `$name` at all; scanning is only needed when it might.
        let bytes = Array(sql.utf8)
        guard bytes.indices.dropLast().contains(where: { bytes[$0] == UInt8(ascii: "$") && isNameStart(bytes[$0 + 1]) }),
              let tokens = try? SQLScanner.tokens(in: sql, file: "")
        else { return nil }
        var names: [String] = []
        var bound: [UInt8] = []
        var copied = 0
        for (dollar, name) in zip(tokens, tokens.dropFirst())
        where dollar.kind == .parameter && dollar.range.count == 1 && name.kind == .word
            && name.range.lowerBound == dollar.range.upperBound
        {
            let word = String(decoding: bytes[name.range], as: UTF8.self)
            let index = names.firstIndex(of: word) ?? { names.append(word); return names.count - 1 }()
            bound += bytes[copied..<dollar.range.lowerBound]
            bound += Array("$\(parameterCount + index + 1)".utf8)
            copied = name.range.upperBound
        }
        guard !names.isEmpty else { return nil }
        bound += bytes[copied...]
        return (names, String(decoding: bound, as: UTF8.self))
    }

    /// Whether `name` can follow a `$`: a letter or `_`, then letters, digits and `_` (ASCII).
    static func isName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isNameStart(first) else { return false }
        return name.utf8.allSatisfy { isNameStart($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "_")
    }
}

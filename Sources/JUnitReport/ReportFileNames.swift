/// Surefire-style report file names, `TEST-<suite>.xml`, safe on every file system and never shared.
public enum ReportFileNames {
    /// The longest sanitised suite part of a name, in characters; keeps names under common 255-byte limits.
    static let maximumStemLength = 200

    /// One file name per suite name, in order: characters other than `A-Z a-z 0-9 . _ -` become `_`, and a
    /// name already taken (ignoring case, for case-insensitive file systems) gets `-2`, `-3`, ... appended.
    public static func assign(_ suiteNames: [String]) -> [String] {
        var taken = Set<String>()
        return suiteNames.map { suiteName in
            let stem = sanitised(suiteName)
            var candidate = "TEST-\(stem).xml"
            var attempt = 1
            while !taken.insert(candidate.lowercased()).inserted {
                attempt += 1
                candidate = "TEST-\(stem)-\(attempt).xml"
            }
            return candidate
        }
    }

    /// The suite name with every character outside `A-Z a-z 0-9 . _ -` replaced by `_`; `suite` if empty.
    static func sanitised(_ name: String) -> String {
        let safe = name.prefix(maximumStemLength).map { character -> Character in
            guard character.isASCII, let ascii = character.asciiValue else { return "_" }
            let isSafe = character.isLetter || character.isNumber || ascii == UInt8(ascii: ".")
                || ascii == UInt8(ascii: "_") || ascii == UInt8(ascii: "-")
            return isSafe ? character : "_"
        }
        return safe.isEmpty ? "suite" : String(safe)
    }
}

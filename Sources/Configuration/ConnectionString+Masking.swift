import Foundation

extension ConnectionString {
    /// Parameter names whose values are passwords in URIs, JDBC URLs and keyword strings (lower-case).
    private static let passwordKeys = ["password", "pwd"]

    /// `url` with every password replaced by `***`: in `scheme://user:password@…`, and in `password=…` or
    /// `pwd=…` parameters and keywords (quoted or not). Works on junk too, so errors can show what was given.
    public static func mask(_ url: String) -> String {
        maskParameters(maskUserInfo(url))
    }

    private static func maskUserInfo(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let afterScheme = url[scheme.upperBound...]
        let beforeQuery = afterScheme[..<(afterScheme.firstIndex(of: "?") ?? afterScheme.endIndex)]
        guard let at = beforeQuery.lastIndex(of: "@"),
              let colon = beforeQuery[..<at].firstIndex(of: ":")
        else { return url }
        return String(url[...colon]) + "***" + url[at...]
    }

    private static func maskParameters(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let match = nextPasswordKey(in: rest) {
            result += rest[..<match.upperBound] + "***"
            rest = rest[match.upperBound...]
            if rest.first == "'" {
                rest = rest.dropFirst()
                while let character = rest.first, character != "'" {
                    rest = rest.dropFirst(character == "\\" ? 2 : 1)
                }
                rest = rest.dropFirst()
            } else {
                rest = rest.drop { !($0 == "&" || $0 == ";" || $0.isWhitespace) }
            }
        }
        return result + rest
    }

    /// The range of the first `password=` / `pwd=` (any case, blanks allowed around `=`) that starts a
    /// parameter, from the key up to where its value begins.
    private static func nextPasswordKey(in text: Substring) -> Range<Substring.Index>? {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        var previous: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let atBoundary = previous.map { "?&;".contains($0) || $0.isWhitespace } ?? true
            if atBoundary, let key = passwordKeys.first(where: { startsWithIgnoringCase(text[index...], $0) }) {
                let afterKey = text[text.index(index, offsetBy: key.count)...].drop(while: isBlank)
                if afterKey.first == "=" { return index..<afterKey.dropFirst().drop(while: isBlank).startIndex }
            }
            previous = text[index]
            index = text.index(after: index)
        }
        return nil
    }

    private static func startsWithIgnoringCase(_ text: Substring, _ key: String) -> Bool {
        let head = text.prefix(key.count)
        return head.count == key.count && head.lowercased() == key
    }
}

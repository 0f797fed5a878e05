/// The few keywords that change how a script splits: psql's function-body heuristic and `COPY ... FROM STDIN`.
enum Keyword: CaseIterable {
    case create, or, replace, function, procedure, begin, `case`, end, copy, from, stdin

    private var spelling: String {
        switch self {
        case .create: "CREATE"
        case .or: "OR"
        case .replace: "REPLACE"
        case .function: "FUNCTION"
        case .procedure: "PROCEDURE"
        case .begin: "BEGIN"
        case .case: "CASE"
        case .end: "END"
        case .copy: "COPY"
        case .from: "FROM"
        case .stdin: "STDIN"
        }
    }

    private static let spellings: [(keyword: Keyword, bytes: [UInt8])] = allCases.map { ($0, Array($0.spelling.utf8)) }

    /// The keyword an unquoted identifier's UTF-8 bytes spell, ignoring ASCII case; nil for any other identifier.
    init?(_ identifier: ArraySlice<UInt8>) {
        guard identifier.count >= 2 && identifier.count <= 9 else { return nil }
        for candidate in Self.spellings where candidate.bytes.count == identifier.count {
            var index = identifier.startIndex
            var matches = true
            for byte in candidate.bytes where matches {
                matches = identifier[index].asciiUppercased == byte
                index += 1
            }
            if matches {
                self = candidate.keyword
                return
            }
        }
        return nil
    }
}

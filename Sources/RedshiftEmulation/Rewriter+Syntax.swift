/// Redshift's own syntax in queries and procedure definitions.
extension Rewriter {
    func syntaxRule(at index: Int) -> Int? {
        let source = source
        guard let word = source.word(index) else { return nil }
        switch word {
        case "MINUS" where !source.isOpen(index + 1) && !source.isQualified(index):
            replace(index, through: index, with: "EXCEPT", rule: "minus", page: "r_UNION.html")
        case "TOP" where source.kind(index + 1) == .number
            && (source.isWord(index - 1, "SELECT") || source.isWord(index - 1, "DISTINCT", "ALL") && source.isWord(index - 2, "SELECT")):
            return top(at: index)
        case "NONATOMIC" where statementWords.contains("PROCEDURE"):
            // Each statement commits as it runs; a PostgreSQL procedure called outside a transaction may commit too.
            remove(index, through: index, rule: "nonatomic", page: "r_CREATE_PROCEDURE.html")
        case "STRING_AGG" where source.isOpen(index + 1), "ARRAY_AGG" where source.isOpen(index + 1):
            refuse(word.lowercased(), at: index, message: "\(word) is a PostgreSQL function that Redshift does not support",
                   page: "c_unsupported-postgresql-functions.html")
        case "IS" where source.isWord(index + 1, "DISTINCT") || source.isWord(index + 1, "NOT") && source.isWord(index + 2, "DISTINCT"):
            refuse("is-distinct-from", at: index, message: "Redshift does not support IS DISTINCT FROM",
                   page: "c_unsupported-postgresql-functions.html")
        case "ARRAY" where source.isSymbol(index + 1, "[") || source.isOpen(index + 1):
            refuse("array", at: index, message: "Redshift does not support arrays or array constructors",
                   page: "c_unsupported-postgresql-features.html")
        default:
            if word.hasPrefix("PG_ADVISORY_") || word.hasPrefix("PG_TRY_ADVISORY_"), source.isOpen(index + 1) {
                refuse("advisory-lock", at: index, message: "Redshift has no advisory locks (\(word.lowercased()))",
                       page: "c_unsupported-postgresql-functions.html")
            }
            return nil
        }
        return index + 1
    }

    /// `SELECT TOP n ...` is `SELECT ... LIMIT n`, the limit placed where the query ends (r_SELECT_list.html).
    private func top(at index: Int) -> Int {
        let source = source
        let depth = source.depths[index]
        var end = index + 2
        while end < source.count, source.depths[end] >= depth, !(source.depths[end] == depth && source.isSymbol(end, ";")) {
            if source.depths[end] == depth && source.kind(end) == .closeParenthesis { break }
            end += 1
        }
        let limit = source.text(index + 1)
        remove(index, through: index + 1, rule: "top", page: "r_SELECT_list.html")
        let at = source.tokens[end - 1].range.upperBound
        edits.replace(at..<at, with: " LIMIT \(limit)")
        return index + 2
    }
}

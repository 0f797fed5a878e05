/// Redshift's character types (r_Character_types.html): `VARCHAR(MAX)` is 65535 bytes and `CHAR(MAX)` 4096, an
/// unsized `VARCHAR` or `BPCHAR` in a column list is 256, and the `N` types are aliases. A table's VARCHAR(n)
/// column holds n bytes.
extension Rewriter {
    static let characterTypes = "r_Character_types.html"

    func typeRule(at index: Int) -> Int? {
        let source = source
        guard let word = source.word(index) else { return nil }
        var last = index
        var name: String
        switch word {
        case "VARCHAR", "NVARCHAR": name = "VARCHAR"
        case "CHARACTER" where source.isWord(index + 1, "VARYING"): name = "VARCHAR"; last = index + 1
        case "NCHAR": name = "CHAR"
        case "BPCHAR" where source.isColumnType(index): name = "CHAR"
        case "CHAR" where source.isOpen(index + 1) && source.isWord(index + 2, "MAX"),
            "CHARACTER" where source.isOpen(index + 1) && source.isWord(index + 2, "MAX"):
            name = "CHAR"
        default: return nil
        }
        var rule = "character-type"
        var length: String?
        if source.isOpen(last + 1), let close = source.closing[last + 1], close == last + 3 {
            if source.isWord(last + 2, "MAX") {
                rule = name == "CHAR" ? "char-max" : "varchar-max"
                length = name == "CHAR" ? "4096" : "65535"
            } else if source.kind(last + 2) == .number {
                length = source.text(last + 2)
            }
            if length != nil { last = close }
        } else if (name == "VARCHAR" && inTableDefinition || word == "BPCHAR") && !source.isOpen(last + 1)
            && source.isColumnType(index)
        {
            length = "256"
        }
        if let length { name += "(\(length))" }
        // A table's VARCHAR column counts bytes: a check of the installed function fails a longer value as
        // Redshift does, with its message.
        if name.hasPrefix("VARCHAR"), let length, source.isColumnType(index), inCreateTable {
            name += " CHECK (\(RedshiftFunctions.schema).fits_bytes(\(source.text(index - 1)), \(length)))"
            if rule == "character-type" { rule = "varchar-bytes" }
        }
        guard name.uppercased() != source.text(index, through: last).uppercased() else { return last + 1 }
        replace(index, through: last, with: name, rule: rule, page: Self.characterTypes)
        return last + 1
    }

    /// Whether the statement is `CREATE [LOCAL] [TEMP] TABLE`, not a routine that returns a table.
    private var inCreateTable: Bool {
        guard statementWords.first == "CREATE", let table = statementWords.firstIndex(of: "TABLE") else { return false }
        return statementWords[1..<table].allSatisfy { ["LOCAL", "TEMP", "TEMPORARY"].contains($0) }
    }
}

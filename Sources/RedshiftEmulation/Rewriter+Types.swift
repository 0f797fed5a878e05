/// Redshift's character types (r_Character_types.html): `VARCHAR(MAX)` is 65535 bytes, an unsized `VARCHAR` or
/// `BPCHAR` in a column list is 256, and the `N` types are aliases. Lengths stay counted in characters here.
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
        case "BPCHAR" where source.isColumnType(index): name = "CHAR(256)"
        default: return nil
        }
        if source.isOpen(last + 1), let close = source.closing[last + 1], close == last + 3, source.isWord(last + 2, "MAX") {
            replace(index, through: close, with: "\(name)(65535)", rule: "varchar-max", page: Self.characterTypes)
            return close + 1
        }
        if name == "VARCHAR" && !source.isOpen(last + 1) && inTableDefinition && source.isColumnType(index) {
            name = "VARCHAR(256)"
        }
        guard name != word else { return last + 1 }
        replace(index, through: last, with: name, rule: "character-type", page: Self.characterTypes)
        return last + 1
    }
}

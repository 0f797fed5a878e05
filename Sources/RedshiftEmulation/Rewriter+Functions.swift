/// Redshift's functions: renamed to PostgreSQL's, rebuilt around their arguments, or called in the schema of
/// installed functions (qualified, so that a routine's body finds them whatever its caller's search_path).
extension Rewriter {
    /// Functions installed in ``RedshiftFunctions/schema``, with their pages.
    static let installed: [String: String] = [
        "DATEDIFF": "r_DATEDIFF_function.html", "DATEADD": "r_DATEADD_function.html",
        "ADD_MONTHS": "r_ADD_MONTHS.html", "TRUNC": "r_TRUNC_date.html", "CONVERT_TIMEZONE": "CONVERT_TIMEZONE.html",
        "STRTOL": "r_STRTOL.html", "JSON_EXTRACT_PATH_TEXT": "JSON_EXTRACT_PATH_TEXT.html",
        "CHARINDEX": "r_CHARINDEX.html", "MEDIAN": "r_MEDIAN.html",
    ]

    func functionRule(at index: Int) -> Int? {
        let source = source
        guard let word = source.word(index), !source.isQualified(index) else { return nil }
        guard source.isOpen(index + 1) else {
            switch word {
            case "SYSDATE":
                replace(index, through: index, with: "(pg_catalog.transaction_timestamp()::pg_catalog.timestamp)",
                        rule: "sysdate", page: "r_SYSDATE.html")
                return index + 1
            case "APPROXIMATE" where source.isWord(index + 1, "COUNT"):
                remove(index, through: index, rule: "approximate", page: "r_COUNT.html")
                return index + 1
            default:
                return nil
            }
        }
        // A routine of the user's own with one of these names is defined, not called.
        if statementWords.count >= 2, statementWords.dropLast().last == "FUNCTION" || statementWords.dropLast().last == "PROCEDURE" {
            return nil
        }
        switch word {
        case "GETDATE":
            guard let close = source.closing[index + 1], close == index + 2 else { return nil }
            replace(index, through: close,
                    with: "(pg_catalog.date_trunc('second', pg_catalog.statement_timestamp())::pg_catalog.timestamp)",
                    rule: "getdate", page: "r_GETDATE.html")
            return close + 1
        case "NVL":
            replace(index, through: index, with: "COALESCE", rule: "nvl", page: "r_NVL_function.html")
        case "LEN":
            replace(index, through: index, with: "LENGTH", rule: "len", page: "r_LEN.html")
        case "DECODE":
            return decode(at: index)
        case "NVL2":
            return nvl2(at: index)
        case "LISTAGG":
            return listagg(at: index)
        case "CONVERT":
            return convert(at: index)
        case "DATE_PART", "DATE_TRUNC", "EXTRACT":
            datePartArgument(ofCallAt: index + 1, quoted: word != "EXTRACT")
        default:
            guard let page = Self.installed[word] else { return nil }
            replace(index, through: index, with: "\(RedshiftFunctions.schema).\(word.lowercased())",
                    rule: word.lowercased(), page: page)
            if word == "DATEDIFF" || word == "DATEADD" { datePartArgument(ofCallAt: index + 1, quoted: true) }
        }
        return index + 1
    }

    /// A bare date part (`DATEDIFF(day, ...)`, `DATE_PART(minute, ts)`) becomes PostgreSQL's name for it, quoted
    /// where PostgreSQL wants a string (r_Dateparts_for_datetime_functions.html).
    private func datePartArgument(ofCallAt open: Int, quoted: Bool) {
        let source = source
        let part = open + 1
        let page = "r_Dateparts_for_datetime_functions.html"
        switch source.kind(part) {
        case .word:
            guard source.isSymbol(part + 1, ",") || source.isWord(part + 1, "FROM") else { return }
            let name = DateParts.name(source.text(part)) ?? source.text(part).lowercased()
            replace(part, through: part, with: quoted ? "'\(name)'" : name, rule: "date-part", page: page)
        case .string:
            let text = source.text(part)
            guard text.hasPrefix("'"), let name = DateParts.name(String(text.dropFirst().dropLast())),
                "'\(name)'" != text.lowercased()
            else { return }
            replace(part, through: part, with: "'\(name)'", rule: "date-part", page: page)
        default:
            return
        }
    }

    /// `DECODE(e, s1, r1, ..., default)`: a CASE in which NULL matches NULL (r_DECODE_expression.html). With two
    /// arguments it is PostgreSQL's `decode(text, format)`, left alone.
    private func decode(at index: Int) -> Int? {
        guard let arguments = source.arguments(ofCallAt: index + 1), arguments.count >= 3,
            let close = source.closing[index + 1]
        else { return nil }
        let texts = arguments.map(rewritten)
        var sql = "(CASE"
        var rest = texts.dropFirst()
        while rest.count >= 2 {
            sql += " WHEN (\(texts[0])) IS NOT DISTINCT FROM (\(rest.removeFirst())) THEN \(rest.removeFirst())"
        }
        if let otherwise = rest.first { sql += " ELSE \(otherwise)" }
        replace(index, through: close, with: sql + " END)", rule: "decode", page: "r_DECODE_expression.html")
        return close + 1
    }

    /// `NVL2(e, a, b)`: `a` when `e` is not null, else `b` (r_NVL2.html); a CASE, so the types need not agree with `e`.
    private func nvl2(at index: Int) -> Int? {
        guard let arguments = source.arguments(ofCallAt: index + 1), arguments.count == 3,
            let close = source.closing[index + 1]
        else { return nil }
        let texts = arguments.map(rewritten)
        replace(index, through: close, with: "(CASE WHEN (\(texts[0])) IS NOT NULL THEN \(texts[1]) ELSE \(texts[2]) END)",
                rule: "nvl2", page: "r_NVL2.html")
        return close + 1
    }

    /// `LISTAGG(x [, delimiter]) [WITHIN GROUP (ORDER BY ...)]` is `string_agg` with the order inside; empty
    /// strings and NULLs are skipped (r_LISTAGG.html).
    private func listagg(at index: Int) -> Int? {
        let source = source
        guard let arguments = source.arguments(ofCallAt: index + 1), (1...2).contains(arguments.count),
            let close = source.closing[index + 1]
        else { return nil }
        var value = arguments[0]
        let distinct = source.isWord(value.lowerBound, "DISTINCT")
        if distinct { value = (value.lowerBound + 1)..<value.upperBound }
        var last = close
        var order = ""
        if source.isWord(close + 1, "WITHIN"), source.isWord(close + 2, "GROUP"), source.isOpen(close + 3),
            let groupClose = source.closing[close + 3], source.isWord(close + 4, "ORDER")
        {
            order = " " + rewritten((close + 4)..<groupClose)
            last = groupClose
        }
        // With DISTINCT, PostgreSQL wants the ordering expression among the arguments, so it is not wrapped.
        let text = distinct ? "(\(rewritten(value)))::pg_catalog.text"
            : "NULLIF((\(rewritten(value)))::pg_catalog.text, '')"
        let delimiter = arguments.count == 2 ? rewritten(arguments[1]) : "''"
        replace(index, through: last,
                with: "pg_catalog.string_agg(\(distinct ? "DISTINCT " : "")\(text), \(delimiter)\(order))",
                rule: "listagg", page: "r_LISTAGG.html")
        return last + 1
    }

    /// `CONVERT(type, expression)` is a cast (r_CONVERT_function.html); PostgreSQL's own `convert` has three
    /// arguments.
    private func convert(at index: Int) -> Int? {
        guard let arguments = source.arguments(ofCallAt: index + 1), arguments.count == 2,
            let close = source.closing[index + 1]
        else { return nil }
        replace(index, through: close, with: "CAST(\(rewritten(arguments[1])) AS \(rewritten(arguments[0])))",
                rule: "convert", page: "r_CONVERT_function.html")
        return close + 1
    }
}

/// Procedure-level coverage where no line profiler exists (Amazon Redshift): how often the tests called each
/// procedure the migrations define, counted from the text of the calls the server recorded
/// (`SVL_STORED_PROC_CALL.querytxt`).
public enum ProcedureCalls {
    /// One profile per procedure (its latest definition), with a single line, the body's first, hit once per call.
    public static func profiles(calls: [String], sources: RoutineSources) -> [RoutineProfile] {
        var counts: [String: Int] = [:]
        for call in calls {
            guard let name = calledName(call) else { continue }
            counts[name, default: 0] += 1
        }
        var latest: [String: RoutineSource] = [:]
        var order: [String] = []
        for source in sources.definitions where source.isProcedure {
            let key = (source.schema.map { $0 + "." } ?? "") + source.name
            if latest[key] == nil { order.append(key) }
            latest[key] = source
        }
        return order.compactMap { key in
            guard let source = latest[key] else { return nil }
            // A call names the procedure with or without its schema; either counts.
            let calls = (counts[key] ?? 0) + (source.schema == nil ? 0 : counts[source.name] ?? 0)
            return RoutineProfile(
                signature: key, source: source,
                statements: [ProfiledStatement(id: 0, parentID: nil, parentNote: nil, line: 1, executions: calls, name: "CALL")])
        }
    }

    /// `sales.merge_products` for `call Sales.merge_products(1)`: the called name, folded as the server folds it.
    static func calledName(_ call: String) -> String? {
        var rest = Substring(call).drop { $0.isWhitespace }
        guard rest.prefix(4).lowercased() == "call", rest.dropFirst(4).first?.isWhitespace == true else { return nil }
        rest = rest.dropFirst(4).drop { $0.isWhitespace }
        var parts: [String] = []
        while let first = rest.first {
            if first == "\"" {
                let body = rest.dropFirst()
                guard let close = body.firstIndex(of: "\"") else { return nil }
                parts.append(String(body[..<close]))
                rest = body[body.index(after: close)...]
            } else {
                let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
                guard !word.isEmpty else { return nil }
                parts.append(word.lowercased())
                rest = rest.dropFirst(word.count)
            }
            rest = rest.drop { $0.isWhitespace }
            guard rest.first == "." else { break }
            rest = rest.dropFirst().drop { $0.isWhitespace }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ".")
    }
}

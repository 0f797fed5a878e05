import Diagnostics
import Yams

/// Steps (`setup`, `given`, `when`, ...) and SQL with parameters.
extension SpecDecoder {
    static let stepKeys = ["sql", "params", "load"]

    /// A list of steps; a single SQL text or step mapping is a list of one, and nothing is an empty list.
    ///
    /// Each step is decoded on its own so that all bad steps are reported.
    mutating func steps(_ node: Node, for key: String) throws(Reported) -> [Step] {
        switch node {
        case .scalar(let scalar) where SpecDecoder.isNull(scalar):
            return []
        case .sequence(let items):
            let steps = items.map { item in attempt { decoder throws(Reported) in try decoder.step(item, for: key) } }
            guard steps.allSatisfy({ $0 != nil }) else { throw Reported() }
            return steps.compactMap { $0 }
        default:
            return [try step(node, for: key)]
        }
    }

    /// One step: SQL text, `{sql: ..., params: [...]}`, or `{load: ...}`.
    mutating func step(_ node: Node, for key: String) throws(Reported) -> Step {
        if case .scalar = node {
            return .sql(SQLText(sql: try text(node, for: key), location: location(of: node)))
        }
        let fields = try fields(of: node, context: "step", validKeys: SpecDecoder.stepKeys)
        switch (fields.entry("sql"), fields.entry("load")) {
        case (let sql?, nil):
            return .sql(try sqlText(sql.value, params: fields["params"], for: "sql"))
        case (nil, let load?):
            if let params = fields.entry("params") {
                throw report(params.keyNode, code: "conflicting-keys", "'params' belongs to 'sql', not to 'load'")
            }
            return .load(try fixture(load.value))
        case (_?, let load?):
            throw report(load.keyNode, code: "conflicting-keys", "a step has either 'sql' or 'load', not both",
                         hint: "write them as two steps")
        case (nil, nil):
            throw report(node, code: "missing-key", "the step has neither 'sql' nor 'load'",
                         hint: "write `sql: <statements>` or `load: <table>`")
        }
    }

    /// SQL text with its optional `params:` list.
    mutating func sqlText(_ node: Node, params: Node?, for key: String) throws(Reported) -> SQLText {
        let sql = try text(node, for: key)
        var values: [String?] = []
        if let params {
            guard case .sequence(let items) = params else {
                throw report(params, code: "wrong-type",
                             "expected a list of values for 'params', e.g. [a@x.com, 3], found \(describe(params))")
            }
            for item in items {
                values.append(try value(item, for: "params"))
            }
        }
        return SQLText(sql: sql, params: values, location: location(of: node))
    }
}

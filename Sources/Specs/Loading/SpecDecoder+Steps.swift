import Diagnostics
import Yams

/// Steps (`setup`, `given`, `when`, ...) and SQL with parameters.
extension SpecDecoder {
    static let stepKeys = ["sql", "params", "load", "capture", "as"]

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

    /// One step: SQL text, `{sql: ..., params: [...]}`, `{load: ...}` or `{capture: ..., as: [...]}`.
    mutating func step(_ node: Node, for key: String) throws(Reported) -> Step {
        if case .scalar = node {
            return .sql(try sqlText(node, params: nil, for: key))
        }
        let fields = try fields(of: node, context: "step", validKeys: SpecDecoder.stepKeys)
        if let capture = fields.entry("capture") {
            return .capture(try self.capture(capture, fields))
        }
        if let names = fields.entry("as") {
            throw report(names.keyNode, code: "conflicting-keys", "'as' names the columns of a 'capture', and this step has none",
                         hint: "write `capture: <query>` with `as: [name, ...]`")
        }
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

    /// `{capture: <query>, as: [names], params: [...]}`: the query's one row, kept under the names.
    private mutating func capture(_ entry: MappingFields.Entry, _ fields: MappingFields) throws(Reported) -> Capture {
        for other in ["sql", "load"] {
            if let conflicting = fields.entry(other) {
                throw report(conflicting.keyNode, code: "conflicting-keys", "a step has either 'capture' or '\(other)', not both",
                             hint: "write them as two steps")
            }
        }
        let query = try sqlText(entry.value, params: fields["params"], for: "capture")
        guard let namesNode = fields["as"] else {
            throw report(fields.node, code: "missing-key", "the capture has no 'as'; expected a name for each column it keeps",
                         hint: "write e.g. `as: [email]`, then use `$email` in later SQL of the test")
        }
        var names: [String] = []
        for nameNode in namesNode.sequence.map(Array.init) ?? [namesNode] {
            let name = try text(nameNode, for: "as")
            guard CaptureReferences.isName(name) else {
                throw report(nameNode, code: "bad-value",
                             "'\(name)' cannot be a captured name; use letters, digits and _, starting with a letter or _",
                             hint: "later SQL refers to it as $name")
            }
            if names.contains(name) {
                throw report(nameNode, code: "duplicate-name", "the capture names '\(name)' twice")
            }
            names.append(name)
        }
        return Capture(query: query, names: names, location: location(of: entry.keyNode))
    }

    /// SQL text with its optional `params:` list; `$name` references to captured values become the parameters
    /// after them.
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
        let references = CaptureReferences.bind(sql, parameterCount: values.count)
        var text = SQLText(sql: sql, params: values, location: location(of: node),
                           captures: references?.names ?? [], boundSQL: references?.sql)
        if case .scalar(let scalar) = node { text.cutComment = CommentCut.comment(after: scalar, at: node.mark, lines: lines) }
        return text
    }
}

import Diagnostics
import Yams

/// The suite (the file's top mapping) and its tests.
extension SpecDecoder {
    static let suiteKeys = [
        "suite", "description", "tags", "isolation", "setup", "teardown", "before_each", "after_each", "tests", "migrate",
    ]
    static let migrateKeys = ["from", "to"]
    static let testKeys = ["name", "tags", "skip", "given", "when", "then"]

    /// The suite in the file's root node; nil when any problem was recorded.
    mutating func suite(_ root: Node, defaultName: String) -> SpecSuite? {
        guard let fields = attempt({ decoder throws(Reported) in
            try decoder.fields(of: root, context: "spec file", validKeys: SpecDecoder.suiteKeys)
        }) else { return nil }
        var suite = SpecSuite(name: defaultName, file: file)
        for entry in fields.entries {
            attempt { decoder throws(Reported) in try decoder.apply(entry, to: &suite) }
        }
        if fields["tests"] == nil {
            report(root, code: "missing-key", "the spec file has no 'tests'",
                   hint: "add `tests:` with a list of tests, each with a `name:`")
        }
        if diagnostics.isEmpty { checkCaptureReferences(in: suite) }
        return diagnostics.isEmpty ? suite : nil
    }

    /// Decodes one top-level key into the suite.
    private mutating func apply(_ entry: MappingFields.Entry, to suite: inout SpecSuite) throws(Reported) {
        let value = entry.value
        switch entry.key {
        case "suite": suite.name = try text(value, for: entry.key)
        case "description": suite.description = try text(value, for: entry.key)
        case "tags": suite.tags = try textList(value, for: entry.key)
        case "isolation": suite.isolation = try isolation(value)
        case "setup": suite.setup = try steps(value, for: entry.key)
        case "teardown": suite.teardown = try steps(value, for: entry.key)
        case "before_each": suite.beforeEach = try steps(value, for: entry.key)
        case "after_each": suite.afterEach = try steps(value, for: entry.key)
        case "migrate": suite.dataMigration = try dataMigration(entry)
        default: suite.tests = try tests(value)
        }
    }

    /// `migrate: {from: 1.0.1, to: 1.0.2}` (`to` may be left out: the latest).
    private mutating func dataMigration(_ entry: MappingFields.Entry) throws(Reported) -> DataMigration {
        let fields = try fields(of: entry.value, context: "'migrate' mapping", validKeys: SpecDecoder.migrateKeys)
        let from = try version(try required("from", in: fields, "the version to load the data at, e.g. \"1.0.1\""), for: "from")
        let to = try fields["to"].map { node throws(Reported) in try version(node, for: "to") }
        return DataMigration(from: from, to: to, location: location(of: entry.keyNode))
    }

    /// A migration version as Flyway writes it: digits separated by `.` or `_` (`1.0.1`, `2`).
    private mutating func version(_ node: Node, for key: String) throws(Reported) -> String {
        let version = try text(node, for: key)
        let parts = version.split(separator: ".", omittingEmptySubsequences: false).flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else {
            throw report(node, code: "bad-value", "expected a migration version such as \"1.0.1\" for '\(key)', found '\(version)'",
                         hint: "write the version of a V file (V1_0_1__x.sql is 1.0.1), in quotes")
        }
        return version
    }

    private mutating func isolation(_ node: Node) throws(Reported) -> SpecSuite.Isolation {
        let word = try text(node, for: "isolation")
        guard let isolation = SpecSuite.Isolation(rawValue: word) else {
            let choices = SpecSuite.Isolation.allCases.map(\.rawValue).joined(separator: " or ")
            throw report(node, code: "bad-value", "expected \(choices) for 'isolation', found '\(word)'")
        }
        return isolation
    }

    /// The tests, each decoded on its own; a repeated name is reported at the later test.
    private mutating func tests(_ node: Node) throws(Reported) -> [SpecTest] {
        guard case .sequence(let items) = node else {
            throw report(node, code: "wrong-type", "expected a list of tests for 'tests', found \(describe(node))")
        }
        var tests: [SpecTest] = []
        var firstByName: [String: SourceLocation] = [:]
        var failed = false
        for item in items {
            let test = attempt { decoder throws(Reported) in try decoder.test(item) }
            // Names are compared even for tests with other problems, so that all problems show at once.
            if let name = item.mapping?["name"]?.scalar?.string {
                if let first = firstByName[name] {
                    report(item, code: "duplicate-name", "a test named '\(name)' is already in this suite",
                           notes: ["first defined at \(first)"], hint: "give each test its own name")
                    failed = true
                } else {
                    firstByName[name] = location(of: item)
                }
            }
            guard let test else {
                failed = true
                continue
            }
            tests.append(test)
        }
        if failed { throw Reported() }
        return tests
    }

    /// One test; every key is decoded so that all its problems are reported.
    private mutating func test(_ node: Node) throws(Reported) -> SpecTest {
        let fields = try fields(of: node, context: "test", validKeys: SpecDecoder.testKeys)
        let name = attempt { decoder throws(Reported) in
            try decoder.text(try decoder.required("name", in: fields, "the test's name"), for: "name")
        }
        var test = SpecTest(name: name ?? "", location: location(of: node))
        var failed = name == nil
        for entry in fields.entries where entry.key != "name" {
            if attempt({ decoder throws(Reported) in try decoder.apply(entry, to: &test) }) == nil {
                failed = true
            }
        }
        if fields["when"] == nil, fields["then"] == nil, !fields.hasUnknownKeys {
            report(node, code: "missing-key", "the test has neither 'when' nor 'then'",
                   hint: "add `when:` with the SQL under test and `then:` with assertions about its effect")
            failed = true
        }
        if failed { throw Reported() }
        return test
    }

    /// Decodes one key of a test into it.
    private mutating func apply(_ entry: MappingFields.Entry, to test: inout SpecTest) throws(Reported) {
        let value = entry.value
        switch entry.key {
        case "tags": test.tags = try textList(value, for: entry.key)
        case "skip": test.skip = try skip(value)
        case "given": test.given = try steps(value, for: entry.key)
        case "when": test.when = try steps(value, for: entry.key)
        default: test.then = try assertions(value)
        }
    }

    /// `skip: true` (no reason: ""), `skip: false` (nil), or `skip: <reason>`.
    private mutating func skip(_ node: Node) throws(Reported) -> String? {
        if case .scalar(let scalar) = node, let skipped = SpecDecoder.boolean(scalar) {
            return skipped ? "" : nil
        }
        guard case .scalar(let scalar) = node, !SpecDecoder.isNull(scalar) else {
            throw report(node, code: "wrong-type", "expected true or a reason for 'skip', found \(describe(node))")
        }
        return try string(scalar, at: node)
    }
}

import Diagnostics
import Foundation
import SourceFiles
import Yams

/// Reads SQL test specs (YAML files) and their CSV fixtures into ``SpecSuite``s, checking everything before
/// anything runs.
///
/// A spec file is a mapping with `suite`, `description`, `tags`, `isolation` (`transaction` or `none`), the step
/// lists `setup`, `teardown`, `before_each`, `after_each`, and `tests`: a list of tests with `name`, `tags`,
/// `skip` (true or a reason), `given` and `when` (steps) and `then` (assertions). A step list may be a list, a
/// single step, or nothing; a step is SQL text, `{sql: ..., params: [...]}`, or `{load: ...}`. `load: products`
/// reads `fixtures/products.csv` beside the spec file; `load: {table, csv}` names the CSV file; `load: {table,
/// columns, rows}` holds the rows inline. An assertion has exactly one check key (see `AssertionKind`) with the
/// `query:` (for `fails`/`succeeds`: `sql:`) it needs, optional `params:` and `description:`. Expected values
/// keep their written text (`10.50` stays "10.50"); unquoted `null`, `~` or nothing is NULL (nil); unquoted
/// `true`/`false` become "t"/"f", PostgreSQL's text for booleans; quote a value to keep it as written.
public enum SpecLoader {
    /// Loads one spec file; every problem in it (and in the CSV files it loads) is thrown at once.
    ///
    /// - Parameter file: The spec file's path; it is kept as given in ``SpecSuite/file`` and in locations.
    public static func load(file: String) throws(DiagnosticList) -> SpecSuite {
        try load(text: read(file, what: "the spec file"), file: file)
    }

    /// The file's text, or why it cannot be read.
    private static func read(_ file: String, what: String) throws(DiagnosticList) -> String {
        do {
            return try TextFile.decode(try TextFile.contents(file, what: what), file: file)
        } catch {
            throw DiagnosticList([error])
        }
    }

    /// The YAML node tree of `text`; nil for an empty file.
    private static func compose(_ text: String, file: String) throws(DiagnosticList) -> Node? {
        do {
            // The decoder reads every scalar as written, so Yams' regex-based type resolution (used only to
            // compare keys for duplicates) is not needed: `.basic` keeps keys as text. An explicit encoding saves
            // Yams reading the whole environment for every file. Together they were half of a 200-spec run's
            // instructions (callgrind).
            return try Yams.compose(yaml: text, .basic, .default, .utf8)
        } catch {
            throw DiagnosticList([YAMLSyntaxError.diagnostic(for: error, text: text, file: file)])
        }
    }

    /// Loads a spec from YAML text; `file` names it in locations and is the folder fixtures are found from.
    public static func load(text: String, file: String) throws(DiagnosticList) -> SpecSuite {
        guard let root = try compose(text, file: file) else {
            throw DiagnosticList([Diagnostic(
                category: .input, location: SourceLocation(file: file, line: 1, column: 1), code: "missing-key",
                message: "the spec file is empty", hint: "add `tests:` with a list of tests, each with a `name:`"
            )])
        }
        if let tooLarge = ExpansionLimit.problem(in: root, file: file) { throw DiagnosticList([tooLarge]) }
        var decoder = SpecDecoder(file: file, text: text)
        guard let suite = decoder.suite(root, defaultName: suiteName(forFile: file)), decoder.diagnostics.isEmpty else {
            throw DiagnosticList(decoder.diagnostics)
        }
        return suite
    }

    /// The shared setup's file name, at the top of the spec folder; it is not a suite.
    public static let sharedSetupFile = "_setup.yml"

    /// The suites under `directory` (see ``discover(directory:)``) and its `_setup.yml`. A shared setup of scope
    /// `suite` is made part of every suite but data-migration specs (its setup before the suite's, its teardown
    /// after); one of scope `run` is handed back for the run to execute around them.
    public static func discoverProject(directory: String) throws(DiagnosticList) -> SpecProject {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let sharedPath = "\(base)/\(sharedSetupFile)"
        var diagnostics: [Diagnostic] = []
        var shared: SharedSetup?
        if FileManager.default.fileExists(atPath: sharedPath) {
            do { shared = try loadShared(file: sharedPath) } catch { diagnostics += error.diagnostics }
        }
        var suites: [SpecSuite] = []
        do { suites = try discover(directory: directory) } catch { diagnostics += error.diagnostics }
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        guard let perSuite = shared, perSuite.scope == .suite else { return SpecProject(suites: suites, shared: shared) }
        // A data-migration spec loads its data at an older version, which the shared steps may not fit.
        return SpecProject(suites: suites.map { suite in
            guard suite.dataMigration == nil else { return suite }
            var merged = suite
            merged.setup = perSuite.setup + suite.setup
            merged.teardown = suite.teardown + perSuite.teardown
            return merged
        })
    }

    /// Loads a shared setup file (`_setup.yml`): `setup`, `teardown`, `scope` (`run` or `suite`), `description`.
    public static func loadShared(file: String) throws(DiagnosticList) -> SharedSetup {
        let text = try read(file, what: "the shared setup file")
        let root = try compose(text, file: file)
        if let root, let tooLarge = ExpansionLimit.problem(in: root, file: file) { throw DiagnosticList([tooLarge]) }
        var decoder = SpecDecoder(file: file, text: text)
        guard let root, let shared = decoder.sharedSetup(root), decoder.diagnostics.isEmpty else {
            throw DiagnosticList(decoder.diagnostics.isEmpty
                ? [Diagnostic(category: .input, location: SourceLocation(file: file, line: 1, column: 1), code: "missing-key",
                              message: "the shared setup file is empty", hint: "add `setup:` with steps, or remove the file")]
                : decoder.diagnostics)
        }
        return shared
    }

    /// Loads every `*.yml` and `*.yaml` file under `directory` (recursively, hidden folders skipped) but the
    /// shared `_setup.yml`, sorted by path; every problem in every file, and suite names used twice, are thrown at
    /// once.
    public static func discover(directory: String) throws(DiagnosticList) -> [SpecSuite] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticList([Diagnostic(category: .input, code: "missing-file",
                                             message: "the spec folder '\(directory)' does not exist",
                                             hint: "create it, or name another folder")])
        }
        let (files, unreadable) = specFiles(in: directory)
        // Parsing YAML is most of a short test run's work before the first test: the files are parsed on every
        // core, and their suites and problems kept in file order.
        var loaded = [Result<SpecSuite, DiagnosticList>?](repeating: nil, count: files.count)
        loaded.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            DispatchQueue.concurrentPerform(iterations: files.count) { index in
                slots[index] = Result { () throws(DiagnosticList) in try load(file: files[index]) }
            }
        }
        var suites: [SpecSuite] = []
        var diagnostics = unreadable
        for result in loaded {
            switch result {
            case .success(let suite): suites.append(suite)
            case .failure(let error): diagnostics += error.diagnostics
            case nil: continue
            }
        }
        diagnostics += duplicateNames(in: suites)
        guard diagnostics.isEmpty else { throw DiagnosticList(diagnostics) }
        return suites
    }

    /// The spec files under `directory`, as paths that start with `directory`, sorted; and a problem for each
    /// spec-named entry or folder that cannot be read, which would otherwise be skipped without a word.
    static func specFiles(in directory: String) -> (files: [String], unreadable: [Diagnostic]) {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let listing = SourceFiles.list(under: base, skipHiddenFiles: true)
        let isSpec = { (path: String) in path.hasSuffix(".yml") || path.hasSuffix(".yaml") }
        let unreadable = listing.unreadable.filter { $0.isDirectory || isSpec($0.path) }.map { entry in
            Diagnostic(category: .input, location: SourceLocation(file: "\(base)/\(entry.path)", line: 1, column: 1),
                       code: "unreadable-file", message: "cannot read '\(base)/\(entry.path)': \(entry.reason)",
                       hint: "make it a readable regular file (or folder), or remove it")
        }
        let suites = listing.files.filter { isSpec($0) && $0 != sharedSetupFile }
        return (suites.map { "\(base)/\($0)" }, unreadable)
    }

    /// The file's name without its folder and extension.
    static func suiteName(forFile file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// One diagnostic for each suite whose name an earlier suite already has (test reports key on the name).
    private static func duplicateNames(in suites: [SpecSuite]) -> [Diagnostic] {
        var firstFile: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for suite in suites {
            if let first = firstFile[suite.name] {
                diagnostics.append(Diagnostic(
                    category: .input, location: SourceLocation(file: suite.file, line: 1, column: 1),
                    code: "duplicate-name", message: "the suite name '\(suite.name)' is also used by \(first)",
                    hint: "set `suite:` to a name of its own in one of the files"
                ))
            } else {
                firstFile[suite.name] = suite.file
            }
        }
        return diagnostics
    }
}

import Diagnostics
import Yams

/// Thrown inside the decoder after a problem has been recorded as a diagnostic, to abandon the element.
struct Reported: Error {}

/// Turns the YAML node tree of one spec file into the model, recording every problem it finds.
///
/// Each element (suite key, test, step, assertion) is decoded on its own, so one bad element does not hide the
/// problems of the others.
struct SpecDecoder {
    /// The spec file's path as given; it names the file in every location.
    let file: String
    /// The folder that relative fixture paths are resolved against.
    let directory: String
    /// The file's lines, to see what follows a plain scalar (see ``CommentCut``).
    let lines: [Substring]
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String, text: String = "") {
        self.file = file
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let slash = file.lastIndex(of: "/")
        directory = slash.map { String(file[..<$0]) } ?? ""
    }

    /// The 1-based line and column where `node` starts.
    func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// Records an input problem at `node` and returns the marker to throw.
    @discardableResult
    mutating func report(
        _ node: Node, code: String, _ message: String, notes: [String] = [], hint: String? = nil
    ) -> Reported {
        record(Diagnostic(category: .input, location: location(of: node), code: code, message: message,
                          notes: notes, hint: hint))
        return Reported()
    }

    /// Records diagnostics found elsewhere, e.g. in a CSV fixture.
    mutating func record(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Runs `body`, turning an already reported problem into nil so that decoding goes on.
    mutating func attempt<T>(_ body: (inout SpecDecoder) throws(Reported) -> T) -> T? {
        do {
            return try body(&self)
        } catch {
            return nil
        }
    }

    /// The keys and values of a mapping, after reporting a wrong type, non-text keys and unknown keys.
    ///
    /// `context` names the element in messages ("test", "assertion").
    mutating func fields(of node: Node, context: String, validKeys: [String]) throws(Reported) -> MappingFields {
        guard case .mapping(let mapping) = node else {
            throw report(node, code: "wrong-type", "expected a mapping for the \(context), found \(describe(node))",
                         notes: ["valid keys: \(validKeys.joined(separator: ", "))"])
        }
        var entries: [MappingFields.Entry] = []
        var hasUnknownKeys = false
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                report(keyNode, code: "wrong-type", "expected a key name in the \(context), found \(describe(keyNode))")
                hasUnknownKeys = true
                continue
            }
            guard validKeys.contains(key.string) else {
                reportUnknownKey(keyNode, key.string, context: context, validKeys: validKeys)
                hasUnknownKeys = true
                continue
            }
            entries.append(MappingFields.Entry(key: key.string, keyNode: keyNode, value: value))
        }
        return MappingFields(node: node, context: context, entries: entries, hasUnknownKeys: hasUnknownKeys)
    }

    private mutating func reportUnknownKey(_ keyNode: Node, _ key: String, context: String, validKeys: [String]) {
        var message = "unknown key '\(key)' in the \(context)"
        if let suggestion = ClosestName.suggestion(for: key, among: validKeys) {
            message += "; did you mean '\(suggestion)'?"
        }
        report(keyNode, code: "unknown-key", message, notes: ["valid keys: \(validKeys.joined(separator: ", "))"])
    }

    /// The value of a key that must be present, reported at the mapping when missing.
    mutating func required(_ key: String, in fields: MappingFields, _ purpose: String) throws(Reported) -> Node {
        guard let value = fields[key] else {
            throw report(fields.node, code: "missing-key",
                         "the \(fields.context) has no '\(key)'; expected \(purpose)")
        }
        return value
    }

    /// A short description of what a node is, for "found ..." in messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar): SpecDecoder.isNull(scalar) ? "nothing (null)" : "'\(scalar.string)'"
        }
    }
}

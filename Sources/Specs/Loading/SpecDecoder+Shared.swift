import Diagnostics
import Yams

/// `_setup.yml`: the setup and teardown every suite shares.
extension SpecDecoder {
    static let sharedKeys = ["description", "scope", "setup", "teardown"]

    /// The shared setup in the file's root node; nil when any problem was recorded.
    mutating func sharedSetup(_ root: Node) -> SharedSetup? {
        guard let fields = attempt({ decoder throws(Reported) in
            try decoder.fields(of: root, context: "shared setup file", validKeys: SpecDecoder.sharedKeys)
        }) else { return nil }
        var shared = SharedSetup(file: file)
        for entry in fields.entries {
            attempt { decoder throws(Reported) in
                switch entry.key {
                case "description": shared.description = try decoder.text(entry.value, for: entry.key)
                case "scope": shared.scope = try decoder.scope(entry.value)
                case "setup": shared.setup = try decoder.steps(entry.value, for: entry.key)
                default: shared.teardown = try decoder.steps(entry.value, for: entry.key)
                }
            }
        }
        if diagnostics.isEmpty {
            // Captures do not cross from the shared file into the suites: each reference must be its own.
            checkCaptureReferences(in: SpecSuite(name: "", file: file, setup: shared.setup, teardown: shared.teardown))
        }
        return diagnostics.isEmpty ? shared : nil
    }

    private mutating func scope(_ node: Node) throws(Reported) -> SharedSetup.Scope {
        let word = try text(node, for: "scope")
        guard let scope = SharedSetup.Scope(rawValue: word) else {
            let choices = SharedSetup.Scope.allCases.map(\.rawValue).joined(separator: " or ")
            throw report(node, code: "bad-value", "expected \(choices) for 'scope', found '\(word)'",
                         hint: "`run`: once before all suites; `suite`: before each suite, as part of its setup")
        }
        return scope
    }
}

import Diagnostics
import Yams

/// Turns the errors of the YAML parser into diagnostics at the place it stopped.
enum YAMLSyntaxError {
    /// A diagnostic for an error thrown while composing `text`, the contents of `file`.
    static func diagnostic(for error: any Error, text: String, file: String) -> Diagnostic {
        guard let error = error as? YamlError else {
            return make(file: file, line: 1, column: 1, "cannot read the YAML: \(error)")
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))" }
            return make(file: file, line: mark.line, column: mark.column, message)
        case .reader(let problem, let offset, _, _):
            // Yams counts the offset in characters; LineIndex counts Unicode scalars.
            let index = text.index(text.startIndex, offsetBy: offset ?? 0, limitedBy: text.endIndex) ?? text.endIndex
            let scalarOffset = text.unicodeScalars.distance(from: text.startIndex, to: index)
            let position = LineIndex(text).position(ofOffset: scalarOffset)
            return make(file: file, line: position.line, column: position.column, "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return make(file: file, line: context.mark.line, column: context.mark.column,
                        "a mapping has the key \(keys) more than once", hint: "keep one of them")
        default:
            return make(file: file, line: 1, column: 1, "cannot read the YAML: \(error)")
        }
    }

    private static func make(file: String, line: Int, column: Int, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(category: .input, location: SourceLocation(file: file, line: line, column: column),
                   code: "yaml-syntax", message: message, hint: hint)
    }
}

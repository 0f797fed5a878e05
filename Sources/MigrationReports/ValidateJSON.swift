import Diagnostics
import Foundation

/// `validate --json`: `{"valid": bool, "problems": [...]}` in a stable, documented shape (see README,
/// "validate --json").
public enum ValidateJSON {
    struct Document: Encodable {
        var valid: Bool
        var problems: [Problem]
    }

    struct Problem: Encodable {
        var severity: String
        var code: String?
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
        var notes: [String]
        var hint: String?

        enum CodingKeys: String, CodingKey {
            case severity, code, message, file, line, column, notes, hint
        }

        /// Every key is always present (null when unknown), as in `info --json`.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(severity, forKey: .severity)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(file, forKey: .file)
            try container.encode(line, forKey: .line)
            try container.encode(column, forKey: .column)
            try container.encode(notes, forKey: .notes)
            try container.encode(hint, forKey: .hint)
        }
    }

    /// `valid` is true exactly when there are no problems, as `validate`'s exit code 0 is.
    public static func render(_ problems: [Diagnostic]) -> String {
        let document = Document(valid: problems.isEmpty, problems: problems.map { problem in
            Problem(
                severity: problem.severity.rawValue, code: problem.code, message: problem.message,
                file: problem.location?.file, line: problem.location?.line, column: problem.location?.column,
                notes: problem.notes, hint: problem.hint)
        })
        return JSONText.encode(document)
    }
}

import MigrationResults

extension MigrationText {
    /// `Cleaned: dropped schema "a"; emptied schema "public" (12 objects).`
    public static func summary(_ result: CleanResult) -> String {
        let quoted = { (names: [String]) in names.map { "\"\($0)\"" }.joined(separator: ", ") }
        var parts: [String] = []
        if !result.droppedSchemas.isEmpty {
            parts.append("dropped schema\(result.droppedSchemas.count == 1 ? "" : "s") \(quoted(result.droppedSchemas))")
        }
        if !result.emptiedSchemas.isEmpty {
            parts.append("emptied schema\(result.emptiedSchemas.count == 1 ? "" : "s") \(quoted(result.emptiedSchemas)) "
                + "(\(result.droppedObjects) object\(result.droppedObjects == 1 ? "" : "s"))")
        }
        return parts.isEmpty ? "Cleaned: the managed schemas do not exist." : "Cleaned: " + parts.joined(separator: "; ") + "."
    }
}

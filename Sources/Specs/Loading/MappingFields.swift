import Yams

/// The known keys of one YAML mapping, in file order, with their key and value nodes.
struct MappingFields {
    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    /// The mapping itself, where "missing key" problems are reported.
    var node: Node
    /// What the mapping is ("test", "assertion"), for messages.
    var context: String
    var entries: [Entry]
    /// Whether a key was dropped as unknown (already reported), so follow-up problems may be noise.
    var hasUnknownKeys: Bool

    /// The value of `key`, if present.
    subscript(key: String) -> Node? {
        entry(key)?.value
    }

    /// The entry of `key`, if present.
    func entry(_ key: String) -> Entry? {
        entries.first { $0.key == key }
    }
}

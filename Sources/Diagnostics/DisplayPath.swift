/// Paths as users see them in their repository.
public enum DisplayPath {
    /// `path` relative to `base` when it lies below it, else unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

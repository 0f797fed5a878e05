import Foundation

extension JUnitXMLWriter {
    /// Removes the reports a previous run left in `directory`, so that the folder (and the CI report group that
    /// reads it) holds this run's reports only: `TEST-*.xml` files that carry Slipway's signature, and the hidden
    /// temporary files of a write that was cut short. Other tools' reports stay, and so do the files named in
    /// `keeping` (a sharded run keeps the other shards' reports, which may share the folder on one machine).
    ///
    /// - Returns: the names of the files removed.
    @discardableResult
    public static func removePreviousReports(in directory: String, keeping: Set<String> = []) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var removed: [String] = []
        for name in names where !keeping.contains(name) {
            let path = directory + "/" + name
            let partial = name.hasPrefix(".TEST-") && name.hasSuffix(".xml.partial")
            guard partial || (name.hasPrefix("TEST-") && name.hasSuffix(".xml") && isSigned(path)) else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(name) }
        }
        return removed.sorted()
    }

    /// Whether the file starts as this writer's documents do: the signature right after the XML declaration.
    private static func isSigned(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 256)) ?? Data()
        return String(decoding: head, as: UTF8.self).contains("?>\n" + signature + "\n")
    }
}

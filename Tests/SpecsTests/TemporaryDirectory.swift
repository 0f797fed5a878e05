import Foundation

/// A fresh folder under the system's temporary folder, removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "specs-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `relativePath` inside the folder, creating folders as needed; returns the full path.
    @discardableResult
    func write(_ relativePath: String, _ contents: String) throws -> String {
        try write(relativePath, Data(contents.utf8))
    }

    /// Writes raw bytes to `relativePath` inside the folder; returns the full path.
    @discardableResult
    func write(_ relativePath: String, _ bytes: Data) throws -> String {
        let full = "\(path)/\(relativePath)"
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: full))
        return full
    }
}

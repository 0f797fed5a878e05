#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists and reads the project's files (migrations, specs, fixtures) with plain system calls.
///
/// A no-op migrate reads every migration to checksum it, so this is on the hot path: Foundation's `FileManager`
/// costs a `stat` per directory entry and several calls per file read, where `readdir` already says what an
/// entry is and one `open`/`fstat`/`read`/`close` reads a file.
public enum SourceFiles {
    /// Paths of the regular files below `directory` (following symbolic links), relative to it with `/`
    /// separators, sorted by their UTF-8 bytes; directories whose names start with `.` are skipped, and so are
    /// such files when `skipHiddenFiles` is set. Unreadable directories are skipped.
    public static func regularFiles(under directory: String, skipHiddenFiles: Bool = false) -> [String] {
        var walk = Walk(base: directory, skipHiddenFiles: skipHiddenFiles)
        walk.collect(relative: "")
        return walk.files.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The file's bytes, or nil when it does not exist, is not a regular file or cannot be read.
    public static func bytes(atPath path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes: [UInt8] = []
        // One read normally returns the whole file and a second says it ended; reading on to the end, not just
        // the size fstat gave, also gets what was appended meanwhile.
        var chunkSize = max(Int(status.st_size), 0) + 1
        while true {
            var result = 0
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
                result = read(descriptor, buffer.baseAddress, chunkSize)
                initialized = max(result, 0)
            }
            if result < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if chunk.isEmpty { return bytes }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            chunkSize = 64 * 1024
        }
    }

    /// What a directory entry is.
    private enum Kind {
        case regularFile, directory, other
    }

    /// The kind of the file at `path`, following symbolic links; nil when there is none (a dangling link).
    private static func kind(atPath path: String) -> Kind? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .regularFile
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// One listing: the files found so far, and the directories entered (a symbolic link may lead back up).
    private struct Walk {
        let base: String
        let skipHiddenFiles: Bool
        var files: [String] = []
        var entered: Set<[UInt64]> = []

        mutating func collect(relative: String) {
            let path = relative.isEmpty ? base : base + "/" + relative
            var status = stat()
            guard stat(path, &status) == 0, entered.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted,
                let stream = opendir(path)
            else { return }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                let kind: Kind?
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_REG): kind = .regularFile
                case Int32(DT_DIR): kind = .directory
                // Symbolic links are followed; some file systems do not fill in d_type.
                default: kind = SourceFiles.kind(atPath: base + "/" + child)
                }
                switch kind {
                case .directory where !name.hasPrefix("."):
                    collect(relative: child)
                case .regularFile where !(skipHiddenFiles && name.hasPrefix(".")):
                    files.append(child)
                default:
                    continue
                }
            }
        }
    }
}

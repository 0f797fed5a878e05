#if canImport(Glibc)
import Glibc
#endif

/// A file a run writes for others to read (a JUnit report, the dry-run script): complete or absent.
public enum ReportFile {
    /// Why a file could not be written, in the system's words (never the file's content).
    public struct WriteFailure: Error, Sendable {
        public let code: Int32
        public var reason: String { String(cString: strerror(code)) }
    }

    /// Plain open/write/close, to a hidden temporary name that is then renamed: the file is complete or absent,
    /// never cut short by a full disk, and the temporary file is removed when writing fails. Not `Data.write`: on
    /// Linux it fsyncs and copies extended attributes for every file (a disk flush per report, which a report CI
    /// reads moments later does not need).
    public static func write(_ text: String, to path: String) throws(WriteFailure) {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        // Hidden and with its own ending, so that no glob for the file (TEST-*.xml, *.sql) picks up a partial one.
        let temporary = String(path[..<slash]) + "." + String(path[slash...]) + ".partial"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteFailure(code: errno) }
        var bytes = Array(text.utf8)[...]
        var failure: Int32?
        while !bytes.isEmpty, failure == nil {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno != EINTR { failure = errno }
                continue
            }
            bytes = bytes.dropFirst(written)
        }
        if close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw WriteFailure(code: failure)
        }
    }
}

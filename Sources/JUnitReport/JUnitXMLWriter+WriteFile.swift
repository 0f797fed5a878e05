import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension JUnitXMLWriter {
    /// Plain open/write/close, to a hidden temporary name that is then renamed: a report is complete or absent,
    /// never cut short by a full disk, and the temporary file is removed when writing fails. Not `Data.write`: on
    /// Linux it fsyncs and copies extended attributes for every file (a disk flush per report, which a report CI
    /// reads moments later does not need).
    static func writeFile(_ path: String, _ text: String) throws {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        // Hidden and without the .xml ending, so that no report glob (TEST-*.xml) picks up a partial file.
        let temporary = String(path[..<slash]) + "." + String(path[slash...]) + ".partial"
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
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
        if Glibc.close(descriptor) != 0, failure == nil { failure = errno }
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
        }
    }
}

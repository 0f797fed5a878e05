import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension JUnitXMLWriter {
    /// Plain open/write/close. Not `Data.write`: on Linux it fsyncs and copies extended attributes for every
    /// file (a disk flush per report, which a report CI reads moments later does not need); and not `.atomic`,
    /// which would leave a non-XML temporary file behind if interrupted.
    static func writeFile(_ path: String, _ text: String) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { Glibc.close(descriptor) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

import Diagnostics
import SourceFiles

/// Decodes files as UTF-8 text, reporting invalid UTF-8 as a diagnostic at its line and column.
enum TextFile {
    /// Decodes UTF-8 bytes, or reports the line and column (1-based, in characters) of the first invalid byte or
    /// NUL: libpq sends text as C strings, so a NUL would silently cut SQL or a value short.
    static func decode(_ bytes: [UInt8], file: String) throws(Diagnostic) -> String {
        if let offset = firstInvalidUTF8Offset(in: bytes) {
            throw Diagnostic(
                category: .input, location: location(ofByte: offset, in: bytes, file: file), code: "invalid-utf8",
                message: "the file is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                hint: "save the file as UTF-8")
        }
        if let offset = bytes.firstIndex(of: 0) {
            throw Diagnostic(
                category: .input, location: location(ofByte: offset, in: bytes, file: file), code: "nul-character",
                message: "the file holds a NUL character (byte 0x00)",
                hint: "remove the NUL byte: the server cannot receive it, and it would end the text there")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes of `file`, or a diagnostic saying why they cannot be read (never what the file holds).
    ///
    /// - Parameter what: the file's role in messages, e.g. "the spec file".
    static func contents(_ file: String, what: String) throws(Diagnostic) -> [UInt8] {
        do {
            return try SourceFiles.contents(atPath: file)
        } catch {
            throw Diagnostic(
                category: .input, code: error.exists ? "unreadable-file" : "missing-file",
                message: "cannot read \(what) '\(file)': \(error.reason)",
                hint: "name a readable regular file")
        }
    }

    /// The 1-based line and column (in characters) of the byte at `offset`.
    private static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        let prefix = String(decoding: bytes[..<offset], as: UTF8.self)
        let position = LineIndex(prefix).position(ofOffset: prefix.unicodeScalars.count)
        return SourceLocation(file: file, line: position.line, column: position.column)
    }

    /// The 0-based byte offset of the first byte that is not part of a valid UTF-8 sequence, or nil.
    static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

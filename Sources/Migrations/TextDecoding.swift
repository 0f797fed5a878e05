import Diagnostics
import Foundation

/// Turns a migration file's bytes into text in its configured encoding, reporting where bytes are invalid.
enum TextDecoding {
    /// Decodes `bytes`; `encoding` is a Java charset name as in `encoding=` (default UTF-8).
    ///
    /// - Throws: a diagnostic at the first invalid byte (its 1-based line, and the byte offset in a note), or for an
    ///   encoding this tool does not know.
    static func decode(_ bytes: [UInt8], encoding: String?, file: @autoclosure () -> String) throws(Diagnostic)
        -> String
    {
        let name = encoding.map { $0.lowercased().filter { $0 != "-" && $0 != "_" } } ?? "utf8"
        let (text, nulIsZeroByte) = try decodeText(bytes, name: name, encoding: encoding, file: file)
        // libpq sends SQL as a C string: a NUL would silently cut the migration short. Where a NUL is a zero byte,
        // memchr finds one far faster than a walk over the scalars.
        let mayHoldNul = !nulIsZeroByte
            || bytes.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0, raw.count) != nil } ?? false }
        if mayHoldNul, let nul = text.unicodeScalars.firstIndex(of: "\0") {
            let scalars = text.unicodeScalars
            let position = LineIndex(text).position(ofOffset: scalars.distance(from: scalars.startIndex, to: nul))
            throw Diagnostic(
                category: .input, location: SourceLocation(file: file(), line: position.line, column: position.column),
                code: "nul-character", message: "the file holds a NUL character (byte 0x00)",
                hint: "remove the NUL byte: the server cannot receive it, and it would end the SQL there")
        }
        return text
    }

    /// The text, and whether a NUL in it can only come from a zero byte (UTF-8 and the one-byte encodings).
    private static func decodeText(
        _ bytes: [UInt8], name: String, encoding: String?, file: () -> String
    ) throws(Diagnostic) -> (String, Bool) {
        switch name {
        case "utf8":
            return (try decodeUTF8(bytes, file: file), true)
        case "iso88591", "latin1", "l1", "iso885911987", "cp819", "ibm819":
            return (String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })), true)
        case "usascii", "ascii", "ascii7", "646", "iso646us":
            if let bad = bytes.firstIndex(where: { $0 >= 0x80 }) {
                throw invalid(bytes, at: bad, encoding: encoding ?? "US-ASCII", file: file())
            }
            return (String(decoding: bytes, as: UTF8.self), true)
        default:
            guard let foundationEncoding = foundationEncodings[name] else {
                throw Diagnostic(
                    category: .input, location: SourceLocation(file: file(), line: 1, column: 1),
                    code: "unknown-encoding", message: "unknown encoding '\(encoding ?? "")'",
                    hint: "use UTF-8, ISO-8859-1, US-ASCII, windows-1252, UTF-16, UTF-16LE or UTF-16BE")
            }
            guard let text = String(data: Data(bytes), encoding: foundationEncoding) else {
                throw Diagnostic(
                    category: .input, location: SourceLocation(file: file(), line: 1, column: 1),
                    code: "bad-encoding", message: "the file is not valid \(encoding ?? "")",
                    hint: "save the file in \(encoding ?? "") or set encoding= in its .conf file")
            }
            return (text, false)
        }
    }

    private static let foundationEncodings: [String: String.Encoding] = [
        "utf16": .utf16, "utf16le": .utf16LittleEndian, "utf16be": .utf16BigEndian,
        "windows1252": .windowsCP1252, "cp1252": .windowsCP1252,
    ]

    private static func decodeUTF8(_ bytes: [UInt8], file: () -> String) throws(Diagnostic) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Invalid: decode again, scalar by scalar, to say where.
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: break loop
            case .error: throw invalid(bytes, at: offset, encoding: "UTF-8", file: file())
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func invalid(_ bytes: [UInt8], at offset: Int, encoding: String, file: String) -> Diagnostic {
        let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        let hex = String(bytes[offset], radix: 16, uppercase: true)
        return Diagnostic(
            category: .input, location: SourceLocation(file: file, line: line, column: column),
            code: "bad-encoding",
            message: "the file is not valid \(encoding): byte 0x\(hex.count == 1 ? "0" + hex : hex) at byte offset \(offset)",
            hint: "save the file as \(encoding), or name its encoding in \(file).conf (e.g. encoding=ISO-8859-1)")
    }
}

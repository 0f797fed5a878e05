import Diagnostics
import Foundation

/// An XML element with its children and text, and where it starts, read by ``XMLReader``.
struct XMLTree: Sendable, Equatable {
    var name: String
    /// The element's own text, trimmed (Maven trims parameter values too).
    var text: String
    var children: [XMLTree]
    /// 1-based, in characters: where the element's start tag begins.
    var line: Int
    var column: Int

    /// The first child named `name`.
    subscript(name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    /// The children named `name`.
    func all(_ name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    /// Parses a document; a syntax error points at its line and column in `file`.
    static func parse(_ data: Data, file: String) throws(Diagnostic) -> XMLTree {
        let failed = { (line: Int, column: Int, reason: String) in
            Diagnostic(
                category: .input, location: SourceLocation(file: file, line: line, column: column), code: "xml-syntax",
                message: "\(file) is not well-formed XML: \(reason)", hint: "fix the XML (Maven cannot read it either)")
        }
        let scalars: [Unicode.Scalar]
        switch decode(data) {
        case .success(let decoded): scalars = decoded
        case .failure(let failure):
            let (line, column) = LineIndex(String(String.UnicodeScalarView(failure.before))).position(ofOffset: failure.before.count)
            throw failed(line, column, failure.reason)
        }
        let lines = LineIndex(String(String.UnicodeScalarView(scalars)))
        do {
            return try XMLReader.read(scalars) { lines.position(ofOffset: $0) }
        } catch {
            let (line, column) = lines.position(ofOffset: error.offset)
            throw failed(line, column, error.message)
        }
    }

    /// Why the bytes are not text, after which characters.
    private struct Undecodable: Error {
        let before: [Unicode.Scalar]
        let reason: String
    }

    /// The document's characters: UTF-8 (with or without a byte order mark), UTF-16 with one, or ISO-8859-1 when
    /// the XML declaration says so, as XML parsers must read them.
    private static func decode(_ data: Data) -> Result<[Unicode.Scalar], Undecodable> {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            guard let text = String(data: data, encoding: .utf16) else {
                return .failure(Undecodable(before: [], reason: "the file starts as UTF-16 but is not"))
            }
            return .success(Array(text.unicodeScalars.drop { $0 == "\u{FEFF}" }))
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        switch declaredEncoding(body)?.uppercased() {
        case nil, "UTF-8", "UTF8", "US-ASCII", "ASCII": break
        case "ISO-8859-1", "LATIN1", "ISO_8859-1": return .success(body.map { Unicode.Scalar($0) })
        case let other?:
            return .failure(Undecodable(before: [], reason: "encoding '\(other)' is not supported: save the file as UTF-8"))
        }
        var scalars: [Unicode.Scalar] = []
        var iterator = body.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return .success(scalars)
            case .error: return .failure(Undecodable(before: scalars, reason: "the file is not UTF-8 here"))
            }
        }
    }

    /// The `encoding` of an XML declaration at the start, read as ASCII (the declaration itself must be).
    private static func declaredEncoding(_ bytes: ArraySlice<UInt8>) -> String? {
        let head = String(decoding: bytes.prefix(200).prefix { $0 < 0x80 }, as: UTF8.self)
        guard head.hasPrefix("<?xml"), let end = head.range(of: "?>") else { return nil }
        let declaration = head[..<end.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}

import Foundation

/// Reads an XML 1.0 document into an ``XMLTree``, checking well-formedness as the XML specification defines it.
///
/// In Swift rather than Foundation's `XMLParser`, whose libxml2 brings the system's ICU and a shared libstdc++
/// that needs a newer glibc than the release bundle may (issue 15). A DOCTYPE is skipped, not processed: entities
/// it declares are not expanded (Maven's own pom parser does not expand them either), and nothing external is read.
struct XMLReader {
    /// A well-formedness error at a 0-based offset in Unicode scalars.
    struct Failure: Error {
        let offset: Int
        let message: String
    }

    /// A bound for hostile input; a pom needs a dozen levels.
    static let maximumDepth = 1000

    private let text: [Unicode.Scalar]
    private var index = 0

    private init(_ text: [Unicode.Scalar]) {
        self.text = text
    }

    /// The root element of `text`, each element placed at its `<` by `position`.
    static func read(
        _ text: [Unicode.Scalar], position: (Int) -> (line: Int, column: Int)
    ) throws(Failure) -> XMLTree {
        var reader = XMLReader(text)
        return try reader.document(position: position)
    }

    // MARK: - Document structure

    private mutating func document(position: (Int) -> (line: Int, column: Int)) throws(Failure) -> XMLTree {
        if starts(with: "<?xml"), index + 5 < text.count, Self.isSpace(text[index + 5]) { try skip(past: "?>", what: "the XML declaration") }
        var sawDoctype = false
        while true {
            try misc()
            guard index < text.count else { throw Failure(offset: index, message: "the document has no root element") }
            if starts(with: "<!DOCTYPE"), !sawDoctype {
                try doctype()
                sawDoctype = true
            } else if text[index] == "<" {
                break
            } else {
                throw Failure(offset: index, message: "start tag expected, '<' not found")
            }
        }
        let root = try element(position: position)
        try misc()
        guard index == text.count else { throw Failure(offset: index, message: "extra content at the end of the document") }
        return root
    }

    /// Whitespace, comments and processing instructions, as may stand around the root element.
    private mutating func misc() throws(Failure) {
        while index < text.count {
            if Self.isSpace(text[index]) {
                index += 1
            } else if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<?") {
                try processingInstruction()
            } else {
                return
            }
        }
    }

    /// The root element and everything in it.
    private mutating func element(position: (Int) -> (line: Int, column: Int)) throws(Failure) -> XMLTree {
        var open: [XMLTree] = []
        repeat {
            if starts(with: "</") {
                let start = index
                index += 2
                let name = try self.name()
                skipSpaces()
                try expect(">", "'>' expected after the end tag's name")
                guard var element = open.popLast() else { throw Failure(offset: start, message: "end tag '</\(name)>' without a start tag") }
                guard element.name == name else {
                    throw Failure(offset: start, message: "opening and ending tag mismatch: '\(element.name)' and '\(name)'")
                }
                // Maven trims parameter values too.
                element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !open.isEmpty else { return element }
                open[open.count - 1].children.append(element)
            } else if index < text.count, text[index] == "<", !starts(with: "<!"), !starts(with: "<?") {
                let (line, column) = position(index)
                index += 1
                let name = try self.name()
                let empty = try attributes()
                let element = XMLTree(name: name, text: "", children: [], line: line, column: column)
                guard open.count < Self.maximumDepth else {
                    throw Failure(offset: index, message: "elements are nested more than \(Self.maximumDepth) deep")
                }
                if !empty {
                    open.append(element)
                } else if open.isEmpty {
                    return element
                } else {
                    open[open.count - 1].children.append(element)
                }
            } else if open.isEmpty {
                throw Failure(offset: index, message: "start tag expected, '<' not found")
            } else {
                try content(into: &open[open.count - 1].text, in: open[open.count - 1].name)
            }
        } while true
    }

    /// A start tag's attributes, checked and dropped (no POM setting is an attribute); true for `/>`.
    private mutating func attributes() throws(Failure) -> Bool {
        var seen: Set<String> = []
        while true {
            let spaced = skipSpaces()
            if starts(with: "/>") {
                index += 2
                return true
            }
            if starts(with: ">") {
                index += 1
                return false
            }
            guard index < text.count else { throw Failure(offset: index, message: "the document ends inside a start tag") }
            guard spaced else { throw Failure(offset: index, message: "whitespace, '>' or '/>' expected in the start tag") }
            let start = index
            let name = try self.name()
            guard seen.insert(name).inserted else { throw Failure(offset: start, message: "attribute '\(name)' is given twice") }
            skipSpaces()
            try expect("=", "'=' expected after attribute '\(name)'")
            skipSpaces()
            guard index < text.count, text[index] == "\"" || text[index] == "'" else {
                throw Failure(offset: index, message: "attribute '\(name)''s value must be quoted")
            }
            let quote = text[index]
            index += 1
            var value = ""
            while true {
                guard index < text.count else { throw Failure(offset: start, message: "attribute '\(name)''s value is not closed") }
                let scalar = text[index]
                if scalar == quote { break }
                if scalar == "<" { throw Failure(offset: index, message: "'<' in the value of attribute '\(name)'") }
                if scalar == "&" { try reference(into: &value) } else { try character(into: &value) }
            }
            index += 1
        }
    }

    /// Character data, CDATA, references, comments and processing instructions up to the next tag.
    private mutating func content(into text: inout String, in element: String) throws(Failure) {
        guard index < self.text.count else {
            throw Failure(offset: index, message: "the document ends inside element '\(element)'")
        }
        if starts(with: "<![CDATA[") {
            index += 9
            let start = index
            while !starts(with: "]]>") {
                guard index < self.text.count else { throw Failure(offset: start, message: "a CDATA section is not closed") }
                try character(into: &text)
            }
            index += 3
        } else if starts(with: "<!--") {
            try comment()
        } else if starts(with: "<?") {
            try processingInstruction()
        } else if starts(with: "<!") {
            throw Failure(offset: index, message: "'<!' here must begin a comment or a CDATA section")
        } else if self.text[index] == "&" {
            try reference(into: &text)
        } else if starts(with: "]]>") {
            throw Failure(offset: index, message: "']]>' is not allowed in content")
        } else {
            try character(into: &text)
        }
    }

    // MARK: - Pieces

    private mutating func comment() throws(Failure) {
        let start = index
        index += 4
        while !starts(with: "--") {
            guard index < text.count else { throw Failure(offset: start, message: "a comment is not closed") }
            var ignored = ""
            try character(into: &ignored)
        }
        guard starts(with: "-->") else { throw Failure(offset: index, message: "'--' is not allowed in a comment") }
        index += 3
    }

    private mutating func processingInstruction() throws(Failure) {
        let start = index
        index += 2
        let target = try name()
        guard target.lowercased() != "xml" else {
            throw Failure(offset: start, message: "the XML declaration is allowed only at the start of the document")
        }
        try skip(past: "?>", what: "processing instruction '\(target)'")
    }

    /// `<!DOCTYPE …>` with its internal subset, skipped: brackets and quotes are followed to find its end.
    private mutating func doctype() throws(Failure) {
        let start = index
        index += 9
        var depth = 0
        var quote: Unicode.Scalar?
        while index < text.count {
            let scalar = text[index]
            index += 1
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "<", starts(with: "!--") {
                index -= 1
                try comment()
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "[" {
                depth += 1
            } else if scalar == "]" {
                depth -= 1
            } else if scalar == ">", depth == 0 {
                return
            }
        }
        throw Failure(offset: start, message: "the DOCTYPE declaration is not closed")
    }

    /// `&name;`, `&#N;` or `&#xH;`; only XML's five predefined names exist without DTD processing.
    private mutating func reference(into text: inout String) throws(Failure) {
        let start = index
        index += 1
        guard let semicolon = self.text[index...].prefix(40).firstIndex(of: ";") else {
            throw Failure(offset: start, message: "'&' must begin an entity or character reference ending in ';' (write '&amp;' for '&')")
        }
        let body = String(String.UnicodeScalarView(self.text[index..<semicolon]))
        index = semicolon + 1
        if body.hasPrefix("#") {
            let hex = body.hasPrefix("#x")
            let digits = body.dropFirst(hex ? 2 : 1)
            guard let value = UInt32(digits, radix: hex ? 16 : 10), !digits.isEmpty, digits.allSatisfy(\.isHexDigit),
                  let scalar = Unicode.Scalar(value), Self.isCharacter(scalar)
            else { throw Failure(offset: start, message: "'&\(body);' is not a valid character reference") }
            text.unicodeScalars.append(scalar)
            return
        }
        let predefined: [String: String] = ["lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": "\""]
        guard let replacement = predefined[body] else {
            throw Failure(offset: start, message: "entity '\(body)' is not defined (only lt, gt, amp, apos and quot are)")
        }
        text += replacement
    }

    /// One character of text, with line breaks normalised to `\n` as XML requires.
    private mutating func character(into text: inout String) throws(Failure) {
        let scalar = self.text[index]
        guard Self.isCharacter(scalar) else {
            throw Failure(offset: index, message: "character U+\(String(scalar.value, radix: 16, uppercase: true)) is not allowed in XML")
        }
        index += 1
        if scalar == "\r" {
            if index < self.text.count, self.text[index] == "\n" { index += 1 }
            text.unicodeScalars.append("\n")
        } else {
            text.unicodeScalars.append(scalar)
        }
    }

    private mutating func name() throws(Failure) -> String {
        let start = index
        guard index < text.count, Self.isNameStart(text[index]) else { throw Failure(offset: index, message: "a name expected") }
        index += 1
        while index < text.count, Self.isNameStart(text[index]) || Self.isNamePart(text[index]) { index += 1 }
        return String(String.UnicodeScalarView(text[start..<index]))
    }

    private mutating func skip(past end: String, what: String) throws(Failure) {
        let start = index
        while !starts(with: end) {
            guard index < text.count else { throw Failure(offset: start, message: "\(what) is not closed with '\(end)'") }
            var ignored = ""
            try character(into: &ignored)
        }
        index += end.unicodeScalars.count
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ message: String) throws(Failure) {
        guard index < text.count, text[index] == scalar else { throw Failure(offset: index, message: message) }
        index += 1
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = index
        while index < text.count, Self.isSpace(text[index]) { index += 1 }
        return index > start
    }

    private func starts(with prefix: String) -> Bool {
        var position = index
        for scalar in prefix.unicodeScalars {
            guard position < text.count, text[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    // MARK: - Character classes (XML 1.0, fifth edition)

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private static func isCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3A, 0x41...0x5A, 0x5F, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D,
             0x37F...0x1FFF, 0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
             0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF: true
        default: false
        }
    }

    private static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: true
        default: false
        }
    }
}

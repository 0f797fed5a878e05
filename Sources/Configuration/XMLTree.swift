import Diagnostics
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML element with its children and text, and where it starts, read with Foundation's `XMLParser`.
struct XMLTree: Sendable, Equatable {
    var name: String
    /// The element's own text, trimmed (Maven trims parameter values too).
    var text: String
    var children: [XMLTree]
    /// 1-based; where the parser reported the element's start tag.
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
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw Diagnostic(
                category: .input, location: SourceLocation(file: file, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1)),
                code: "xml-syntax",
                message: "\(file) is not well-formed XML: \(parser.parserError?.localizedDescription ?? "the document has no root element")",
                hint: "fix the XML (Maven cannot read it either)")
        }
        return root
    }

    /// Collects elements as the parser reports them; local names only, as POM elements have no prefixes.
    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLTree] = []
        var root: XMLTree?

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            stack.append(XMLTree(name: elementName, text: "", children: [], line: parser.lineNumber, column: parser.columnNumber))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard var element = stack.popLast() else { return }
            element.text = element.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }
    }
}

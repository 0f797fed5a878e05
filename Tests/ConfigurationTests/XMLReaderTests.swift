@testable import Configuration
import Diagnostics
import Foundation
import Testing
import TestSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The pom reader against Foundation's `XMLParser` (libxml2), which it replaced so that the release binary links
/// neither libxml2 nor ICU: well-formed documents give the same elements and text, and what `XMLParser` refused
/// is refused. `XMLParser` also let some malformed documents through (a stray end tag, text after the root
/// element), which Maven refuses; so does the reader now, and Python's expat, a strict parser, is the judge.
@Suite struct XMLReaderTests {
    /// What `XMLParser` makes of a document: the tree (positions zeroed), or nil when it is not well-formed.
    static func reference(_ data: Data) -> XMLTree? {
        let builder = ReferenceBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        guard parser.parse() else { return nil }
        return builder.root
    }

    /// Ours, positions zeroed for the comparison; nil when it refuses the document.
    static func ours(_ data: Data) -> XMLTree? {
        (try? XMLTree.parse(data, file: "pom.xml")).map(withoutPositions)
    }

    static func withoutPositions(_ tree: XMLTree) -> XMLTree {
        XMLTree(name: tree.name, text: tree.text, children: tree.children.map(withoutPositions), line: 0, column: 0)
    }

    static let wellFormed: [String] = [
        MavenProjectTests.pom,
        "<project/>",
        "\u{FEFF}<?xml version='1.0'?>\n<project><a>x</a></project>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><p>caf\u{E9} \u{1F600}</p>",
        "<!-- before --><?pi data?><p><!-- inside --><a>1<!-- mid -->2</a><?other x?></p><!-- after -->\n",
        "<p><a><![CDATA[<url>&amp;</url>]]></a><b>  a <![CDATA[ b ]]> c  </b></p>",
        "<p><a>&lt;&gt;&amp;&apos;&quot;</a><b>&#65;&#x42;&#x1F600;</b><c attr=\"&lt;&#34;\" other='\"'/></p>",
        "<!DOCTYPE project [ <!ELEMENT project ANY> <!-- ] > --> <!ATTLIST project a CDATA \"]>\"> ]><project>x</project>",
        "<!DOCTYPE project SYSTEM \"http://example.com/p.dtd\"><project>x</project>",
        "<pom:project xmlns:pom=\"urn:x\"><pom:a>1</pom:a><b.c-d_e>2</b.c-d_e></pom:project>",
        "<p>\r\n  <a>line\r\nbreak\rhere</a>\r\n</p>\r\n",
        "<p>text <a>1</a> between <b/> children\n</p>",
        "<p\n  a = '1'\tb=\"2\"\n></p   >",
        "<p>\u{A0}nbsp\u{2003}</p>",
        "<p>]]</p>",
        "<p>a > b</p>",
    ]

    static let malformed: [String] = [
        "", "   ", "<!-- only a comment -->", "text", "<p>", "<p></q>", "<p><a></p></a>", 
        "<p>&foo;</p>", "<p>a & b</p>", "<p>&#0;</p>", "<p>&#xD800;</p>", "<p>&#xG;</p>", "<p a=1/>", "<p a='1' a='2'/>",
        "<p a='<'/>", "<p a='1'b='2'/>", "<p><!-- a -- b --></p>", "<p><?xml version='1.0'?></p>", " <?xml version='1.0'?><p/>",
        "<p>\u{1}</p>", "<p>]]></p>", "</p>", "<p><!DOCTYPE x></p>", "<p><![CDATA[x</p>", "<p><!-- x</p>", "<1p/>",
        "<p a='x/>", "<!DOCTYPE p", "<p>\u{FFFE}</p>",
    ]

    /// Malformed, and refused by Maven, but accepted by `XMLParser`.
    static let strayContent = ["<p/><q/>", "<p/>text", "<p/><!DOCTYPE p>", "<p></p >x", "<r></a></r>", "<r>x</b>y</r>"]

    /// Whether Python's expat finds each document well-formed.
    static func expatAccepts(_ documents: [String]) throws -> [Bool] {
        let python = try OutsideTool.require("/usr/bin/python3")
        let json = String(decoding: try JSONEncoder().encode(documents), as: UTF8.self)
        let script = """
            import json, sys, xml.parsers.expat
            def ok(text):
                try:
                    xml.parsers.expat.ParserCreate().Parse(text.encode('utf-8'), True)
                    return True
                except xml.parsers.expat.ExpatError:
                    return False
            print(json.dumps([ok(d) for d in json.loads(sys.argv[1])]))
            """
        let run = try OutsideTool.run(python, ["-c", script, json])
        return try JSONDecoder().decode([Bool].self, from: Data(run.output.utf8))
    }

    @Test("malformed documents XMLParser let through are refused, as expat and Maven refuse them")
    func strayContentRefused() throws {
        #expect(try Self.expatAccepts(Self.strayContent).allSatisfy { !$0 })
        for document in Self.strayContent {
            #expect(Self.reference(Data(document.utf8)) != nil, "\(document)")
            #expect(Self.ours(Data(document.utf8)) == nil, "\(document)")
        }
    }

    @Test("well-formed documents give the same elements and text as Foundation's XMLParser", arguments: wellFormed)
    func sameTrees(document: String) throws {
        let expected = try #require(Self.reference(Data(document.utf8)), "XMLParser refuses it")
        #expect(Self.ours(Data(document.utf8)) == expected)
    }

    @Test("documents that are not well-formed are refused by both", arguments: malformed)
    func bothRefuse(document: String) {
        #expect(Self.reference(Data(document.utf8)) == nil, "XMLParser accepts it")
        #expect(Self.ours(Data(document.utf8)) == nil)
    }

    @Test("UTF-16 with a byte order mark and a declared ISO-8859-1 read as XMLParser reads them")
    func otherEncodings() throws {
        let utf16 = try #require("<p><a>caf\u{E9}</a></p>".data(using: .utf16))
        #expect(Self.ours(utf16) == Self.reference(utf16))
        #expect(Self.ours(utf16)?["a"]?.text == "caf\u{E9}")
        let latin1 = Data("<?xml version='1.0' encoding='ISO-8859-1'?><p>caf".utf8) + Data([0xE9]) + Data("</p>".utf8)
        #expect(Self.ours(latin1) == Self.reference(latin1))
        #expect(Self.ours(latin1)?.text == "caf\u{E9}")
    }

    @Test("random documents from XML's pieces: what both read gives the same tree; what only XMLParser reads expat refuses")
    func randomDocuments() throws {
        let pieces = [
            "<a>", "</a>", "<b x='1'>", "</b>", "<c/>", "text", " ", "\n", "&amp;", "&#65;", "&", "<", ">", "]]>", "]]",
            "<![CDATA[x<y]]>", "<!-- c -->", "<!--", "-->", "<?pi d?>", "\r\n", "'", "\"", "=", "<!DOCTYPE a>",
        ]
        var random = SeededGenerator(seed: 15)
        var onlyReference: [String] = []
        var accepted = 0
        for _ in 0..<3000 {
            let count = Int.random(in: 1...10, using: &random)
            var document = (0..<count).map { _ in pieces.randomElement(using: &random)! }.joined()
            if Bool.random(using: &random) { document = "<r>" + document + "</r>" }
            let data = Data(document.utf8)
            let (ours, reference) = (Self.ours(data), Self.reference(data))
            if let ours {
                accepted += 1
                #expect(ours == reference, "\(document)")
            } else if reference != nil {
                onlyReference.append(document)
            }
        }
        #expect(accepted > 100)
        let expat = try Self.expatAccepts(onlyReference)
        #expect(!expat.contains(true), "\(zip(onlyReference, expat).filter(\.1).map(\.0).prefix(10))")
    }

    @Test("an element is placed at its '<' and an error at its line and column, in characters")
    func positions() throws {
        let tree = try XMLTree.parse(Data("<project>\n  <é/><build>\n".utf8 + Data("  </build></project>".utf8)), file: "pom.xml")
        #expect(tree.line == 1 && tree.column == 1)
        #expect(tree["build"]?.line == 2 && tree["build"]?.column == 7)
        #expect(throws: Diagnostic.self) { try XMLTree.parse(Data("<p>\n  <a>\n</p>".utf8), file: "pom.xml") }
        do {
            _ = try XMLTree.parse(Data("<p>\n  é<a>\n</p>".utf8), file: "pom.xml")
        } catch {
            #expect(error.location == SourceLocation(file: "pom.xml", line: 3, column: 1))
            #expect(error.message == "pom.xml is not well-formed XML: opening and ending tag mismatch: 'a' and 'p'")
        }
        do {
            _ = try XMLTree.parse(Data("<p>\né".utf8) + Data([0xFF]), file: "pom.xml")
        } catch {
            #expect(error.location == SourceLocation(file: "pom.xml", line: 2, column: 2))
        }
    }

    @Test("nesting is bounded: 1000 levels are read as XMLParser reads them, 1001 and a million are refused")
    func nestingDepth() {
        let nested = { (depth: Int) in Data((String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)).utf8) }
        #expect(Self.ours(nested(1000)) != nil)
        #expect(Self.ours(nested(1000)) == Self.reference(nested(1000)))
        #expect(Self.ours(nested(1001)) == nil)
        #expect(Self.ours(nested(1_000_000)) == nil)
    }
}

/// The elements as `XMLParser` reports them, collected as the pom reader did before it read XML itself.
private final class ReferenceBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = []
    var root: XMLTree?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        stack.append(XMLTree(name: elementName, text: "", children: [], line: 0, column: 0))
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
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }
}

import SQLScanner
import Testing

@Suite struct LexicalRuleTests {
    static let cases: [ScriptCase<[String]>] = [
        .init("two plain statements", "SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"]),
        .init("a final statement without ;", "SELECT 1;\nSELECT 2", ["SELECT 1", "SELECT 2"]),
        .init("empty script", "", []),
        .init("only whitespace and comments", " \n-- a;\n/* b; */\r\n", []),
        .init("empty statements", ";;SELECT 1;;; ;\nSELECT 2;;", ["SELECT 1", "SELECT 2"]),
        .init("comment-only tail", "SELECT 1; -- done;\n/* end; */\n", ["SELECT 1"]),
        .init("string with ;", "SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", "SELECT 2"]),
        .init("string with '' escape", "SELECT 'it''s; here'; x", ["SELECT 'it''s; here'", "x"]),
        .init("backslash is plain text in a standard string", "SELECT 'a\\'; x", ["SELECT 'a\\'", "x"]),
        .init("E string with \\' escape", "SELECT E'\\';'; x", ["SELECT E'\\';'", "x"]),
        .init("e string with \\\\ escape", "SELECT e'\\\\'; x", ["SELECT e'\\\\'", "x"]),
        .init("E string with '' escape", "SELECT E'a'';'; x", ["SELECT E'a'';'", "x"]),
        .init("identifier ending in e is not an E prefix", "SELECT typE'\\'; SELECT 2", ["SELECT typE'\\'", "SELECT 2"]),
        .init("U& string", "SELECT U&'d\\0061t;'; x", ["SELECT U&'d\\0061t;'", "x"]),
        .init("U& identifier", "SELECT U&\"a;b\" FROM t; x", ["SELECT U&\"a;b\" FROM t", "x"]),
        .init("B X N strings", "SELECT B'1;0', X'3B;', N'n;''n'; x", ["SELECT B'1;0', X'3B;', N'n;''n'", "x"]),
        .init("string continuation across lines", "SELECT 'a;'\n'b;'; x", ["SELECT 'a;'\n'b;'", "x"]),
        .init("quoted identifier with \"\" escape", "SELECT \"a;\"\"b\" FROM t; x", ["SELECT \"a;\"\"b\" FROM t", "x"]),
        .init("quoted identifier with '", "SELECT \"it's\"; x", ["SELECT \"it's\"", "x"]),
        .init("$$ body", "SELECT $$a;b$$; x", ["SELECT $$a;b$$", "x"]),
        .init("tagged body with nested $$", "SELECT $fn$ a; $$ b; $$ c $fn$; x", ["SELECT $fn$ a; $$ b; $$ c $fn$", "x"]),
        .init("nested different tags", "SELECT $a$ $b$ ; $b$ $a$; x", ["SELECT $a$ $b$ ; $b$ $a$", "x"]),
        .init("tags are case-sensitive", "SELECT $A$ x; $a$ ; $A$; y", ["SELECT $A$ x; $a$ ; $A$", "y"]),
        .init("tag with digits and underscore", "SELECT $_t1$ ; $_t1$; x", ["SELECT $_t1$ ; $_t1$", "x"]),
        .init("prefix of the closing tag is text", "SELECT $ab$ $a$ $abc$ ; $ab$; x", ["SELECT $ab$ $a$ $abc$ ; $ab$", "x"]),
        .init("quotes inside a dollar body", "SELECT $$ ' \" /* -- $$; x", ["SELECT $$ ' \" /* -- $$", "x"]),
        .init("$1 is a parameter", "SELECT $1; SELECT $2 + $10", ["SELECT $1", "SELECT $2 + $10"]),
        .init("a tag cannot start with a digit", "SELECT $1$; x", ["SELECT $1$", "x"]),
        .init("$ inside an identifier", "SELECT a$b$ ; x", ["SELECT a$b$", "x"]),
        .init("$ without a closing $", "SELECT $abc; x", ["SELECT $abc", "x"]),
        .init("line comment with ;", "SELECT 1 -- c;\n+ 2; x", ["SELECT 1 -- c;\n+ 2", "x"]),
        .init("line comment ended by lone CR", "SELECT 1 -- c\r; x", ["SELECT 1", "x"]),
        .init("line comment with quotes", "SELECT 1 -- it's \"\n; x", ["SELECT 1", "x"]),
        .init("block comment with ;", "SELECT /* a; */ 1; x", ["SELECT /* a; */ 1", "x"]),
        .init("nested block comments", "SELECT /* a /* b; */ c; */ 1; x", ["SELECT /* a /* b; */ c; */ 1", "x"]),
        .init("block comment with quotes", "SELECT /* it's $$ */ 1; x", ["SELECT /* it's $$ */ 1", "x"]),
        .init("comment start inside an operator", "SELECT 2*/*c;*/3; x", ["SELECT 2*/*c;*/3", "x"]),
        .init("/*/ opens one comment", "SELECT /*/ ; */ 1; x", ["SELECT /*/ ; */ 1", "x"]),
        .init("-- inside an operator", "SELECT 1 +-- c;\n2; x", ["SELECT 1 +-- c;\n2", "x"]),
        .init("trailing comment is not part of the text", "SELECT 1 -- last\n;", ["SELECT 1"]),
        .init("leading comments are not part of the text", "-- head\n/* h */ SELECT 1", ["SELECT 1"]),
        .init("; inside parentheses does not end a statement", "CREATE RULE r AS ON INSERT TO t DO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2)); SELECT 2", ["CREATE RULE r AS ON INSERT TO t DO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))", "SELECT 2"]),
        .init("BEGIN and COMMIT are statements", "BEGIN; SELECT 1; COMMIT;", ["BEGIN", "SELECT 1", "COMMIT"]),
        .init("BEGIN TRANSACTION and END", "BEGIN TRANSACTION; UPDATE t SET a = 1; END;",
              ["BEGIN TRANSACTION", "UPDATE t SET a = 1", "END"]),
        .init("non-ASCII text", "SELECT 'é🙂;' AS \"ü;\"; SELECT 2", ["SELECT 'é🙂;' AS \"ü;\"", "SELECT 2"]),
        .init("leading BOM", "\u{FEFF}SELECT 1;\nSELECT 2", ["SELECT 1", "SELECT 2"]),
        .init("CRLF inside a statement is kept", "SELECT 1,\r\n  2;\r\nx", ["SELECT 1,\r\n  2", "x"]),
        .init("numbers are not words or tags", "SELECT 1.5e3, 0x1F, 1_000; x", ["SELECT 1.5e3, 0x1F, 1_000", "x"]),
    ]

    @Test("each lexical rule splits where PostgreSQL does", arguments: cases)
    func splits(_ row: ScriptCase<[String]>) throws {
        #expect(try texts(row.script) == row.expected)
    }

    @Test("a BOM after the start is not skipped")
    func innerBOMIsText() throws {
        #expect(try texts("SELECT 1;\u{FEFF}SELECT 2") == ["SELECT 1", "\u{FEFF}SELECT 2"])
    }
}

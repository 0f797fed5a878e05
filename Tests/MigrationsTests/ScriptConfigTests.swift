import Diagnostics
import Migrations
import Testing

@Suite struct ScriptConfigTests {
    @Test("reads the three settings and skips comments and blank lines")
    func reads() throws {
        let text = "# run outside a transaction\n\nexecuteInTransaction=false\n  encoding = ISO-8859-1 \nplaceholderReplacement=TRUE\n"
        let config = try ScriptConfig.parse(text, file: "V1__x.sql.conf")
        #expect(config == ScriptConfig(executeInTransaction: false, encoding: "ISO-8859-1", placeholderReplacement: true))
    }

    @Test("an empty file sets nothing")
    func empty() throws {
        #expect(try ScriptConfig.parse("", file: "x.conf") == ScriptConfig())
    }

    @Test("reports every bad line with its location")
    func errors() {
        let text = "executeInTransaction=maybe\nshouldExecute=true\n  justtext\n"
        #expect {
            try ScriptConfig.parse(text, file: "V1__x.sql.conf")
        } throws: { error in
            guard let list = error as? DiagnosticList else { return false }
            return list.diagnostics.map(\.location) == [
                SourceLocation(file: "V1__x.sql.conf", line: 1, column: 1),
                SourceLocation(file: "V1__x.sql.conf", line: 2, column: 1),
                SourceLocation(file: "V1__x.sql.conf", line: 3, column: 3),
            ]
                && list.diagnostics[0].message.contains("true or false")
                && list.diagnostics[1].message.contains("unknown script setting 'shouldExecute'")
                && list.diagnostics[2].message.contains("key=value")
        }
    }
}

import Diagnostics
import Specs
import Testing
import TestSupport

/// The spec loader and the CSV reader never crash or hang: any input gives a value or diagnostics naming the file.
@Suite struct SpecFuzzTests {
    static let yamlFragments = [
        "suite: s\n", "tests:\n", "  - name: t\n", "    then:\n", "      - query: SELECT 1\n", "        equals: 1\n",
        "        rows: [[1, 2]]\n", "        fails: { sqlstate: P0001 }\n", "    when:\n      sql: CALL p($1)\n",
        "      params: [a, 2]\n", "before_each:\n", "  - load: { table: t, csv: f.csv }\n", "tags: [a]\n", "- ", ": ",
        "[", "]", "{", "}", "'", "\"", "&a ", "*a", "!!str ", "|\n", ">-\n", "#", "  ", "\n", "~", "null", "1e9",
        "<<: ", "? ", "%YAML 1.2\n", "---\n", "...\n",
    ]

    static let csvFragments = ["a,b\n", ",", "\"", "\"\"", "\n", "\r\n", "\r", "x", "1", "\u{FEFF}", "é", " "]

    @Test("random spec text loads or gives diagnostics naming the file")
    func randomSpecs() {
        var generator = SeededGenerator(seed: 0x59EC)
        for _ in 0..<1500 {
            let text = FuzzInput.text(fragments: Self.yamlFragments, using: &generator)
            do {
                _ = try SpecLoader.load(text: text, file: "fuzz.yml")
            } catch {
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics.allSatisfy { $0.location?.file == "fuzz.yml" }, "\(text.debugDescription)")
            }
        }
    }

    @Test("random CSV bytes parse to rectangular rows or give diagnostics naming the file")
    func randomCSV() {
        var generator = SeededGenerator(seed: 0xC5F)
        for _ in 0..<5000 {
            let bytes = FuzzInput.bytes(fragments: Self.csvFragments, using: &generator)
            do {
                let table = try CSVReader.parse(bytes, file: "fuzz.csv")
                #expect(table.rows.allSatisfy { $0.count == table.header.count })
                #expect(table.rowLines.count == table.rows.count)
            } catch {
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics.allSatisfy { $0.location?.file == "fuzz.csv" }, "\(bytes)")
            }
        }
    }
}

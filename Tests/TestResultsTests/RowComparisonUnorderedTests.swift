import Testing
@testable import TestResults

@Suite struct RowComparisonUnorderedTests {
    @Test("bag ignores order but counts duplicates")
    func bagDuplicates() {
        let have: [[String?]] = [["b", nil], ["a", "1"], ["a", "1"], ["a", "1"]]
        let want: [[String?]] = [["a", "1"], ["b", nil], ["c", "2"]]
        let failure = RowComparison.bag(have: have, want: want)
        #expect(failure?.type == "bag")
        #expect(failure?.message == "Results differ (ignoring order): 2 extra records, 1 missing record")
        #expect(failure?.details == """
            Results differ (ignoring order): 2 extra records, 1 missing record
            Extra records:
                (a,1)
                (a,1)
            Missing records:
                (c,2)
            """)
    }

    @Test("bag passes on the same rows in another order, NULL matching NULL")
    func bagPasses() {
        #expect(RowComparison.bag(have: [[nil, "x"], ["y", nil], ["y", nil]], want: [["y", nil], [nil, "x"], ["y", nil]]) == nil)
    }

    @Test("set ignores order and duplicates, listing each extra or missing row once")
    func setDifferences() {
        let have: [[String?]] = [["a"], ["a"], ["b"], ["b"], [nil]]
        let want: [[String?]] = [["b"], ["c"], ["c"]]
        let failure = RowComparison.set(have: have, want: want)
        #expect(failure?.type == "set")
        #expect(failure?.details == """
            Results differ (ignoring order and duplicates): 2 extra records, 1 missing record
            Extra records:
                (a)
                (NULL)
            Missing records:
                (c)
            """)
        #expect(RowComparison.set(have: [["a"], ["a"], ["b"]], want: [["b"], ["a"]]) == nil)
    }

    @Test("NULL and the text 'NULL' are different rows, shown unambiguously")
    func nullVersusText() {
        let failure = RowComparison.bag(have: [[nil]], want: [["NULL"]])
        #expect(failure?.details.contains("Extra records:\n    (NULL)\nMissing records:\n    (\"NULL\")") == true)
    }

    @Test("set and bag with different widths fail on columns", arguments: ["bag", "set"])
    func widths(kind: String) {
        let have: [[String?]] = [["a"]]
        let want: [[String?]] = [["a", "b"]]
        let failure = kind == "bag" ? RowComparison.bag(have: have, want: want) : RowComparison.set(have: have, want: want)
        #expect(failure?.message == "Number of columns differ: have 1 column, want 2")
        #expect(failure?.type == kind)
    }

    @Test("100,000 rows each side: counts and a capped listing")
    func largeBag() {
        let have = (0..<100_000).map { [String($0), "x"] as [String?] }
        let want = (0..<100_000).map { [String($0 + 500), "x"] as [String?] }
        let bag = RowComparison.bag(have: have, want: want)
        let set = RowComparison.set(have: have, want: want)
        #expect(bag?.message == "Results differ (ignoring order): 500 extra records, 500 missing records")
        #expect(set?.message == "Results differ (ignoring order and duplicates): 500 extra records, 500 missing records")
        #expect(bag?.details.contains("    (0,x)\n") == true)
        #expect(bag?.details.contains("    ... and 480 more\nMissing records:\n    (100000,x)") == true)
    }
}

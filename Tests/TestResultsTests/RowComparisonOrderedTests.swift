import Testing
@testable import TestResults

@Suite struct RowComparisonOrderedTests {
    @Test("equal results in the same order pass, NULLs included")
    func equalPasses() {
        let rows: [[String?]] = [["Widget", "ACTIVE"], ["Gadget", nil]]
        #expect(RowComparison.ordered(have: rows, want: rows) == nil)
        #expect(RowComparison.ordered(have: [], want: []) == nil)
    }

    @Test("a differing row is reported as pgTAP's results_eq does")
    func firstDifference() {
        let failure = RowComparison.ordered(
            have: [["Gadget", "ACTIVE"], ["Widget", "CLOSED"]],
            want: [["Gadget", "ACTIVE"], ["Widget", "ACTIVE"]]
        )
        #expect(failure?.message == "Results differ beginning at row 2")
        #expect(failure?.type == "rows")
        #expect(failure?.details == """
            Results differ beginning at row 2:
                have: (Widget,CLOSED)
                want: (Widget,ACTIVE)
            """)
    }

    @Test("extra rows after an equal prefix are listed with their row numbers")
    func extraRows() {
        let failure = RowComparison.ordered(have: [["1"], ["2"], [nil]], want: [["1"]])
        #expect(failure?.message == "Number of rows differ: have 3, want 1")
        #expect(failure?.details == """
            Number of rows differ: have 3, want 1
            Extra records:
                row 2: (2)
                row 3: (NULL)
            """)
    }

    @Test("missing rows are listed when have is shorter")
    func missingRows() {
        let failure = RowComparison.ordered(have: [], want: [["a", "b"]])
        #expect(failure?.details == """
            Number of rows differ: have 0, want 1
            Missing records:
                row 1: (a,b)
            """)
    }

    @Test("a difference and a length difference are both reported, with later differing rows")
    func differenceAndLength() {
        let failure = RowComparison.ordered(
            have: [["1"], ["x"], ["3"], ["y"], ["5"]],
            want: [["1"], ["2"], ["3"], ["4"]]
        )
        #expect(failure?.message == "Results differ beginning at row 2")
        #expect(failure?.details == """
            Results differ beginning at row 2:
                have: (x)
                want: (2)
            Later rows that differ: 1
                row 4: have (y), want (4)
            Number of rows differ: have 5, want 4
            Extra records:
                row 5: (5)
            """)
    }

    @Test("rows of different widths are a column-count failure")
    func columnMismatch() {
        let failure = RowComparison.ordered(have: [["a", "b"]], want: [["a", "b", "c"]])
        #expect(failure?.message == "Number of columns differ: have 2 columns, want 3")
        #expect(failure?.details == """
            Number of columns differ: have 2 columns, want 3:
                have: (a,b)
                want: (a,b,c)
            """)
    }

    @Test("text compares byte for byte: precomposed é differs from e + combining accent")
    func exactText() {
        let failure = RowComparison.ordered(have: [["caf\u{E9}"]], want: [["cafe\u{301}"]])
        #expect(failure?.message == "Results differ beginning at row 1")
    }

    @Test("many differing rows are capped at 20 with a count of the rest")
    func capped() {
        let have = (0..<501).map { [String($0)] as [String?] }
        let want = (0..<501).map { ["w\($0)"] as [String?] }
        let lines = RowComparison.ordered(have: have, want: want)?.details.split(separator: "\n") ?? []
        #expect(lines.contains("Later rows that differ: 500"))
        #expect(lines.last == "    ... and 480 more")
        #expect(lines.count == 3 + 1 + 20 + 1)
    }
}

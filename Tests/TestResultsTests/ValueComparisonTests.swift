import Testing
@testable import TestResults

@Suite struct ValueComparisonTests {
    @Test("equals shows have and want")
    func equalsDiffers() {
        let failure = ValueComparison.equals(have: "3", want: "2")
        #expect(failure == TestFailure(message: "have: 3, want: 2", type: "equals", details: "have: 3\nwant: 2"))
    }

    @Test("equals passes on equal text and on NULL = NULL", arguments: [("3" as String?, "3" as String?), (nil, nil)])
    func equalsPasses(have: String?, want: String?) {
        #expect(ValueComparison.equals(have: have, want: want) == nil)
    }

    @Test("equals distinguishes NULL, empty text and the text NULL")
    func equalsNulls() {
        #expect(ValueComparison.equals(have: nil, want: "")?.details == "have: NULL\nwant: \"\"")
        #expect(ValueComparison.equals(have: "NULL", want: nil)?.details == "have: \"NULL\"\nwant: NULL")
    }

    @Test("a multi-line value keeps its lines in the details and is one line in the message")
    func multiLine() {
        let failure = ValueComparison.equals(have: "a\nb", want: "a")
        #expect(failure?.message == "have: a\\nb, want: a")
        #expect(failure?.details == "have: a\nb\nwant: a")
    }

    @Test("is null and is not null")
    func nullChecks() {
        #expect(ValueComparison.isNull(have: nil) == nil)
        #expect(ValueComparison.isNull(have: "7") == TestFailure(
            message: "have: 7, want: NULL", type: "is_null", details: "have: 7\nwant: NULL"))
        #expect(ValueComparison.isNotNull(have: "") == nil)
        #expect(ValueComparison.isNotNull(have: nil) == TestFailure(
            message: "have: NULL, want: not NULL", type: "is_not_null", details: "have: NULL\nwant: not NULL"))
    }

    @Test("row count, empty, not empty and column count texts")
    func countChecks() {
        #expect(RowComparison.rowCount(have: 3, want: 3) == nil)
        #expect(RowComparison.rowCount(have: 3, want: 2) == TestFailure(
            message: "Number of rows differ: have 3, want 2", type: "row_count",
            details: "Number of rows differ: have 3, want 2"))
        #expect(RowComparison.isEmpty(have: []) == nil)
        #expect(RowComparison.isEmpty(have: [["a", nil], ["b", "c"]]) == TestFailure(
            message: "Expected no rows, have 2", type: "is_empty",
            details: "Expected no rows, have 2:\n    (a,NULL)\n    (b,c)"))
        #expect(RowComparison.isNotEmpty(have: [[nil]]) == nil)
        #expect(RowComparison.isNotEmpty(have: []) == TestFailure(
            message: "Expected at least one row, have none", type: "is_not_empty",
            details: "Expected at least one row, have none"))
        #expect(RowComparison.columnCount(have: 2, want: 2) == nil)
        #expect(RowComparison.columnCount(have: 2, want: 3)?.message == "Number of columns differ: have 2 columns, want 3")
        #expect(RowComparison.columnCount(have: 1, want: 3)?.type == "columns")
    }
}

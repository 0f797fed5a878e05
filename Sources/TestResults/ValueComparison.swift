/// Checks on a single value (text as the server returned it, `nil` = NULL), with pgTAP-like have/want texts.
///
/// Every function returns nil when the check holds.
public enum ValueComparison {
    /// The value must equal the wanted one; NULL equals NULL, text compares byte for byte.
    public static func equals(have: String?, want: String?) -> TestFailure? {
        guard !RowKey.sameValue(have, want) else { return nil }
        return haveWant(type: "equals", have: ValueText.scalar(have), want: ValueText.scalar(want))
    }

    /// The value must be NULL.
    public static func isNull(have: String?) -> TestFailure? {
        guard let have else { return nil }
        return haveWant(type: "is_null", have: ValueText.scalar(have), want: "NULL")
    }

    /// The value must not be NULL.
    public static func isNotNull(have: String?) -> TestFailure? {
        guard have == nil else { return nil }
        return haveWant(type: "is_not_null", have: "NULL", want: "not NULL")
    }

    /// A failure whose details are `have: ...` and `want: ...` lines and whose message is both on one line.
    static func haveWant(type: String, have: String, want: String) -> TestFailure {
        TestFailure(
            message: "have: \(ValueText.oneLine(have)), want: \(ValueText.oneLine(want))",
            type: type,
            details: "have: \(have)\nwant: \(want)"
        )
    }
}

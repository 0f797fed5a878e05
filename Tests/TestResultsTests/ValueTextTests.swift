import Testing
@testable import TestResults

@Suite struct ValueTextTests {
    @Test("row fields are quoted only when they could be misread", arguments: [
        (["a", "b", nil] as [String?], "(a,b,NULL)"),
        (["x,y", "(p)", "say \"hi\""], "(\"x,y\",\"(p)\",\"say \"\"hi\"\"\")"),
        ([" lead", "trail ", "in side"], "(\" lead\",\"trail \",in side)"),
        (["", "null", "back\\slash"], "(\"\",\"null\",\"back\\\\slash\")"),
        (["line\nbreak", "é ü 日本"], "(\"line\nbreak\",é ü 日本)"),
    ])
    func rows(fields: [String?], text: String) {
        #expect(ValueText.row(fields) == text)
    }

    @Test("scalars are quoted only when empty, NULL-like, quote-led or space-padded", arguments: [
        ("3" as String?, "3"), (nil, "NULL"), ("", "\"\""), ("NULL", "\"NULL\""), (" 3", "\" 3\""),
        ("a,b", "a,b"), ("\"q\"", "\"\"\"q\"\"\""),
    ])
    func scalars(value: String?, text: String) {
        #expect(ValueText.scalar(value) == text)
    }

    @Test("one-line text shows line breaks and stops at the limit")
    func oneLine() {
        #expect(ValueText.oneLine("a\nb\r\nc\td") == "a\\nb\\nc\\td")
        #expect(ValueText.oneLine("abcdef", limit: 3) == "abc…")
        #expect(ValueText.oneLine("abc", limit: 3) == "abc")
    }
}

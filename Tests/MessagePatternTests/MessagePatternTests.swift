import Foundation
import MessagePattern
import Testing

@Suite struct MessagePatternTests {
    /// Pattern, message, whether some part of the message matches.
    static let cases: [(String, String, Bool)] = [
        ("null value", "null value in column \"email\" violates not-null constraint", true),
        ("^null", "a null value", false),
        ("constraint$", "violates not-null constraint", true),
        ("constraint$", "violates not-null constraint\n", true),
        ("col.mn \"e[a-z]+\"", "null value in column \"email\"", true),
        ("[^a-z ]", "only lower case", false),
        ("\\d{3}-\\d{2,}", "code 123-45", true),
        ("\\d{3}-\\d{2,}", "code 123-4", false),
        ("x{2,3}y", "xxy", true),
        ("^x{2,3}y", "xxxxy", false),
        ("(?:duplicate|unique) key", "duplicate key value violates unique constraint", true),
        ("(foo|bar)+baz", "foobarfoobaz", true),
        ("a\\.b", "axb", false),
        ("a\\.b", "a.b", true),
        ("\\(x\\)", "f(x)", true),
        ("(?i)DUPLICATE KEY", "duplicate key value", true),
        ("(?i)[A-C]x", "bx", true),
        ("DUPLICATE", "duplicate", false),
        ("a|", "zzz", true),
        ("\\s\\S\\w\\W", " a_!", true),
        ("colou?r", "color", true),
        ("colour?", "color", false),
        ("é+", "café", true),
        ("a.c", "a\nc", false),
        ("\\{", "a { b", true),
        ("[]a]", "]", true),
        ("[a-]", "-", true),
    ]

    @Test("matches as a regular expression search does", arguments: cases)
    func matching(pattern: String, message: String, expected: Bool) throws {
        #expect(try MessagePattern(pattern).matches(in: message) == expected)
        // The same answer as ICU, which the syntax is a subset of.
        let icu = try NSRegularExpression(pattern: pattern)
        let range = NSRange(message.startIndex..., in: message)
        #expect((icu.firstMatch(in: message, range: range) != nil) == expected)
    }

    @Test("a pattern that makes a backtracking engine spin is matched at once", arguments: [
        "(a*)*b", "(a|aa)+$", "(x+x+)+y", "(a|a?)+b", "^(\\w+\\s?)*$!",
    ])
    func noBacktracking(pattern: String) throws {
        let message = String(repeating: "a", count: 5_000) + " x" + String(repeating: "x", count: 5_000)
        let started = ContinuousClock.now
        _ = try MessagePattern(pattern).matches(in: message)
        // A backtracking engine takes minutes at 30 characters; this is linear in the message's length.
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("syntax that needs backtracking, and broken patterns, are refused with the position", arguments: [
        ("(a)\\1", 4, "'\\1' is not supported"), ("(?=a)", 2, "only (...) and (?:...) groups"),
        ("a*+", 3, "possessive"), ("(ab", 4, "a '(' is never closed"), ("ab)", 3, "unmatched ')'"),
        ("[ab", 4, "a '[' is never closed"), ("*a", 1, "has nothing before it"), ("a{2000}", 2, "at most 1000"),
        ("[z-a]", 5, "backwards"), ("(a{1000}){1000}", 1, "too large"),
        (String(repeating: "(", count: 200), 101, "nested too deeply"), ("ab\\", 4, "lone backslash"),
        ("a{x}", 2, "write \\{ to match a brace"), ("{", 1, "write \\{"),
    ])
    func refused(pattern: String, position: Int, reason: String) {
        let error = #expect(throws: PatternError.self) { try MessagePattern(pattern) }
        #expect(error?.position == position, "\(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }
}

import Testing
@testable import TestResults

@Suite struct ErrorExpectationTests {
    static let duplicate = ServerError(sqlState: "23505", message: "duplicate key value violates unique constraint \"t_pkey\"")

    @Test("a matching error passes", arguments: [
        ErrorExpectation(),
        ErrorExpectation(sqlState: "23505"),
        ErrorExpectation(messagePattern: "duplicate key"),
        ErrorExpectation(sqlState: "23505", messagePattern: "^duplicate .*pkey\"$"),
    ])
    func matches(expectation: ErrorExpectation) {
        #expect(expectation.check(caught: Self.duplicate) == nil)
    }

    @Test("a different SQLSTATE shows caught and wanted, SQLSTATE first")
    func wrongState() {
        let failure = ErrorExpectation(sqlState: "23502").check(caught: Self.duplicate)
        #expect(failure == TestFailure(
            message: "caught: 23505: duplicate key value violates unique constraint \"t_pkey\"; wanted: 23502",
            type: "fails",
            details: "caught: 23505: duplicate key value violates unique constraint \"t_pkey\"\nwanted: 23502"))
    }

    @Test("no error at all is reported as caught: no error")
    func noError() {
        let failure = ErrorExpectation(sqlState: "23502", messagePattern: "null value").check(caught: nil)
        #expect(failure?.details == "caught: no error\nwanted: 23502: message matching /null value/")
        #expect(ErrorExpectation().check(caught: nil)?.details == "caught: no error\nwanted: any error")
    }

    @Test("a message that does not match the pattern fails")
    func wrongMessage() {
        let failure = ErrorExpectation(messagePattern: "foreign key").check(caught: Self.duplicate)
        #expect(failure?.details.hasSuffix("\nwanted: message matching /foreign key/") == true)
    }

    @Test("a pattern that spins a backtracking engine is checked at once")
    func catastrophicPattern() {
        let message = String(repeating: "a", count: 40) + "!"
        let started = ContinuousClock.now
        let failure = ErrorExpectation(messagePattern: "^(a|aa)*$").check(caught: ServerError(sqlState: "P0001", message: message))
        #expect(failure != nil)
        // Swift Regex takes minutes on this at 30 characters; the bound only keeps a regression from hanging.
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("an invalid pattern fails and says so")
    func invalidPattern() {
        let failure = ErrorExpectation(messagePattern: "(unclosed").check(caught: Self.duplicate)
        #expect(failure?.message.hasPrefix("Invalid message pattern /(unclosed/") == true)
    }

    @Test("an unexpected server error puts the SQLSTATE first")
    func unexpected() {
        let failure = TestFailure.unexpected(
            ServerError(sqlState: "42P01", message: "relation \"nope\" does not exist"),
            notes: ["sql: SELECT * FROM nope", "at tests/a.sql:3:1"])
        #expect(failure == TestFailure(
            message: "42P01: relation \"nope\" does not exist",
            type: "SQLSTATE 42P01",
            details: "42P01: relation \"nope\" does not exist\nsql: SELECT * FROM nope\nat tests/a.sql:3:1"))
    }
}

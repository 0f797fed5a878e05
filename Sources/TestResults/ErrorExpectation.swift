import MessagePattern

/// What a `fails` test wants: the statement must raise an error, optionally with a given SQLSTATE and a
/// message matching a regular expression (pgTAP `throws_ok`/`throws_like`).
public struct ErrorExpectation: Sendable, Equatable {
    /// The wanted SQLSTATE, compared ignoring case; nil accepts any.
    public var sqlState: String?
    /// A regular expression (``MessagePattern`` syntax) the message must contain a match of; nil accepts any.
    public var messagePattern: String?

    public init(sqlState: String? = nil, messagePattern: String? = nil) {
        self.sqlState = sqlState
        self.messagePattern = messagePattern
    }

    /// Checks the error the statement raised (nil: it raised none); nil when it is what was wanted.
    ///
    /// A pattern that is not a valid regular expression fails the check and says why.
    public func check(caught: ServerError?) -> TestFailure? {
        let pattern: MessagePattern?
        do { pattern = try messagePattern.map { pattern throws(PatternError) in try MessagePattern(pattern) } } catch {
            return invalidPattern(error)
        }
        var matches = false
        if let caught {
            let stateMatches = sqlState.map { $0.uppercased() == caught.sqlState.uppercased() } ?? true
            matches = stateMatches && (pattern.map { $0.matches(in: caught.message) } ?? true)
        }
        guard !matches else { return nil }
        let have = caught?.text ?? "no error"
        return TestFailure(
            message: "caught: \(ValueText.oneLine(have)); wanted: \(ValueText.oneLine(wanted))",
            type: "fails",
            details: "caught: \(have)\nwanted: \(wanted)"
        )
    }

    /// `23502`, `23502: message matching /null value/`, `message matching /.../` or `any error`.
    var wanted: String {
        let pattern = messagePattern.map { "message matching /\($0)/" }
        switch (sqlState, pattern) {
        case let (state?, pattern?): return "\(state): \(pattern)"
        case let (state?, nil): return state
        case let (nil, pattern?): return pattern
        case (nil, nil): return "any error"
        }
    }

    private func invalidPattern(_ error: any Error) -> TestFailure {
        let text = "Invalid message pattern /\(messagePattern ?? "")/: \(error)"
        return TestFailure(message: ValueText.oneLine(text), type: "fails", details: text)
    }
}

/// Recognises `COPY ... FROM STDIN`, whose data lines follow the statement in the script.
///
/// Watches every token, not just the first words, since a long column list pushes `FROM STDIN` far back; only
/// `FROM STDIN` outside parentheses counts, so `COPY (SELECT * FROM stdin) TO STDOUT` reads no data.
struct CopyFromStdinDetector {
    private enum State {
        case start, copy, copyAfterFrom, readsStdin, other
    }

    private var state = State.start

    var readsStdin: Bool { state == .readsStdin }

    /// Whether the next token's keyword matters; when not, the lexer may pass nil without looking.
    var wantsKeywords: Bool { state == .start || state == .copy || state == .copyAfterFrom }

    /// Notes the statement's next token by the keyword it spells (nil for any other token).
    mutating func noteToken(_ keyword: Keyword?, parenthesisDepth: Int) {
        switch state {
        case .start:
            state = keyword == .copy ? .copy : .other
        case .copy, .copyAfterFrom:
            if parenthesisDepth == 0 && state == .copyAfterFrom && keyword == .stdin {
                state = .readsStdin
            } else {
                state = parenthesisDepth == 0 && keyword == .from ? .copyAfterFrom : .copy
            }
        case .readsStdin, .other:
            break
        }
    }
}

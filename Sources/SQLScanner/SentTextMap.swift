/// Where each character of a rewritten statement came from in the statement as written, so that a server error's
/// position in the text sent still points into the user's file.
public struct SentTextMap: Sendable, Equatable {
    /// A point where copying and replacing alternate: `sent` and `original` are 0-based scalar offsets; from an
    /// anchor with `replaced` the sent text is new (it maps to `original`), otherwise it is copied one for one.
    public struct Anchor: Sendable, Equatable {
        public var sent: Int
        public var original: Int
        public var replaced: Bool

        public init(sent: Int, original: Int, replaced: Bool) {
            self.sent = sent
            self.original = original
            self.replaced = replaced
        }
    }

    /// In increasing order of `sent`.
    public var anchors: [Anchor]

    public init(anchors: [Anchor]) {
        self.anchors = anchors
    }

    /// The 0-based scalar offset in the original text of 0-based scalar offset `sent` of the sent text.
    public func originalOffset(ofSent sent: Int) -> Int {
        guard let anchor = anchors.last(where: { $0.sent <= sent }) else { return sent }
        return anchor.replaced ? anchor.original : anchor.original + (sent - anchor.sent)
    }
}

/// A token as far as statement splitting cares; everything else (strings, numbers, operators, dollar bodies)
/// is `.other`.
enum Token {
    /// An unquoted identifier or keyword: the keyword it spells when the statement still needs keywords, and its
    /// upper-cased text when the statement still collects words (nil once it has enough).
    case identifier(Keyword?, word: String?)
    /// A quoted identifier as written, or nil once the statement has enough words.
    case quotedIdentifier(word: String?)
    case openParenthesis
    case closeParenthesis
    case other

    var keyword: Keyword? {
        if case .identifier(let keyword, _) = self { return keyword }
        return nil
    }
}

/// Random inputs for parser property tests: the syntax a parser cares about, mixed with arbitrary characters and
/// bytes, so that every branch (and every malformed variant of it) gets exercised.
public enum FuzzInput {
    /// Characters that are not part of any syntax but that parsers trip on: controls, NUL, non-ASCII, a BOM.
    static let oddCharacters: [String] = ["\0", "\t", "\r", "\n", "\u{1}", "\u{7F}", "é", "🙂", "\u{FEFF}", "\u{2028}", " "]

    /// Up to `maxPieces` pieces, each a fragment, an odd character, or a run of random printable ASCII.
    public static func text(fragments: [String], maxPieces: Int = 40, using generator: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...maxPieces, using: &generator) {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<6: text += fragments.randomElement(using: &generator) ?? ""
            case 6..<8: text += oddCharacters.randomElement(using: &generator) ?? ""
            default:
                let count = Int.random(in: 1...8, using: &generator)
                text += String((0..<count).map { _ in Character(Unicode.Scalar(UInt8.random(in: 32...126, using: &generator))) })
            }
        }
        return text
    }

    /// ``text(fragments:maxPieces:using:)`` as bytes, with some bytes replaced by arbitrary ones (invalid UTF-8
    /// included) and sometimes cut short in the middle of a character.
    public static func bytes(fragments: [String], maxPieces: Int = 40, using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = Array(text(fragments: fragments, maxPieces: maxPieces, using: &generator).utf8)
        for _ in 0..<Int.random(in: 0...3, using: &generator) where !bytes.isEmpty {
            bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
        }
        if !bytes.isEmpty && Bool.random(using: &generator) {
            bytes.removeLast(Int.random(in: 0...min(3, bytes.count), using: &generator))
        }
        return bytes
    }
}

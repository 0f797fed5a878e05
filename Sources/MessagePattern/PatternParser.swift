/// Reads a pattern's syntax (see ``MessagePattern``) into a ``PatternNode`` tree.
struct PatternParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var depth = 0

    /// Deeper nesting of groups is refused, so that parsing (which recurses per group) cannot overflow the stack.
    private static let maximumDepth = 100
    private static let maximumCount = 1000

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// The whole pattern, and whether it starts with `(?i)`.
    mutating func parse() throws(PatternError) -> (PatternNode, ignoresCase: Bool) {
        let ignoresCase = scalars.starts(with: Array("(?i)".unicodeScalars))
        if ignoresCase { index = 4 }
        let node = try alternatives()
        if index < scalars.count { throw problem("unmatched ')'") }
        return (node, ignoresCase)
    }

    private func problem(_ reason: String) -> PatternError {
        PatternError(position: min(index, scalars.count) + 1, reason: reason)
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func alternatives() throws(PatternError) -> PatternNode {
        var options = [try sequence()]
        while current == "|" {
            index += 1
            options.append(try sequence())
        }
        return options.count == 1 ? options[0] : .alternatives(options)
    }

    private mutating func sequence() throws(PatternError) -> PatternNode {
        var items: [PatternNode] = []
        while let scalar = current, scalar != "|", scalar != ")" {
            items.append(try repeated(try atom()))
        }
        return items.isEmpty ? .empty : .sequence(items)
    }

    /// The atom with the quantifiers after it.
    private mutating func repeated(_ atom: PatternNode) throws(PatternError) -> PatternNode {
        var node = atom
        while let scalar = current {
            let bounds: (Int, Int?)
            switch scalar {
            case "*": bounds = (0, nil)
            case "+": bounds = (1, nil)
            case "?": bounds = (0, 1)
            case "{":
                guard let counted = try counts() else { throw problem("write \\{ to match a brace") }
                bounds = counted
            default: return node
            }
            if case .start = node { throw problem("'^' cannot be repeated") }
            index += scalar == "{" ? 0 : 1
            if current == "+" { throw problem("possessive quantifiers (*+, ++, ?+) need backtracking and are not supported") }
            if current == "?" { index += 1 }
            node = .repetition(node, minimum: bounds.0, maximum: bounds.1)
        }
        return node
    }

    /// `{n}`, `{n,}` or `{n,m}` at `index` (moving past it), or nil when the brace starts none.
    private mutating func counts() throws(PatternError) -> (Int, Int?)? {
        var cursor = index + 1
        func number() -> Int? {
            let start = cursor
            while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) { cursor += 1 }
            guard cursor > start, cursor - start <= 4 else { return nil }
            return Int(String(String.UnicodeScalarView(scalars[start..<cursor])))
        }
        guard let minimum = number() else { return nil }
        var maximum: Int? = minimum
        if cursor < scalars.count, scalars[cursor] == "," {
            cursor += 1
            maximum = cursor < scalars.count && scalars[cursor] == "}" ? nil : number()
            if maximum == nil, cursor < scalars.count, scalars[cursor] != "}" { return nil }
        }
        guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
        guard minimum <= Self.maximumCount, (maximum ?? 0) <= Self.maximumCount, minimum <= (maximum ?? minimum) else {
            throw problem("a repetition count must be at most \(Self.maximumCount), and {n,m} needs n ≤ m")
        }
        index = cursor + 1
        return (minimum, maximum)
    }

    private mutating func atom() throws(PatternError) -> PatternNode {
        guard let scalar = current else { throw problem("the pattern ends too early") }
        switch scalar {
        case "(": return try group()
        case "[":
            index += 1
            return .test(.set(try bracket()))
        case ".":
            index += 1
            return .test(.anyButNewline)
        case "^":
            index += 1
            return .start
        case "$":
            index += 1
            return .end
        case "\\":
            return .test(try escape())
        case "{":
            throw problem("write \\{ to match a brace")
        case "*", "+", "?":
            throw problem("'\(scalar)' has nothing before it to repeat; write \\\(scalar) to match it")
        default:
            index += 1
            return .test(.literal(scalar))
        }
    }

    private mutating func group() throws(PatternError) -> PatternNode {
        depth += 1
        guard depth <= Self.maximumDepth else { throw problem("groups are nested too deeply") }
        index += 1
        if current == "?" {
            guard index + 1 < scalars.count, scalars[index + 1] == ":" else {
                throw problem("only (...) and (?:...) groups are supported: look-around, named and atomic groups, "
                    + "and flags other than a leading (?i), are not")
            }
            index += 2
        }
        let inner = try alternatives()
        guard current == ")" else { throw problem("a '(' is never closed") }
        index += 1
        depth -= 1
        return inner
    }

    /// `\x` at `index`: a class, a control character or a literal punctuation character.
    private mutating func escape() throws(PatternError) -> ScalarTest {
        index += 1
        guard let scalar = current else { throw problem("the pattern ends with a lone backslash") }
        index += 1
        switch scalar {
        case "d": return .set(.digits)
        case "D": return .set(ScalarSet.digits.inverted)
        case "w": return .set(.word)
        case "W": return .set(ScalarSet.word.inverted)
        case "s": return .set(.space)
        case "S": return .set(ScalarSet.space.inverted)
        case "t": return .literal("\t")
        case "n": return .literal("\n")
        case "r": return .literal("\r")
        default:
            guard !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else {
                index -= 2
                throw problem("'\\\(scalar)' is not supported (back-references and other letter escapes are not)")
            }
            return .literal(scalar)
        }
    }

    /// The set after a `[`, up to and past its `]`.
    private mutating func bracket() throws(PatternError) -> ScalarSet {
        var set = ScalarSet()
        if current == "^" {
            set.negated = true
            index += 1
        }
        var first = true
        while let scalar = current, scalar != "]" || first {
            first = false
            let low: Unicode.Scalar
            if scalar == "\\" {
                switch try escape() {
                case .literal(let literal): low = literal
                case .set(let inner):
                    // A negated class inside brackets ([\D]) would need set difference; not worth it here.
                    guard !inner.negated else { throw problem("\\D, \\W and \\S are not supported inside [...]") }
                    set.ranges += inner.ranges
                    continue
                case .anyButNewline: continue
                }
            } else {
                low = scalar
                index += 1
            }
            if current == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                index += 1
                guard let high = current, high != "\\" else { throw problem("a range must end with a plain character") }
                index += 1
                guard low.value <= high.value else { throw problem("the range \(low)-\(high) is backwards") }
                set.ranges.append(low.value...high.value)
            } else {
                set.ranges.append(low.value...low.value)
            }
        }
        guard current == "]" else { throw problem("a '[' is never closed") }
        index += 1
        return set
    }
}

/// A regular expression for `fails: { message: ... }`, matched without backtracking, so that no pattern can
/// make a test spin: matching takes time proportional to the message's length times the pattern's size.
///
/// The syntax is the common core of ICU, POSIX ERE and Swift `Regex`:
/// - characters match themselves; `\` before any punctuation matches it literally (`\.`, `\(`, `\$`, `\{`);
///   `\t`, `\n`, `\r`; `\d \w \s` and `\D \W \S` (ASCII digits, word characters `[A-Za-z0-9_]`, white space);
/// - `.` matches any character but a line break; `[abc]`, `[a-z0-9_]`, `[^"]` (with the escapes above inside);
/// - `^` and `$` match at the start and end of the message (`$` also before a final line break);
/// - `(...)` and `(?:...)` group, `|` separates alternatives;
/// - `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` (n, m ≤ 1000) repeat; a lazy `?` after them is accepted (it cannot
///   change whether a message matches);
/// - `(?i)` at the very start matches ignoring case.
///
/// Back-references, look-around and possessive or atomic groups need backtracking and are refused with a
/// ``PatternError``.
public struct MessagePattern: Sendable {
    let program: [Instruction]
    let ignoresCase: Bool

    /// The most instructions a pattern compiles to; `(a{1000}){1000}` would otherwise be a million.
    static let maximumSize = 20_000

    /// Compiles `pattern`.
    ///
    /// - Throws: a ``PatternError`` naming the 1-based character position of the problem.
    public init(_ pattern: String) throws(PatternError) {
        var parser = PatternParser(Array(pattern.unicodeScalars))
        let (node, ignoresCase) = try parser.parse()
        var compiler = PatternCompiler(ignoresCase: ignoresCase)
        try compiler.emit(node)
        compiler.program.append(.match)
        program = compiler.program
        self.ignoresCase = ignoresCase
    }

    /// Whether some part of `text` matches (as `String.contains(_:)` with a regex).
    public func matches(in text: String) -> Bool {
        let scalars = text.unicodeScalars.map { ignoresCase ? Self.folded($0) : $0 }
        var current = ThreadList(size: program.count)
        var next = ThreadList(size: program.count)
        for position in 0...scalars.count {
            // Unanchored: a new attempt starts at every position, merged with those under way.
            add(0, to: &current, at: position, in: scalars)
            if current.hasMatch { return true }
            guard position < scalars.count else { break }
            next.reset()
            for pc in current.threads {
                if case .scalar(let test) = program[pc], test.accepts(scalars[position]) {
                    add(pc + 1, to: &next, at: position + 1, in: scalars)
                }
            }
            swap(&current, &next)
        }
        return false
    }

    /// The scalar as compared when ignoring case.
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    /// Follows jumps, splits and assertions from `start` (with an explicit stack: no recursion to overflow),
    /// adding each instruction that consumes a character, or the match, once.
    private func add(_ start: Int, to list: inout ThreadList, at position: Int, in scalars: [Unicode.Scalar]) {
        var pending = [start]
        while let pc = pending.popLast() {
            guard list.visit(pc) else { continue }
            switch program[pc] {
            case .jump(let target): pending.append(target)
            case .split(let first, let second): pending += [second, first]
            case .start: if position == 0 { pending.append(pc + 1) }
            case .end:
                if position == scalars.count || (position == scalars.count - 1 && scalars[position] == "\n") {
                    pending.append(pc + 1)
                }
            case .scalar: list.threads.append(pc)
            case .match: list.hasMatch = true
            }
        }
    }
}

/// Why a message pattern was refused, at a 1-based character position in it.
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: Int
    public var reason: String

    public var description: String { "\(reason) (at character \(position))" }
}

/// The threads of one step of the match: instructions waiting for the next character, each at most once.
struct ThreadList {
    var threads: [Int] = []
    var hasMatch = false
    private var visitedAt: [Int]
    private var generation = 1

    init(size: Int) {
        visitedAt = Array(repeating: 0, count: size)
    }

    /// Marks `pc` as reached in this step; false when it already was.
    mutating func visit(_ pc: Int) -> Bool {
        guard visitedAt[pc] != generation else { return false }
        visitedAt[pc] = generation
        return true
    }

    /// Empties the list without clearing the marks one by one.
    mutating func reset() {
        threads.removeAll(keepingCapacity: true)
        hasMatch = false
        generation += 1
    }
}

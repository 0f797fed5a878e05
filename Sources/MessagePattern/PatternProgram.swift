/// One step of a compiled pattern (a Thompson/Pike program).
enum Instruction: Sendable {
    case scalar(ScalarTest)
    /// Continue at both targets.
    case split(Int, Int)
    case jump(Int)
    /// `^` and `$`.
    case start, end
    case match
}

/// Which characters one position of the pattern accepts.
enum ScalarTest: Sendable {
    case literal(Unicode.Scalar)
    /// `.`: anything but a line break.
    case anyButNewline
    case set(ScalarSet)

    func accepts(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .literal(let wanted): scalar == wanted
        case .anyButNewline: scalar != "\n" && scalar != "\r"
        case .set(let set): set.contains(scalar)
        }
    }
}

/// A bracket expression or a class such as `\d`: ranges of scalar values, possibly negated.
struct ScalarSet: Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var negated = false

    static let digits = ScalarSet(ranges: [0x30...0x39])
    static let word = ScalarSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let space = ScalarSet(ranges: [0x09...0x0D, 0x20...0x20])

    func contains(_ scalar: Unicode.Scalar) -> Bool {
        ranges.contains { $0.contains(scalar.value) } != negated
    }

    var inverted: ScalarSet { ScalarSet(ranges: ranges, negated: !negated) }
}

/// A parsed pattern.
indirect enum PatternNode {
    case empty
    case test(ScalarTest)
    case start, end
    case sequence([PatternNode])
    case alternatives([PatternNode])
    case repetition(PatternNode, minimum: Int, maximum: Int?)
}

/// Turns a parsed pattern into instructions, refusing programs larger than ``MessagePattern/maximumSize``.
struct PatternCompiler {
    let ignoresCase: Bool
    var program: [Instruction] = []

    mutating func emit(_ node: PatternNode) throws(PatternError) {
        guard program.count < MessagePattern.maximumSize else {
            throw PatternError(position: 1, reason: "the pattern is too large once its repetitions are counted out")
        }
        switch node {
        case .empty: break
        case .test(let test): program.append(.scalar(folded(test)))
        case .start: program.append(.start)
        case .end: program.append(.end)
        case .sequence(let items): for item in items { try emit(item) }
        case .alternatives(let options): try emitAlternatives(options[...])
        case .repetition(let body, let minimum, let maximum): try emitRepetition(body, minimum, maximum)
        }
    }

    /// `split first, rest; first; jump end; rest...`.
    private mutating func emitAlternatives(_ options: ArraySlice<PatternNode>) throws(PatternError) {
        guard let first = options.first else { return }
        guard options.count > 1 else { return try emit(first) }
        let split = program.count
        program.append(.jump(0))
        try emit(first)
        let jump = program.count
        program.append(.jump(0))
        program[split] = .split(split + 1, program.count)
        try emitAlternatives(options.dropFirst())
        program[jump] = .jump(program.count)
    }

    private mutating func emitRepetition(_ body: PatternNode, _ minimum: Int, _ maximum: Int?) throws(PatternError) {
        for _ in 0..<minimum { try emit(body) }
        guard let maximum else {
            // loop: split body, exit; body; jump loop
            let loop = program.count
            program.append(.jump(0))
            try emit(body)
            program.append(.jump(loop))
            program[loop] = .split(loop + 1, program.count)
            return
        }
        var exits: [Int] = []
        for _ in minimum..<max(minimum, maximum) {
            exits.append(program.count)
            program.append(.jump(0))
            try emit(body)
        }
        for exit in exits { program[exit] = .split(exit + 1, program.count) }
    }

    private func folded(_ test: ScalarTest) -> ScalarTest {
        guard ignoresCase else { return test }
        switch test {
        case .literal(let scalar): return .literal(MessagePattern.folded(scalar))
        case .anyButNewline: return test
        case .set(var set):
            // Upper-case letters in a range also stand for their lower-case forms, which the text is folded to.
            let upperCase: ClosedRange<UInt32> = 0x41...0x5A
            set.ranges += set.ranges.filter { $0.overlaps(upperCase) }.map { range in
                let upper = range.clamped(to: upperCase)
                return (upper.lowerBound + 0x20)...(upper.upperBound + 0x20)
            }
            return .set(set)
        }
    }
}

/// Converts UTF-8 byte offsets of a script into scalar offsets and 1-based lines and columns, in one forward pass
/// for increasing offsets.
///
/// Line breaks are `\n`, `\r\n` (one break) and a lone `\r`, as in `LineIndex`; columns count scalars.
struct ScriptPositionCounter {
    /// Where a byte offset is, in the units statements and diagnostics report.
    struct Position {
        /// 0-based, in Unicode scalars.
        var offset = 0
        /// 1-based.
        var line = 1
        /// 1-based, in Unicode scalars.
        var column = 1
    }

    private var byteOffset = 0
    private var position = Position()
    /// Whether the last byte passed was `\r`, so that a `\n` right after it does not count as another break.
    private var afterCarriageReturn = false

    /// The position of byte offset `target` of `bytes`, which must start a scalar.
    mutating func position(ofByte target: Int, in bytes: [UInt8]) -> Position {
        if target < byteOffset {
            // Only a diagnostic can look back; starting over keeps the common case linear.
            self = ScriptPositionCounter()
        }
        while byteOffset < target {
            let byte = bytes[byteOffset]
            byteOffset += 1
            if byte.startsScalar { advance(over: byte) }
        }
        return position
    }

    /// Counts the scalar that starts with `byte`: a line break, or one more column.
    private mutating func advance(over byte: UInt8) {
        position.offset += 1
        if byte == UInt8(ascii: "\n") && afterCarriageReturn {
            afterCarriageReturn = false
        } else if byte.isLineBreak {
            position.line += 1
            position.column = 1
            afterCarriageReturn = byte == UInt8(ascii: "\r")
        } else {
            position.column += 1
            afterCarriageReturn = false
        }
    }
}

import Diagnostics

/// The data lines of `COPY ... FROM STDIN`, which follow the statement in the script as psql reads them.
extension ScriptLexer {
    /// Reads the data lines after a COPY statement whose `;` was just read, up to and past the `\.` line.
    ///
    /// - Parameter startedAt: the statement's byte offset, where a missing `\.` is reported.
    /// - Returns: the lines, each ending in `"\n"` (`\r\n` and lone `\r` become `\n`).
    mutating func readCopyData(startedAt: Int) throws(Diagnostic) -> String {
        try skipRestOfCopyLine()
        var data: [UInt8] = []
        while position < bytes.count {
            let lineStart = position
            skipToLineBreak()
            let line = bytes[lineStart..<position]
            skipLineBreak()
            if line.elementsEqual([UInt8(ascii: "\\"), UInt8(ascii: ".")]) {
                return String(decoding: data, as: UTF8.self)
            }
            data += line
            data.append(UInt8(ascii: "\n"))
        }
        throw inputError(
            at: startedAt, code: "unterminated-copy-data",
            message: "COPY ... FROM STDIN has no end-of-data line \\.",
            hint: "end the data lines with a line containing only \\.")
    }

    /// Skips the rest of the COPY statement's line; data starts on the next line, so only whitespace and a
    /// `--` comment may follow the `;` (psql would run anything else after the data, out of order).
    private mutating func skipRestOfCopyLine() throws(Diagnostic) {
        while let current = byte(at: position), !current.isLineBreak {
            if current.isSQLWhitespace {
                position += 1
            } else if current == UInt8(ascii: "-") && byte(at: position + 1) == UInt8(ascii: "-") {
                skipToLineBreak()
            } else {
                throw inputError(
                    at: position, code: "copy-trailing-text",
                    message: "text after COPY ... FROM STDIN on the same line",
                    hint: "start the data on the line after the COPY; put other statements after the \\. line")
            }
        }
        skipLineBreak()
    }
}

/// Converts offsets in a text, counted in Unicode scalars (PostgreSQL's "characters"), into 1-based line and
/// column numbers.
///
/// Line breaks are `\n`, `\r\n` (one break) and a lone `\r`.
public struct LineIndex: Sendable {
    /// Scalar offset of the first scalar of each line.
    private let lineStarts: [Int]

    public init(_ text: String) {
        var starts = [0]
        var offset = 0
        var pendingCR = false
        for scalar in text.unicodeScalars {
            if pendingCR && scalar != "\n" { starts.append(offset) }
            pendingCR = false
            offset += 1
            if scalar == "\n" {
                starts.append(offset)
            } else if scalar == "\r" {
                pendingCR = true
            }
        }
        if pendingCR { starts.append(offset) }
        lineStarts = starts
    }

    /// The 1-based (line, column) of a 0-based scalar offset; the column counts scalars.
    public func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }
}

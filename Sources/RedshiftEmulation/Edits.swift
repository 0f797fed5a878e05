import SQLScanner

/// Replacements of byte ranges of one text, applied in one pass; ranges never overlap.
struct Edits {
    private(set) var replacements: [(range: Range<Int>, text: String)] = []

    var isEmpty: Bool { replacements.isEmpty }

    mutating func replace(_ range: Range<Int>, with text: String) {
        replacements.append((range, text))
    }

    /// Adds edits made on a part of the text that starts at byte `offset`.
    mutating func append(_ other: Edits, shiftedBy offset: Int) {
        for edit in other.replacements {
            replacements.append(((edit.range.lowerBound + offset)..<(edit.range.upperBound + offset), edit.text))
        }
    }

    /// The edited text and the map from its scalar offsets back to the original's.
    func apply(to bytes: [UInt8]) -> (text: String, map: SentTextMap) {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var anchors: [SentTextMap.Anchor] = []
        var cursor = 0
        var sentScalars = 0
        var originalScalars = 0
        // Scalars are counted as bytes are copied, so the map needs no second pass.
        func copy(upTo end: Int) {
            while cursor < end {
                let byte = bytes[cursor]
                output.append(byte)
                if byte & 0xC0 != 0x80 { sentScalars += 1; originalScalars += 1 }
                cursor += 1
            }
        }
        for edit in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) where edit.range.lowerBound >= cursor {
            copy(upTo: edit.range.lowerBound)
            anchors.append(.init(sent: sentScalars, original: originalScalars, replaced: true))
            output += Array(edit.text.utf8)
            sentScalars += edit.text.unicodeScalars.count
            for byte in bytes[edit.range] where byte & 0xC0 != 0x80 { originalScalars += 1 }
            cursor = edit.range.upperBound
            anchors.append(.init(sent: sentScalars, original: originalScalars, replaced: false))
        }
        copy(upTo: bytes.count)
        return (String(decoding: output, as: UTF8.self), SentTextMap(anchors: anchors))
    }
}

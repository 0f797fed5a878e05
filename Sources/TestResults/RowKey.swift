/// A row as a dictionary key that compares text byte for byte.
///
/// Swift's `String ==` treats canonically equivalent text (`é` vs `e` + combining accent) as equal; the
/// server does not, so neither do the comparisons.
struct RowKey: Hashable {
    let fields: [String?]

    init(_ fields: [String?]) {
        self.fields = fields
    }

    static func == (lhs: RowKey, rhs: RowKey) -> Bool {
        sameRow(lhs.fields, rhs.fields)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(fields.count)
        for field in fields {
            guard var text = field else {
                hasher.combine(0 as UInt8)
                continue
            }
            hasher.combine(1 as UInt8)
            hasher.combine(text.utf8.count)
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// Whether two rows hold the same values, NULL equal to NULL, text compared byte for byte.
    static func sameRow(_ lhs: [String?], _ rhs: [String?]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy(sameValue)
    }

    /// Whether two values are the same, NULL equal to NULL, text compared byte for byte.
    static func sameValue(_ lhs: String?, _ rhs: String?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): true
        case let (left?, right?): left.utf8.elementsEqual(right.utf8)
        default: false
        }
    }
}

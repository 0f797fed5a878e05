#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// C copies of Swift strings for libpq calls that take `const char *const *`; freed when the array is released.
final class CStringArray {
    /// One pointer per string (`nil` for a `nil` string), followed by a `nil` terminator when asked for.
    let pointers: [UnsafePointer<CChar>?]

    init(_ strings: [String?], nullTerminated: Bool = false) {
        var pointers = strings.map { string in string.flatMap { strdup($0) }.map { UnsafePointer($0) } }
        if nullTerminated { pointers.append(nil) }
        self.pointers = pointers
    }

    deinit {
        for pointer in pointers { free(UnsafeMutablePointer(mutating: pointer)) }
    }
}

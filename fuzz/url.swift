// libFuzzer entry point for the URL parsers (URI, libpq keywords, JDBC); compiled with their sources by fuzz/run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let target = try? ConnectionString.parse(text) {
        // Masking runs on every parsed URL that is shown to a user.
        _ = target.display
    }
    return 0
}

// libFuzzer entry point for the SQL scanner; compiled into one module with Sources/SQLScanner by fuzz/run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? SQLScanner.statements(in: text, file: "fuzz.sql")
    return 0
}

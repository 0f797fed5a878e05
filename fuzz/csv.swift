// libFuzzer entry point for the CSV fixture reader; compiled with Sources/Specs/CSV by fuzz/run.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? CSVReader.parse(Array(UnsafeBufferPointer(start: data, count: size)), file: "fuzz.csv")
    return 0
}

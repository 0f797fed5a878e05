// libFuzzer entry point for the spec loader (YAML through Yams, then the decoder); compiled with Sources/Specs by
// fuzz/run. Inputs that are not UTF-8 are skipped: the loader's UTF-8 check is the CSV target's TextFile.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    _ = try? SpecLoader.load(text: text, file: "fuzz/spec.yml")
    return 0
}

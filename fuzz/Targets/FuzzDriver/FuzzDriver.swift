#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signature libFuzzer calls for every input.
public typealias FuzzCallback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

#if NNCHECK_FUZZ
/// libFuzzer's documented driver entry point (`-sanitize=fuzzer` links it in). SwiftPM renames an
/// executable's `main`, so each target calls the driver itself instead of relying on libFuzzer's `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: FuzzCallback) -> CInt
#endif

/// Runs libFuzzer with `callback` in a fuzzing build (`-DNNCHECK_FUZZ`), or explains how to get
/// one in an ordinary build; never returns.
public func runFuzzer(_ name: String, _ callback: FuzzCallback) -> Never {
    #if NNCHECK_FUZZ
    var arguments = CommandLine.argc
    var argumentValues = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&arguments, &argumentValues, callback))
    #else
    print("\(name): an ordinary build; run fuzz/run.sh to get the libFuzzer target")
    exit(0)
    #endif
}

/// The bytes libFuzzer passes, as a buffer (empty when `data` is nil).
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
}

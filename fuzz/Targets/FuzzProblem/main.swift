#if NNCHECK_FUZZ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libFuzzer's documented driver entry point (`-sanitize=fuzzer` links it in). SwiftPM renames an
/// executable's `main`, so the target calls the driver itself instead of relying on libFuzzer's `main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var arguments = CommandLine.argc
var argumentValues = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argumentValues, { data, size in
    fuzzOneInput(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
}))
#else
print("FuzzProblem: an ordinary build; run fuzz/run.sh to get the libFuzzer target")
#endif

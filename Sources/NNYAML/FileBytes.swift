#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file with POSIX calls, rejecting it by its size before loading anything.
enum FileBytes {
    /// The file's bytes, or an error if it cannot be opened, is a directory, or exceeds `limits.maxBytes`.
    ///
    /// The size is taken from `fstat` on the opened descriptor, so an oversized regular file is
    /// rejected without reading it; reading also stops after `maxBytes + 1` bytes, so files that
    /// grow meanwhile, pipes and devices are bounded too.
    static func contents(ofPath path: String, displayName: String, limits: YAMLLimits) throws(InputError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw InputError(file: displayName, message: "cannot open file: \(describe(errno: errno))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw InputError(file: displayName, message: "cannot read file: \(describe(errno: errno))")
        }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR {
            throw InputError(file: displayName, message: "is a directory, not a file")
        }
        let statSize = Int(status.st_size)
        if type == S_IFREG && statSize > limits.maxBytes {
            throw tooLarge(statSize, displayName: displayName, limits: limits)
        }
        // One byte more than expected, to notice growth (or anything at all from pipes and devices).
        let expected = type == S_IFREG ? statSize + 1 : 1 << 16
        var failure: Int32 = 0
        var reachedEnd = false
        var bytes = [UInt8](unsafeUninitializedCapacity: min(expected, limits.maxBytes + 1)) { buffer, count in
            (count, reachedEnd, failure) = fill(buffer, from: descriptor)
        }
        if !reachedEnd && failure == 0 {
            let chunkSize = 1 << 16
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkSize) { chunk in
                while !reachedEnd && failure == 0 && bytes.count <= limits.maxBytes {
                    let wanted = min(chunkSize, limits.maxBytes + 1 - bytes.count)
                    let (count, end, error) = fill(UnsafeMutableBufferPointer(rebasing: chunk[..<wanted]),
                                                   from: descriptor)
                    bytes.append(contentsOf: chunk[..<count])
                    (reachedEnd, failure) = (end, error)
                }
            }
        }
        if failure != 0 {
            throw InputError(file: displayName, message: "cannot read file: \(describe(errno: failure))")
        }
        if bytes.count > limits.maxBytes {
            throw InputError(file: displayName, message: "file is larger than the \(MessageText.size(limits.maxBytes))"
                             + " limit for \(limits.fileKind)")
        }
        return bytes
    }

    /// The "file is 2.3 MB, larger than the 1 MB limit for answer files" error.
    static func tooLarge(_ size: Int, displayName: String, limits: YAMLLimits) -> InputError {
        let comparison = MessageText.sizeComparison(size, limit: limits.maxBytes, subject: "file")
        return InputError(file: displayName, message: "\(comparison) for \(limits.fileKind)")
    }

    /// Reads until `buffer` is full, end of file, or an error; returns (bytes read, reached end, errno or 0).
    private static func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>,
                             from descriptor: Int32) -> (Int, Bool, Int32) {
        guard let base = buffer.baseAddress else { return (0, false, 0) }
        var count = 0
        while count < buffer.count {
            let result = read(descriptor, base + count, buffer.count - count)
            if result > 0 {
                count += result
            } else if result == 0 {
                return (count, true, 0)
            } else if errno != EINTR {
                return (count, false, errno)
            }
        }
        return (count, false, 0)
    }

    /// A short description of a POSIX error number.
    private static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT:
            return "file not found"
        case EACCES:
            return "permission denied"
        case EISDIR:
            return "is a directory, not a file"
        default:
            guard let text = strerror(code) else { return "error \(code)" }
            return String(cString: text)
        }
    }
}

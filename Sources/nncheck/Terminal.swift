#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to standard output and standard error with plain `write(2)` calls (no buffering).
enum Terminal {
    /// Writes text to standard output.
    static func write(_ text: String) { writeAll(1, text) }

    /// Writes one line to standard error.
    static func error(_ line: String) { writeAll(2, line.hasSuffix("\n") ? line : line + "\n") }

    /// Writes text to standard error as is (for progress lines).
    static func errorRaw(_ text: String) { writeAll(2, text) }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var t = text
        t.withUTF8 { buf in
            guard let base = buf.baseAddress else { return }
            var off = 0
            while off < buf.count {
                let n = systemWrite(fd, base + off, buf.count - off)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                off += n
            }
        }
    }

    /// Whether standard output is a terminal.
    static var stdoutIsTerminal: Bool { isatty(1) != 0 }
    /// Whether standard error is a terminal.
    static var stderrIsTerminal: Bool { isatty(2) != 0 }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Musl)
private let systemWrite = Musl.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

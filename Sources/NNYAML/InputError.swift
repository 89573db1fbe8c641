/// A problem with an input file, with the position it refers to when one is known.
///
/// This is the only error type NNYAML throws; its `description` is a single line
/// suitable for printing to students and instructors.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name shown in the message.
    public var file: String
    /// The 1-based line the problem refers to, or `nil` for file-level problems.
    public var line: Int?
    /// The 1-based column (in Unicode scalars) the problem refers to, or `nil` when unknown.
    public var column: Int?
    /// A human-readable explanation without the position prefix.
    public var message: String

    /// Creates an error for a file, optionally at a line and column.
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// Creates an error located at `location`.
    public init(at location: SourceLocation, _ message: String) {
        self.init(file: location.file, line: location.line, column: location.column, message: message)
    }

    /// One line: "file:line:column: message" (or "file: message" when no position is known).
    ///
    /// Newlines in the message are replaced by spaces and other control characters
    /// are escaped (`\t`, `\u{1B}`), so the result is always exactly one line.
    public var description: String {
        var prefix = file
        if let line {
            prefix += ":\(line)"
            if let column {
                prefix += ":\(column)"
            }
        }
        return Self.oneLine(prefix + ": " + message)
    }

    /// Replaces line breaks by spaces and escapes other control characters.
    static func oneLine(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                result.append(" ")
            case 0x09:
                result.append(contentsOf: "\\t".unicodeScalars)
            case 0x00..<0x20, 0x7F...0x9F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: "\\u{\(hex)}".unicodeScalars)
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}

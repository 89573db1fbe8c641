/// Reads untrusted YAML (or JSON) input into a `YAMLNode` tree under hard `YAMLLimits`.
///
/// Steps: the size is checked first; the bytes must be UTF-8 text (a leading UTF-8 BOM is
/// skipped; NUL bytes, other control characters and malformed UTF-8 are rejected with their
/// line and column); then libyaml's event parser builds the tree while the limits on depth,
/// node count (after alias expansion), scalar length and aliases are enforced.
///
/// Decisions:
/// - Scalars are returned as text and never resolved to numbers, booleans or dates.
/// - Tags (`!!binary`, `!!python/object`, `!foo`, even `!!str`) are rejected with a message;
///   nothing is ever constructed from a tag.
/// - Anchors, aliases and merge keys are recognised exactly from libyaml's events (not by a
///   lexical scan). With `allowAliases` false the first anchor, alias or `<<` key is an error
///   at its position. With `allowAliases` true each anchored node is built once and memoized
///   with its expanded node count, so an alias costs O(1) and a "billion laughs" document is
///   rejected as soon as its expanded count passes `maxNodes`, without being expanded.
/// - Merge keys (`<<: *base` or `<<: [*a, *b]`) are applied: explicit keys win, earlier
///   sources win over later ones, merged pairs appear where the `<<` key was written.
/// - Duplicate keys (compared as text, so `1` and `"1"` clash) are errors at the second
///   occurrence; only scalars may be keys.
public enum YAMLReader {
    /// Reads exactly one YAML (or JSON) document from bytes. `file` is used in error messages only.
    public static func read(_ bytes: [UInt8], file: String, limits: YAMLLimits) throws(InputError) -> YAMLNode {
        guard bytes.count <= limits.maxBytes else {
            throw FileBytes.tooLarge(bytes.count, displayName: file, limits: limits)
        }
        let result: Result<YAMLNode, InputError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(InputError) -> YAMLNode in
                try read(buffer, file: file, limits: limits)
            }
        }
        return try result.get()
    }

    /// Reads a file from disk (checks size via file attributes BEFORE reading, so a 10 GB file is rejected without loading).
    ///
    /// `displayName` replaces `path` in error messages when given.
    public static func read(contentsOf path: String, displayName: String? = nil,
                            limits: YAMLLimits) throws(InputError) -> YAMLNode {
        let name = displayName ?? path
        let bytes = try FileBytes.contents(ofPath: path, displayName: name, limits: limits)
        return try read(bytes, file: name, limits: limits)
    }

    /// Validates the text encoding, skips a UTF-8 BOM and parses the document with libyaml.
    private static func read(_ buffer: UnsafeBufferPointer<UInt8>, file: String,
                             limits: YAMLLimits) throws(InputError) -> YAMLNode {
        var text = buffer
        if text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF {
            text = UnsafeBufferPointer(rebasing: text[3...])
        }
        if let (offset, problem) = TextCheck.firstProblem(in: text) {
            let (line, column) = TextCheck.position(ofByte: offset, in: text)
            throw InputError(file: file, line: line, column: column,
                             message: message(for: problem, atStart: offset == 0, text: text))
        }
        return try EventReader.read(text, file: file, limits: limits)
    }

    /// The message for a text-encoding problem.
    private static func message(for problem: TextCheck.Problem, atStart: Bool,
                                text: UnsafeBufferPointer<UInt8>) -> String {
        switch problem {
        case .invalidUTF8(let byte):
            if atStart && text.count >= 2 && ((byte == 0xFF && text[1] == 0xFE) || (byte == 0xFE && text[1] == 0xFF)) {
                return "the file is UTF-16 encoded; save it as UTF-8 text"
            }
            return "the file is not valid UTF-8 text (unexpected byte \(hex(byte)) here); save it as UTF-8"
        case .nul:
            return "the file contains a NUL byte; it looks like a binary file (or UTF-16 text), not UTF-8 YAML text"
        case .control(let scalar):
            return "the file contains the control character \(hex(scalar)), which YAML text may not contain;"
                + " is this a binary file?"
        }
    }

    /// A byte or scalar value in hex: 0xE9, U+0007.
    private static func hex<Value: BinaryInteger>(_ value: Value) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        if Value.self == UInt8.self {
            return "0x" + (digits.count < 2 ? "0" + digits : digits)
        }
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

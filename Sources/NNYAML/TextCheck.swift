/// Validates raw input bytes as YAML text (UTF-8, no control characters) and maps byte
/// offsets to 1-based line/column positions the way libyaml counts them.
enum TextCheck {
    /// What is wrong with the first offending byte sequence.
    enum Problem: Equatable {
        /// The bytes are not well-formed UTF-8; `byte` is the first byte of the bad sequence.
        case invalidUTF8(byte: UInt8)
        /// A NUL byte (typical for binary files and UTF-16 text).
        case nul
        /// A character YAML does not allow in a stream (C0/C1 controls, DEL, U+FFFE, U+FFFF).
        case control(scalar: UInt32)
    }

    /// The first problem in `text` and its byte offset, or `nil` when `text` is acceptable YAML text.
    static func firstProblem(in text: UnsafeBufferPointer<UInt8>) -> (offset: Int, problem: Problem)? {
        let count = text.count
        var index = 0
        while index < count {
            let lead = text[index]
            if lead < 0x80 {
                switch lead {
                case 0x20..<0x7F, 0x09, 0x0A, 0x0D:
                    index += 1
                    continue
                case 0x00:
                    return (index, .nul)
                default:
                    return (index, .control(scalar: UInt32(lead)))
                }
            }
            guard let (length, scalar) = decode(text, at: index) else {
                return (index, .invalidUTF8(byte: lead))
            }
            if (scalar >= 0x80 && scalar <= 0x9F && scalar != 0x85) || scalar == 0xFFFE || scalar == 0xFFFF {
                return (index, .control(scalar: scalar))
            }
            index += length
        }
        return nil
    }

    /// Decodes one multi-byte UTF-8 sequence starting at `index`, returning its length and scalar value.
    private static func decode(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (Int, UInt32)? {
        let lead = text[index]
        let length: Int
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
        case 0xED:
            length = 3
            highest = 0x9F
        case 0xF0:
            length = 4
            lowest = 0x90
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4
            highest = 0x8F
        default:
            return nil
        }
        guard index + length <= text.count else { return nil }
        let second = text[index + 1]
        guard second >= lowest && second <= highest else { return nil }
        var scalar = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        scalar = scalar << 6 | UInt32(second & 0x3F)
        var position = index + 2
        while position < index + length {
            let byte = text[position]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
            position += 1
        }
        return (length, scalar)
    }

    /// The 1-based line and column of byte `offset`, counting columns in Unicode scalars and
    /// treating LF, CR, CR LF, NEL, LS and PS as line breaks (as libyaml does).
    ///
    /// The bytes before `offset` must be valid UTF-8 (as guaranteed by `firstProblem`).
    static func position(ofByte offset: Int, in text: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, text.count)
        while index < end {
            let byte = text[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte == 0x0D {
                if index + 1 < text.count && text[index + 1] == 0x0A && index + 1 < end {
                    index += 1
                }
                line += 1
                column = 1
            } else if byte == 0xC2 && index + 1 < text.count && text[index + 1] == 0x85 {
                index += 1
                line += 1
                column = 1
            } else if byte == 0xE2 && index + 2 < text.count && text[index + 1] == 0x80
                        && (text[index + 2] == 0xA8 || text[index + 2] == 0xA9) {
                index += 2
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    /// The Unicode scalar at a 1-based line and column, or `nil` if there is none.
    static func scalar(atLine line: Int, column: Int, in text: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        var currentLine = 1
        var index = 0
        while currentLine < line && index < text.count {
            let byte = text[index]
            if byte == 0x0A {
                currentLine += 1
            } else if byte == 0x0D && !(index + 1 < text.count && text[index + 1] == 0x0A) {
                currentLine += 1
            }
            index += 1
        }
        var currentColumn = 1
        while index < text.count && currentColumn < column {
            index += 1
            while index < text.count && text[index] & 0xC0 == 0x80 {
                index += 1
            }
            currentColumn += 1
        }
        guard index < text.count else { return nil }
        var iterator = UnsafeBufferPointer(rebasing: text[index...]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) {
            return scalar
        }
        return nil
    }
}
